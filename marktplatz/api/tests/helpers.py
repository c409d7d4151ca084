"""Small helpers shared by the API tests: requests in a chosen language, a fixed clock, a test catalogue."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

BERLIN = ZoneInfo("Europe/Berlin")
# A Wednesday in June without a public holiday in MV, 10:00 in Berlin.
WEDNESDAY_10AM = dt.datetime(2025, 6, 11, 10, 0, tzinfo=BERLIN)


def get(client: Client, path: str, language: str = "en", **params: Any) -> Any:
    """GET ``/api/v1/<path>`` with query ``params`` in ``language``; returns the response."""
    return client.get(f"/api/v1/{path}", params, headers={"accept-language": language})


def freeze_time(monkeypatch: Any, moment: dt.datetime = WEDNESDAY_10AM) -> dt.datetime:
    """Make ``timezone.now()`` answer ``moment`` everywhere (opening hours, "open now")."""
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))
    return moment


def problem(response: Any) -> list[tuple[str, str]]:
    """The (parameter, message) pairs of a 400 answer."""
    return [(item["parameter"], item["message"]) for item in response.json()["detail"]]


def write_catalogue(folder: Path, language: str, messages: dict[str, str]) -> None:
    """Write a compiled gettext catalogue (``django.mo``) for ``language`` under ``folder``."""
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True)
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    keys = sorted(entries)
    ids = strs = b""
    offsets = []
    for key in keys:
        source, translation = key.encode(), entries[key].encode()
        offsets.append((len(ids), len(source), len(strs), len(translation)))
        ids += source + b"\0"
        strs += translation + b"\0"
    header_size = 7 * 4
    ids_start = header_size + len(keys) * 16
    strs_start = ids_start + len(ids)
    table = b"".join(struct.pack("<2I", length, ids_start + offset) for offset, length, _o, _l in offsets)
    table += b"".join(struct.pack("<2I", length, strs_start + offset) for _o, _l, offset, length in offsets)
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), header_size, header_size + len(keys) * 8, 0, 0)
    (target / "django.mo").write_bytes(header + table + ids + strs)
