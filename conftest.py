"""
Fixtures shared by every app's tests: German active, rate limits on, the browser (Playwright
driving Debian's chromium) and the axe-core accessibility check. App-specific factories live in
each app's ``tests/factories.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation

ROOT = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    """Every test writes uploads to its own temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def german() -> Iterator[None]:
    """German active, as for most visitors (use in tests that assert German texts)."""
    with translation.override("de"):
        yield


@pytest.fixture
def rate_limits(settings: Any) -> Iterator[None]:
    """Rate limits switched on (the test settings switch them off), with empty counters."""
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless chromium for the whole test session (Debian's, never a downloaded one)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: run `make browser`.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are
    # still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A desktop-sized page with German as the browser language; map tiles are never loaded."""
    context = browser.new_context(
        locale="de-DE", base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A phone-sized page (375×740, touch) as a shop owner on the go would use."""
    context = browser.new_context(
        locale="de-DE",
        base_url=live_server.url,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and return its violations."""
    page.add_script_tag(path=str(AXE_JS))
    result: dict[str, Any] = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


@pytest.fixture
def assert_accessible() -> Any:
    """``assert_accessible(page)`` fails with axe-core's findings when the page has any violation."""

    def check(page: Any) -> None:
        violations = axe_violations(page)
        assert violations == [], f"axe-core found accessibility violations on {page.url}: {violations}"

    return check
