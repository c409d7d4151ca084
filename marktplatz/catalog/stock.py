"""What a customer is told about availability, from the product's stock mode and the variant's count."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .models import StockMode

FEW_LEFT = 3


class Availability(StrEnum):
    IN_STOCK = "in_stock"
    FEW_LEFT = "few_left"
    SOLD_OUT = "sold_out"
    ON_REQUEST = "on_request"

    @property
    def label(self) -> str:
        return str(_AVAILABILITY_LABELS[self])

    @property
    def can_be_bought(self) -> bool:
        return self in (Availability.IN_STOCK, Availability.FEW_LEFT)


_AVAILABILITY_LABELS = {
    Availability.IN_STOCK: _("In stock"),
    Availability.FEW_LEFT: _("Only a few left"),
    Availability.SOLD_OUT: _("Sold out"),
    Availability.ON_REQUEST: _("On request"),
}


def availability(*, stock_mode: str, stock: int) -> Availability:
    """Availability of one variant: counted stock, always available, or on request."""
    if stock_mode == StockMode.ALWAYS:
        return Availability.IN_STOCK
    if stock_mode == StockMode.ON_REQUEST:
        return Availability.ON_REQUEST
    if stock <= 0:
        return Availability.SOLD_OUT
    if stock <= FEW_LEFT:
        return Availability.FEW_LEFT
    return Availability.IN_STOCK
