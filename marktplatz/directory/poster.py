"""
The window poster: a printable A4 PDF a shop hangs in its window so that passers-by find it online.

It shows the platform's name, the shop's name (large, wrapped when long), "Find us online", the
ways to order as short text, a QR code to the shop's page and that address as text. The QR code
is drawn as vector shapes, so it stays sharp at any print size.

German umlauts need a font that has them: DejaVu Sans when installed (any Unicode text), else
reportlab's built-in Helvetica, which covers Latin-1 (ä, ö, ü, ß, é …); characters outside it
become "?" instead of breaking the PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import segno
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from .models import ServiceKind, Shop
from .templatetags.shop_display import phone_display

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PRIMARY = HexColor("#0b5394")
TEXT = HexColor("#1d2327")
MUTED = HexColor("#4a5560")

# Short names of the services for the poster ("Telefonbestellung · Lieferung · Click & Collect").
SERVICE_SHORT_NAMES = {
    ServiceKind.PHONE_ORDER: pgettext_lazy("poster", "Phone orders"),
    ServiceKind.DELIVERY: pgettext_lazy("poster", "Delivery"),
    ServiceKind.PICKUP: pgettext_lazy("poster", "Click & Collect"),
    ServiceKind.SHIPPING: pgettext_lazy("poster", "Shipping"),
    ServiceKind.ONLINE_SHOP: pgettext_lazy("poster", "Online shop"),
    ServiceKind.VOUCHERS: pgettext_lazy("poster", "Vouchers"),
}


@dataclass(frozen=True)
class PosterFonts:
    regular: str
    bold: str
    unicode: bool  # False: a built-in font that only covers Latin-1


def absolute_url(url: str) -> str:
    """``url`` on the public site: paths get ``settings.SITE_URL`` in front; full URLs stay."""
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"https:{url}"
    return f"{settings.SITE_URL}{url}"


def shop_public_url(shop: Shop) -> str:
    """The absolute address of the shop's public page, as printed on the poster and its QR code."""
    return absolute_url(shop.get_absolute_url())


@lru_cache(maxsize=4)
def poster_fonts(font_dir: Path = FONT_DIR) -> PosterFonts:
    """DejaVu Sans (regular and bold) from ``font_dir`` if it is there and readable, else Helvetica."""
    try:
        pdfmetrics.registerFont(TTFont("PosterSans", str(font_dir / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("PosterSans-Bold", str(font_dir / "DejaVuSans-Bold.ttf")))
    except (OSError, TTFError):
        return PosterFonts("Helvetica", "Helvetica-Bold", unicode=False)
    return PosterFonts("PosterSans", "PosterSans-Bold", unicode=True)


def poster_services_text(shop: Shop) -> str:
    """The shop's services as short text in a fixed order: ``Phone orders · Delivery · Click & Collect``."""
    kinds = {service.kind for service in shop.services.all()}
    return " · ".join(str(name) for kind, name in SERVICE_SHORT_NAMES.items() if kind in kinds)


def poster_qr(url: str) -> segno.QRCode:
    """The QR code of ``url`` (error correction M: still readable behind a slightly dirty window)."""
    return segno.make_qr(url, error="m")


class _Writer:
    """Draws centred, wrapped lines top-down on an A4 page."""

    def __init__(self, canvas: Canvas, fonts: PosterFonts) -> None:
        self.canvas, self.fonts = canvas, fonts
        self.width, self.height = A4
        self.margin = 2 * cm
        self.y = self.height - self.margin

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.margin

    def printable(self, text: str) -> str:
        if self.fonts.unicode:
            return text
        return text.encode("cp1252", "replace").decode("cp1252")

    def lines(
        self, text: str, *, size: float, bold: bool = False, color: Color = TEXT, gap: float = 0.3
    ) -> None:
        font = self.fonts.bold if bold else self.fonts.regular
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(color)
        for line in simpleSplit(self.printable(text), font, size, self.text_width):
            self.y -= size
            self.canvas.drawCentredString(self.width / 2, self.y, line)
            self.y -= size * gap
        self.y -= size * 0.2

    def shop_name(self, name: str) -> None:
        """The name as large as fits in three lines (never smaller than 24 pt; then shortened)."""
        name = self.printable(name)
        size, lines = 48.0, simpleSplit(name, self.fonts.bold, 48, self.text_width)
        while len(lines) > 3 and size > 24:
            size -= 4
            lines = simpleSplit(name, self.fonts.bold, size, self.text_width)
        if len(lines) > 3:
            lines = [*lines[:2], lines[2].rstrip() + " …"]
        self.canvas.setFont(self.fonts.bold, size)
        self.canvas.setFillColor(TEXT)
        for line in lines:
            self.y -= size
            self.canvas.drawCentredString(self.width / 2, self.y, line)
            self.y -= size * 0.2
        self.y -= size * 0.3

    def rule(self) -> None:
        self.y -= 0.4 * cm
        self.canvas.setStrokeColor(PRIMARY)
        self.canvas.setLineWidth(2)
        self.canvas.line(self.margin, self.y, self.width - self.margin, self.y)
        self.y -= 0.8 * cm

    def footer(self, text: str) -> None:
        self.canvas.setFont(self.fonts.regular, 10)
        self.canvas.setFillColor(MUTED)
        self.canvas.drawCentredString(self.width / 2, self.margin / 2, self.printable(text))

    def qr_code(self, url: str, *, size: float) -> None:
        """The QR code as one filled path (no seams between modules), centred."""
        matrix = [list(row) for row in poster_qr(url).matrix_iter(scale=1, border=0)]
        module = size / len(matrix)
        left, top = (self.width - size) / 2, self.y - 0.3 * cm
        path = self.canvas.beginPath()
        for row_index, row in enumerate(matrix):
            column = 0
            while column < len(row):
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < len(row) and row[column]:
                    column += 1
                path.rect(
                    left + start * module, top - (row_index + 1) * module, (column - start) * module, module
                )
        self.canvas.setFillColor(HexColor("#000000"))
        self.canvas.drawPath(path, stroke=0, fill=1)
        self.y = top - size - 0.5 * cm


def shop_poster_pdf(shop: Shop, *, compress: bool = True) -> bytes:
    """The poster of ``shop`` as PDF bytes (``compress=False`` keeps the page text readable for tests)."""
    fonts = poster_fonts()
    url = shop_public_url(shop)
    platform = _("Digital Marketplace %(region)s") % {"region": settings.REGION_SHORT_NAME}
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1 if compress else 0)
    canvas.setTitle(f"{shop.name} – {platform}")
    canvas.setAuthor(platform)
    canvas.setSubject(_("Window poster"))

    writer = _Writer(canvas, fonts)
    writer.lines(platform, size=22, bold=True, color=PRIMARY)
    writer.rule()
    writer.shop_name(shop.name)
    writer.lines(f"{shop.street}, {shop.postal_code} {shop.locality}", size=14, color=MUTED)
    writer.y -= 0.4 * cm
    writer.lines(_("Find us online"), size=30, bold=True, color=PRIMARY)
    services = poster_services_text(shop)
    if services:
        writer.lines(services, size=17)
    writer.qr_code(url, size=min(9 * cm, writer.y - 7 * cm))
    writer.lines(_("Scan the code with your phone's camera or type in:"), size=12, color=MUTED)
    writer.lines(url, size=14, bold=True)
    if shop.phone:
        writer.lines(_("Phone: %(phone)s") % {"phone": phone_display(shop.phone)}, size=16)
    writer.footer(
        _("A platform for the local shops of %(REGION_NAME)s.") % {"REGION_NAME": settings.REGION_NAME}
    )
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
