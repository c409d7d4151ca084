"""The window poster: an A4 PDF with the shop's name, its services and a QR code to its page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.test import Client

from marktplatz.directory import poster
from marktplatz.directory.models import ServiceKind, Shop
from marktplatz.directory.poster import (
    PosterFonts,
    absolute_url,
    poster_fonts,
    poster_services_text,
    shop_poster_pdf,
    shop_public_url,
)

from .factories import ShopFactory, ShopServiceFactory

HELVETICA = PosterFonts("Helvetica", "Helvetica-Bold", unicode=False)

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_FONT_REFERENCE = re.compile(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R")
_TEXT = re.compile(rb"/(F\d+(?:\+\d+)?) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)


def _unescape(raw: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code.isdigit():
            return bytes([int(code, 8)])
        return {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(code, code)

    return _ESCAPE.sub(replace, raw)


def pdf_text(data: bytes) -> str:
    """The text shown by an uncompressed reportlab PDF, one line per text operation."""
    objects = {int(number): body for number, body in _OBJECT.findall(data)}
    to_unicode: dict[bytes, dict[int, str] | None] = {}
    for body in objects.values():
        for name, reference in _FONT_REFERENCE.findall(body):
            cmap = re.search(rb"/ToUnicode (\d+) 0 R", objects.get(int(reference), b""))
            to_unicode[name] = (
                {
                    int(code, 16): chr(int(char, 16))
                    for code, char in re.findall(
                        rb"<([0-9A-F]{2})> <([0-9A-F]{4})>", objects[int(cmap.group(1))]
                    )
                }
                if cmap
                else None
            )
    lines: list[str] = []
    for body in objects.values():
        mapping: dict[int, str] | None = None
        for match in _TEXT.finditer(body):
            if match.group(1):
                mapping = to_unicode.get(match.group(1))
                continue
            raw = _unescape(match.group(2))
            if mapping is None:  # a built-in font: WinAnsiEncoding
                lines.append(raw.decode("cp1252"))
            else:
                lines.append("".join(mapping.get(byte) or chr(byte) for byte in raw))
    return "\n".join(lines)


ADDRESS = "Kröpeliner Straße 1, 18055 Rostock"


def name_lines(lines: list[str]) -> list[str]:
    """The lines of the shop's name: between the platform's name and the shop's address."""
    return lines[1 : lines.index(ADDRESS)]


# --- The address on the poster ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_poster_links_to_the_absolute_address_of_the_shop_page(settings: Any) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    shop = ShopFactory(slug="baeckerei-moeller")

    assert shop_public_url(shop) == "https://marktplatz-mv.de/geschaefte/baeckerei-moeller/"


def test_full_urls_stay_as_they_are() -> None:
    assert absolute_url("https://cdn.example.org/logo.png") == "https://cdn.example.org/logo.png"


@pytest.mark.django_db
def test_the_qr_code_encodes_the_shop_address(settings: Any) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    shop = ShopFactory(slug="laden")

    with mock.patch.object(poster, "poster_qr", wraps=poster.poster_qr) as make_qr:
        shop_poster_pdf(shop)

    make_qr.assert_called_once_with("https://marktplatz-mv.de/geschaefte/laden/")


# --- The PDF ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_poster_is_a_pdf(client: Client) -> None:
    ShopFactory(slug="laden")

    response = client.get("/geschaefte/laden/plakat.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="plakat-laden.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Shop.Status.PENDING, Shop.Status.HIDDEN])
def test_no_poster_for_a_shop_that_is_not_published(client: Client, status: str) -> None:
    ShopFactory(slug="laden", status=status)

    assert client.get("/geschaefte/laden/plakat.pdf").status_code == 404


@pytest.mark.django_db
def test_the_poster_shows_platform_shop_services_and_address(settings: Any, german: None) -> None:
    settings.SITE_URL = "https://marktplatz-mv.de"
    shop = ShopFactory(name="Bäckerei Möller & Söhne", slug="moeller", phone="0381 123456")
    for kind in (ServiceKind.PICKUP, ServiceKind.PHONE_ORDER, ServiceKind.DELIVERY):
        ShopServiceFactory(shop=shop, kind=kind)

    text = pdf_text(shop_poster_pdf(shop, compress=False)).splitlines()

    assert text[0] == "Digitaler Marktplatz MV"
    assert " ".join(name_lines(text)) == "Bäckerei Möller & Söhne"
    assert "Finden Sie uns online" in text
    assert "Telefonbestellung · Lieferung · Click & Collect" in text
    assert "https://marktplatz-mv.de/geschaefte/moeller/" in text
    assert "Telefon: 0381 123456" in text


@pytest.mark.django_db
def test_a_long_shop_name_is_wrapped_onto_several_lines() -> None:
    name = "Bäckerei und Konditorei Möller – feine Backwaren seit 1898 am Alten Markt"
    shop = ShopFactory(name=name)

    text = pdf_text(shop_poster_pdf(shop, compress=False)).splitlines()

    assert len(name_lines(text)) == 3
    assert " ".join(name_lines(text)) == name


@pytest.mark.django_db
def test_an_endless_shop_name_is_shortened_to_three_lines() -> None:
    shop = ShopFactory(name=("Wort " * 24).strip())  # 119 characters of the 120 allowed

    text = pdf_text(shop_poster_pdf(shop, compress=False)).splitlines()

    assert len(name_lines(text)) == 3
    assert name_lines(text)[-1].endswith("…")


@pytest.mark.django_db
def test_umlauts_render_with_the_built_in_font_too() -> None:
    shop = ShopFactory(name="Größer Bäcker Łódź")

    with mock.patch.object(poster, "poster_fonts", return_value=HELVETICA):
        data = shop_poster_pdf(shop, compress=False)

    assert b"/BaseFont /Helvetica-Bold" in data
    # Latin-1 umlauts stay; a letter the built-in font does not have becomes "?".
    assert " ".join(name_lines(pdf_text(data).splitlines())) == "Größer Bäcker ?ód?"


@pytest.mark.django_db
def test_with_dejavu_sans_every_letter_renders() -> None:
    if not (poster.FONT_DIR / "DejaVuSans.ttf").exists():
        pytest.skip("DejaVu Sans is not installed here (the fallback is tested above).")
    shop = ShopFactory(name="Größer Bäcker Łódź")

    data = shop_poster_pdf(shop, compress=False)

    assert b"DejaVuSans-Bold" in data
    assert " ".join(name_lines(pdf_text(data).splitlines())) == "Größer Bäcker Łódź"


def test_missing_fonts_fall_back_to_helvetica(tmp_path: Path) -> None:
    assert poster_fonts(tmp_path) == HELVETICA


@pytest.mark.django_db
def test_the_services_are_short_and_in_a_fixed_order(german: None) -> None:
    shop = ShopFactory()
    for kind in (ServiceKind.VOUCHERS, ServiceKind.SHIPPING, ServiceKind.ONLINE_SHOP):
        ShopServiceFactory(shop=shop, kind=kind)

    assert poster_services_text(shop) == "Versand · Onlineshop · Gutscheine"


@pytest.mark.django_db
def test_a_shop_without_services_has_no_services_line() -> None:
    assert poster_services_text(ShopFactory()) == ""
