"""
Orders: one ``Checkout`` per purchase of a customer, one ``Order`` per shop in it.

A checkout across three shops creates three orders under one checkout reference; each shop sees
and handles only its own order. ``OrderLine`` keeps a copy of what was bought (name, price, VAT),
so an order never changes when the product does. ``OrderEvent`` records every status change
(who, when). The rules live in ``services/`` (placing, status changes) and ``access.py``.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marktplatz.catalog.models import ProductVariant, VatRate
from marktplatz.directory.models import Shop


class Checkout(models.Model):
    """One purchase: the customer's contact and the reference that ties the shops' orders together."""

    reference = models.CharField(_("checkout reference"), max_length=20, unique=True)
    # The form's one-time key: a second submit (double click, retry) finds the first checkout.
    idempotency_key = models.CharField(max_length=64, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checkouts",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    created_at = models.DateTimeField(_("ordered at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")

    def __str__(self) -> str:
        return self.reference


class Fulfilment(models.TextChoices):
    PICKUP = "pickup", _("Pickup in the shop")
    DELIVERY = "delivery", _("Local delivery")
    SHIPPING = "shipping", _("Shipping")


class OrderStatus(models.TextChoices):
    NEW = "new", _("new")
    ACCEPTED = "accepted", _("accepted")
    READY_FOR_PICKUP = "ready", _("ready for pickup")
    OUT_FOR_DELIVERY = "out_for_delivery", _("out for delivery")
    SHIPPED = "shipped", _("shipped")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class Order(models.Model):
    checkout = models.ForeignKey(
        Checkout, verbose_name=_("checkout"), on_delete=models.PROTECT, related_name="orders"
    )
    shop = models.ForeignKey(Shop, verbose_name=_("shop"), on_delete=models.PROTECT, related_name="orders")
    # "<checkout reference>-<n>": unique, printed on packing slips and bank transfers.
    number = models.CharField(_("order number"), max_length=24, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.NEW, db_index=True
    )
    fulfilment = models.CharField(_("fulfilment"), max_length=10, choices=Fulfilment.choices)
    payment_method = models.CharField(_("payment method"), max_length=30)
    delivery_street = models.CharField(_("street and number"), max_length=120, blank=True)
    delivery_postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    delivery_locality = models.CharField(_("town"), max_length=80, blank=True)
    subtotal = models.DecimalField(_("goods"), max_digits=10, decimal_places=2)
    delivery_fee = models.DecimalField(
        _("delivery fee"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    total = models.DecimalField(_("total"), max_digits=10, decimal_places=2)
    customer_note = models.TextField(_("note to the shop"), blank=True, max_length=1000)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(_("ordered at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["shop", "status", "-created_at"], name="order_shop_status")]
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="order_total_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number


class OrderLine(models.Model):
    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        ProductVariant,
        verbose_name=_("variant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    product_name = models.CharField(_("product"), max_length=200)
    variant_label = models.CharField(_("variant"), max_length=120, blank=True)
    sku = models.CharField(_("SKU"), max_length=64, blank=True)
    unit_price = models.DecimalField(_("unit price incl. VAT"), max_digits=10, decimal_places=2)
    vat_rate = models.CharField(_("VAT rate"), max_length=2, choices=VatRate.choices)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    line_total = models.DecimalField(_("line total"), max_digits=10, decimal_places=2)
    # Whether the units were taken from counted stock (and go back on cancelling).
    stock_reserved = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_line_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"


class OrderEvent(models.Model):
    """One status change of an order: who, when, from which status to which, and why."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("previous status"), max_length=20, choices=OrderStatus.choices, blank=True
    )
    to_status = models.CharField(_("new status"), max_length=20, choices=OrderStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    by_customer = models.BooleanField(_("by the customer"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")

    def __str__(self) -> str:
        return f"{self.order}: {self.from_status or '–'} → {self.to_status}"


class ShopBankAccount(models.Model):
    """Where customers transfer money for a shop's orders paid in advance (the GiroCode's payee)."""

    shop = models.OneToOneField(
        Shop, verbose_name=_("shop"), on_delete=models.CASCADE, related_name="bank_account"
    )
    account_holder = models.CharField(_("account holder"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self) -> str:
        return f"{self.account_holder} ({self.iban[:4]}…{self.iban[-4:]})"
