"""Why a checkout could not be placed: a code per reason (as in Saleor's ``error_codes``) and the details."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class CheckoutErrorCode(StrEnum):
    SOLD_OUT = "sold_out"
    PRICE_CHANGED = "price_changed"
    NOT_AVAILABLE = "not_available"
    FULFILMENT_NOT_OFFERED = "fulfilment_not_offered"
    BELOW_MINIMUM_ORDER = "below_minimum_order"
    EMPTY = "empty"


@dataclass
class CheckoutError(Exception):
    code: CheckoutErrorCode
    variant_ids: list[int] = field(default_factory=list)
    shop_ids: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.code}: variants {self.variant_ids}, shops {self.shop_ids}"


class TransitionNotAllowed(Exception):
    """The order cannot go from its status to the one asked for (or not by this person)."""
