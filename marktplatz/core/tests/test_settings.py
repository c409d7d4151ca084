import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_LIKE = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-8f3k2l1m0n9b8v7c6x5z4",
    "ALLOWED_HOSTS": "marktplatz.example",
    "DATABASE_URL": "sqlite:////tmp/marktplatz-check-deploy.sqlite3",
    "CACHE_URL": "locmemcache://",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # The test settings put development values into os.environ; the subprocess must not see them.
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "TASKS_BACKEND"}
    dropped |= {"SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SITE_URL"}
    # Set by the browser-test fixture in conftest.py; `check --deploy` rightly refuses it.
    dropped |= {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_production_like_variables() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_LIKE)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {**PRODUCTION_LIKE, "SECRET_KEY": ""}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_pages_are_german_by_default(client: Client) -> None:
    response = client.get("/healthz")
    page = client.get("/")

    assert response.status_code == 200
    assert page.headers["Content-Language"] == "de"
    assert '<html lang="de">' in page.content.decode()


@pytest.mark.django_db
def test_language_switch_serves_english_and_keeps_the_page(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/ueber-uns/"})
    page = client.get("/ueber-uns/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/ueber-uns/"
    assert '<html lang="en">' in page.content.decode()


def test_collectstatic_succeeds_with_production_storage(tmp_path: Path) -> None:
    """The manifest storage follows every reference in CSS and JS (source maps included)."""
    env = {**PRODUCTION_LIKE, "STATIC_ROOT": str(tmp_path / "static")}

    result = run_manage("collectstatic", "--noinput", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_a_fresh_clone_gets_its_sqlite_folder(tmp_path: Path) -> None:
    database = tmp_path / "fresh-clone" / "var" / "marktplatz.sqlite3"

    result = run_manage("migrate", "--plan", env={"DEBUG": "true", "DATABASE_URL": f"sqlite:///{database}"})

    assert result.returncode == 0, result.stdout + result.stderr
    assert database.parent.is_dir()
