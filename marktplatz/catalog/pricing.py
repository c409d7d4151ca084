"""
Money rules of the catalog: VAT split and the unit price of the German Price Indication
Ordinance (PAngV § 4: price per 1 kg, 1 l, 1 m, 1 m² or 1 m³ next to the total price).
All amounts are ``Decimal`` rounded half up to cents.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import QuantityUnit

CENT = Decimal("0.01")

# unit → (basis unit, how many of the unit make one basis unit, label of the basis)
_BASIS: dict[str, tuple[str, Decimal, Promise]] = {
    QuantityUnit.GRAM: ("kg", Decimal(1000), _("kg")),
    QuantityUnit.KILOGRAM: ("kg", Decimal(1), _("kg")),
    QuantityUnit.MILLILITRE: ("l", Decimal(1000), _("l")),
    QuantityUnit.LITRE: ("l", Decimal(1), _("l")),
    QuantityUnit.METRE: ("m", Decimal(1), _("m")),
    QuantityUnit.SQUARE_METRE: ("m2", Decimal(1), _("m²")),
    QuantityUnit.CUBIC_METRE: ("m3", Decimal(1), _("m³")),
}


def money(amount: Decimal) -> Decimal:
    """``amount`` rounded half up to cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class UnitPrice:
    amount: Decimal
    basis: str  # "kg", "l", "m", "m2", "m3"
    basis_label: Promise

    def __str__(self) -> str:
        return f"{self.amount} €/{self.basis_label}"


def unit_price(*, price: Decimal, quantity: Decimal | None, unit: str) -> UnitPrice | None:
    """
    The PAngV unit price of ``price`` for ``quantity`` ``unit``, or ``None`` where the law asks
    for none (sold by the piece, or no quantity given). 250 g for 3.49 → 13.96 €/kg.
    """
    if quantity is None or quantity <= 0 or unit not in _BASIS:
        return None
    basis, per_basis, label = _BASIS[unit]
    return UnitPrice(amount=money(price * per_basis / quantity), basis=basis, basis_label=label)


@dataclass(frozen=True)
class VatSplit:
    gross: Decimal
    net: Decimal
    vat: Decimal
    rate: Decimal  # percent, e.g. Decimal("19")


def vat_split(*, gross: Decimal, rate: Decimal) -> VatSplit:
    """Split a gross amount (incl. VAT) into net and VAT at ``rate`` percent; net + vat == gross."""
    gross = money(gross)
    net = money(gross * 100 / (100 + rate))
    return VatSplit(gross=gross, net=net, vat=gross - net, rate=rate)
