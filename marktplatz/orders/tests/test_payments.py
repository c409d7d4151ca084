"""Which ways of paying a shop offers, the bank transfer's GiroCode, IBAN checks, webhook signatures."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.orders.models import ShopBankAccount
from marktplatz.orders.payments import (
    PROVIDERS,
    InvalidSignature,
    PaymentNotSupported,
    girocode_svg,
    iban_clean,
    payment_options,
    webhook_signature,
    webhook_verify,
)

pytestmark = pytest.mark.django_db

IBAN = "DE89370400440532013000"


def _account(shop) -> ShopBankAccount:
    return ShopBankAccount.objects.create(
        shop=shop, account_holder="Bäckerei Krüger", iban=IBAN, bic="COBADEFFXXX"
    )


def test_cash_shop_offers_paying_at_pickup_only() -> None:
    shop = ShopFactory(payment_methods=["cash"])

    options = payment_options(shop=shop, fulfilment="pickup", bank_account=None)

    assert [provider.code for provider in options] == ["in_person"]


def test_paying_in_person_is_not_offered_for_shipping() -> None:
    shop = ShopFactory(payment_methods=["cash", "invoice"])

    options = payment_options(shop=shop, fulfilment="shipping", bank_account=None)

    assert [provider.code for provider in options] == ["invoice"]


def test_bank_transfer_needs_a_bank_account() -> None:
    shop = ShopFactory(payment_methods=["bank_transfer"])

    assert payment_options(shop=shop, fulfilment="shipping", bank_account=None) == []
    assert [
        p.code for p in payment_options(shop=shop, fulfilment="shipping", bank_account=_account(shop))
    ] == ["bank_transfer"]


def test_bank_transfer_instructions_carry_amount_reference_and_girocode() -> None:
    shop = ShopFactory(payment_methods=["bank_transfer"])
    account = _account(shop)

    instructions = PROVIDERS["bank_transfer"].start(
        order_number="MP-ABCD2345-1", amount=Decimal("23.50"), shop=shop, bank_account=account
    )

    assert (instructions.iban, instructions.amount, instructions.reference) == (
        IBAN,
        Decimal("23.50"),
        "MP-ABCD2345-1",
    )
    assert instructions.girocode_svg.startswith('<svg role="img" aria-label="GiroCode')


def test_girocode_encodes_payee_amount_and_reference() -> None:
    account = ShopBankAccount(account_holder="Bäckerei Krüger", iban=IBAN, bic="COBADEFFXXX")

    with mock.patch("segno.helpers.make_epc_qr", wraps=__import__("segno").helpers.make_epc_qr) as make:
        girocode_svg(account=account, amount=Decimal("23.50"), reference="MP-ABCD2345-1")

    make.assert_called_once_with(
        name="Bäckerei Krüger", iban=IBAN, amount=Decimal("23.50"), text="MP-ABCD2345-1", bic="COBADEFFXXX"
    )


def test_iban_is_cleaned_and_its_bic_found() -> None:
    assert iban_clean("de89 3704 0044 0532 0130 00") == (IBAN, "COBADEFFXXX")


def test_wrong_check_digits_are_refused() -> None:
    with pytest.raises(ValidationError) as error:
        iban_clean("DE88 3704 0044 0532 0130 00")

    assert error.value.messages == ["Bitte geben Sie eine gültige IBAN ein."]


def test_offline_methods_have_no_webhook() -> None:
    with pytest.raises(PaymentNotSupported):
        PROVIDERS["invoice"].confirm(body=b"{}", signature="x")


def test_webhook_with_the_right_signature_passes() -> None:
    body = b'{"order": "MP-ABCD2345-1", "status": "paid"}'

    webhook_verify(secret="s3cret", body=body, signature=webhook_signature(secret="s3cret", body=body))


def test_tampered_webhook_is_refused() -> None:
    signature = webhook_signature(secret="s3cret", body=b'{"amount": "1.00"}')

    with pytest.raises(InvalidSignature):
        webhook_verify(secret="s3cret", body=b'{"amount": "100.00"}', signature=signature)


def test_webhook_without_a_secret_is_refused() -> None:
    with pytest.raises(InvalidSignature):
        webhook_verify(secret="", body=b"{}", signature=webhook_signature(secret="", body=b"{}"))
