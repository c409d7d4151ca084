"""
How an order is paid: one interface for every way of paying, so that online providers with split
payouts to the shops can be added next to the offline methods that come first.

A ``PaymentProvider`` can ``start`` a payment (what the customer must do: pay at pickup, transfer
with a GiroCode, wait for the invoice, or – for an online provider – go to its page), ``confirm``
one from the provider's signed webhook, and ``refund``. Which providers a shop offers follows from
the payment methods it accepts (``Shop.payment_methods``), the order's fulfilment, and – for bank
transfers – whether it has a valid bank account.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Protocol

import segno
import segno.helpers
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from marktplatz.directory.models import PaymentMethod, Shop

from .models import Fulfilment, ShopBankAccount

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as LazyText
else:
    LazyText = Promise

# Accepted in the shop, handed over in person: paid at pickup or on delivery.
_IN_PERSON = {PaymentMethod.CASH, PaymentMethod.GIROCARD, PaymentMethod.CREDIT_CARD, PaymentMethod.MOBILE}


@dataclass(frozen=True)
class PaymentInstructions:
    """What the customer sees after ordering (confirmation page and e-mail)."""

    method: str
    text: Promise | str
    # Bank transfer in advance:
    account_holder: str = ""
    iban: str = ""
    bic: str = ""
    amount: Decimal | None = None
    reference: str = ""
    girocode_svg: str = ""
    # Online providers: where to send the customer.
    redirect_url: str = ""


@dataclass(frozen=True)
class PaymentEvent:
    """A provider's confirmed message: the order number it is about and what happened."""

    order_number: str
    status: str  # "paid", "failed", "refunded"
    amount: Decimal
    details: dict[str, str] = field(default_factory=dict)


class PaymentNotSupported(Exception):
    """This provider cannot do that (an offline method has no webhook and refunds in person)."""


class InvalidSignature(Exception):
    """A webhook whose signature does not match: ignore it, never trust its content."""


class PaymentProvider(Protocol):
    code: ClassVar[str]
    label: ClassVar[LazyText]

    def available(self, *, shop: Shop, fulfilment: str, bank_account: ShopBankAccount | None) -> bool: ...

    def start(
        self, *, order_number: str, amount: Decimal, shop: Shop, bank_account: ShopBankAccount | None
    ) -> PaymentInstructions: ...

    def confirm(self, *, body: bytes, signature: str) -> PaymentEvent: ...

    def refund(self, *, order_number: str, amount: Decimal) -> None: ...


class OfflineProvider:
    """Base of the methods settled outside the platform: no webhook, refunds made by the shop."""

    code: ClassVar[str]
    label: ClassVar[LazyText]

    def confirm(self, *, body: bytes, signature: str) -> PaymentEvent:
        raise PaymentNotSupported(f"{self.code} has no webhook")

    def refund(self, *, order_number: str, amount: Decimal) -> None:
        raise PaymentNotSupported(f"{self.code}: the shop refunds in person or by transfer")


class PayInPerson(OfflineProvider):
    code = "in_person"
    label = _("Pay at pickup or on delivery")

    def available(self, *, shop: Shop, fulfilment: str, bank_account: ShopBankAccount | None) -> bool:
        accepts = bool(_IN_PERSON & set(shop.payment_methods))
        return accepts and fulfilment in (Fulfilment.PICKUP, Fulfilment.DELIVERY)

    def start(
        self, *, order_number: str, amount: Decimal, shop: Shop, bank_account: ShopBankAccount | None
    ) -> PaymentInstructions:
        return PaymentInstructions(
            method=self.code, text=_("Please pay when you pick up your order or when it is delivered.")
        )


class BankTransfer(OfflineProvider):
    code = "bank_transfer"
    label = _("Bank transfer in advance")

    def available(self, *, shop: Shop, fulfilment: str, bank_account: ShopBankAccount | None) -> bool:
        return PaymentMethod.BANK_TRANSFER in shop.payment_methods and bank_account is not None

    def start(
        self, *, order_number: str, amount: Decimal, shop: Shop, bank_account: ShopBankAccount | None
    ) -> PaymentInstructions:
        if bank_account is None:
            raise PaymentNotSupported("The shop has no bank account.")
        return PaymentInstructions(
            method=self.code,
            text=_(
                "Please transfer the amount with the order number as reference. The shop hands over "
                "the goods once the money has arrived."
            ),
            account_holder=bank_account.account_holder,
            iban=bank_account.iban,
            bic=bank_account.bic,
            amount=amount,
            reference=order_number,
            girocode_svg=girocode_svg(account=bank_account, amount=amount, reference=order_number),
        )


class Invoice(OfflineProvider):
    code = "invoice"
    label = _("Invoice")

    def available(self, *, shop: Shop, fulfilment: str, bank_account: ShopBankAccount | None) -> bool:
        return PaymentMethod.INVOICE in shop.payment_methods

    def start(
        self, *, order_number: str, amount: Decimal, shop: Shop, bank_account: ShopBankAccount | None
    ) -> PaymentInstructions:
        return PaymentInstructions(method=self.code, text=_("You receive an invoice with the goods."))


_OFFLINE: tuple[PaymentProvider, ...] = (PayInPerson(), BankTransfer(), Invoice())
PROVIDERS: dict[str, PaymentProvider] = {provider.code: provider for provider in _OFFLINE}


def payment_options(
    *, shop: Shop, fulfilment: str, bank_account: ShopBankAccount | None
) -> list[PaymentProvider]:
    """The ways the customer may pay this shop for an order with ``fulfilment``."""
    return [
        provider
        for provider in PROVIDERS.values()
        if provider.available(shop=shop, fulfilment=fulfilment, bank_account=bank_account)
    ]


def iban_clean(value: str) -> tuple[str, str]:
    """The IBAN in compact form and its BIC (empty if unknown); ``ValidationError`` if it is not valid."""
    try:
        iban = IBAN(value)
    except SchwiftyException:
        raise ValidationError(_("Please enter a valid IBAN."), code="invalid_iban") from None
    bic = iban.bic
    return iban.compact, str(bic.compact) if bic else ""


def girocode_svg(*, account: ShopBankAccount, amount: Decimal, reference: str) -> str:
    """
    The GiroCode (EPC QR code, version 002) for a transfer of ``amount`` to ``account`` with the
    order number as text, as inline SVG: banking apps fill in payee, IBAN, amount and reference.
    """
    code = segno.helpers.make_epc_qr(
        name=account.account_holder[:70],
        iban=account.iban,
        amount=amount,
        text=reference[:140],
        bic=account.bic or None,
    )
    label = str(_("GiroCode for the bank transfer"))
    svg = code.svg_inline(scale=4, title=label)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def webhook_signature(*, secret: str, body: bytes) -> str:
    """HMAC-SHA256 of the raw body: what an online provider signs its webhooks with."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_verify(*, secret: str, body: bytes, signature: str) -> None:
    """Raise ``InvalidSignature`` unless ``signature`` is the body's HMAC (compared in constant time)."""
    if not secret or not hmac.compare_digest(webhook_signature(secret=secret, body=body), signature):
        raise InvalidSignature
