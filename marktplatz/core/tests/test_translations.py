"""
The German catalogue is complete, keeps the placeholders and is compiled: ``locale/de`` is what every
German page reads, so an untranslated or stale entry would show English to German visitors.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")


def msgfmt(*args: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("msgfmt")
    if tool is None:
        pytest.skip("msgfmt (gettext) is not installed")
    return subprocess.run(  # noqa: S603 - a fixed tool on a file of the repository
        [tool, *args], capture_output=True, text=True, check=False, env={"LC_ALL": "C"}
    )


def test_every_entry_is_translated_and_keeps_its_placeholders() -> None:
    # --check verifies the python-format placeholders of every entry; --statistics counts the rest.
    result = msgfmt("--check", "--statistics", "-o", "/dev/null", str(CATALOGUE))

    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"

    msgfmt("-o", str(fresh), str(CATALOGUE))

    assert fresh.read_bytes() == COMPILED.read_bytes(), "run `make messages` and commit locale/"


def test_german_is_served_from_the_catalogue() -> None:
    with translation.override("de"):
        assert translation.gettext("Save opening hours") == "Öffnungszeiten speichern"
