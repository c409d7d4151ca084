"""
The product catalog: what the shops of the directory sell.

A ``Product`` describes an article (name, text, category, legal information, pictures); what a
customer buys is one of its ``ProductVariant``\\ s, which carry price, stock, SKU and GTIN. Every
product has at least one variant: a simple product has exactly one, without a label, and the
forms show its fields as if they were the product's. So the cart, the stock rules and the CSV
import all work on variants and never need a second path.

``Product.price`` and ``Product.in_stock`` summarise the variants (lowest price of a variant that
is offered, "can be bought now") so that search, filters and sorting read one table. Only
``services.product_summary_refresh`` writes them.

Rules live in ``pricing.py`` (unit price, VAT), ``services/`` (writes), ``selectors.py`` (reads)
and ``access.py`` (which products a user may manage).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.models import Shop


class ProductCategory(models.Model):
    """A category of the seeded product taxonomy (two levels); the operator edits it in the admin."""

    name = models.CharField(_("name (German)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_food = models.BooleanField(
        _("food"),
        default=False,
        help_text=_("Food asks for ingredients and allergens instead of product-safety information."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (German is the fallback)."""
        if self.name_en and (get_language() or "de").startswith("en"):
            return self.name_en
        return self.name


class VatRate(models.TextChoices):
    """German VAT rates (§ 12 UStG); stored as the percentage."""

    STANDARD = "19", _("19 % (standard rate)")
    REDUCED = "7", _("7 % (reduced rate, e.g. food and books)")
    ZERO = "0", _("0 % (tax-free or small business)")

    @property
    def percent(self) -> Decimal:
        return Decimal(self.value)


class QuantityUnit(models.TextChoices):
    """The unit of the quantity a product is sold in (PAngV basis in ``pricing.py``)."""

    GRAM = "g", _("g")
    KILOGRAM = "kg", _("kg")
    MILLILITRE = "ml", _("ml")
    LITRE = "l", _("l")
    METRE = "m", _("m")
    SQUARE_METRE = "m2", _("m²")
    CUBIC_METRE = "m3", _("m³")
    PIECE = "piece", _("piece")


class StockMode(models.TextChoices):
    TRACKED = "tracked", _("counted stock")
    ALWAYS = "always", _("always available")
    ON_REQUEST = "on_request", _("on request")


class ProductQuerySet(models.QuerySet["Product"]):
    def visible(self) -> ProductQuerySet:
        """Products customers may see: shown by the owner, not hidden by the operator, in a published shop."""
        return self.filter(is_active=True, hidden_by_operator=False, shop__status=Shop.Status.PUBLISHED)


class Product(models.Model):
    shop = models.ForeignKey(Shop, verbose_name=_("shop"), on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("product name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    category = models.ForeignKey(
        ProductCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    vat_rate = models.CharField(
        _("VAT rate"), max_length=2, choices=VatRate.choices, default=VatRate.STANDARD
    )
    # Contents of one sales unit, for the unit price (e.g. 500 g, 0.75 l). Empty: no unit price.
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    unit = models.CharField(_("unit"), max_length=5, choices=QuantityUnit.choices, default=QuantityUnit.PIECE)
    stock_mode = models.CharField(
        _("availability"), max_length=12, choices=StockMode.choices, default=StockMode.ALWAYS
    )
    allows_pickup = models.BooleanField(_("pickup in the shop"), default=True)
    allows_delivery = models.BooleanField(_("local delivery"), default=True)
    allows_shipping = models.BooleanField(_("shipping"), default=True)
    is_active = models.BooleanField(_("shown in the shop"), default=True)
    hidden_by_operator = models.BooleanField(_("hidden by the operator"), default=False)
    operator_reason = models.TextField(
        _("reason for hiding"), blank=True, help_text=_("The shop sees this text in its back office.")
    )
    # Product safety (GPSR) – not for food.
    manufacturer = models.CharField(_("manufacturer"), max_length=200, blank=True)
    manufacturer_address = models.CharField(_("manufacturer's address"), max_length=300, blank=True)
    product_identifier = models.CharField(_("type, batch or serial number"), max_length=120, blank=True)
    safety_warnings = models.TextField(_("warnings and safety information"), blank=True, max_length=4000)
    # Food (LMIV)
    ingredients = models.TextField(_("ingredients and allergens"), blank=True, max_length=4000)

    # Summary of the variants, written only by ``services.product_summary_refresh``.
    price = models.DecimalField(
        _("price incl. VAT"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    in_stock = models.BooleanField(_("available"), default=True)

    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(fields=["shop", "name", "id"], name="product_shop_name"),
            models.Index(fields=["category", "price"], name="product_category_price"),
            models.Index(fields=["price", "id"], name="product_price"),
            models.Index(fields=["-created_at", "id"], name="product_newest"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:product", kwargs={"product_id": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return slugify(self.name)[:80] or "produkt"

    @property
    def is_visible(self) -> bool:
        return self.is_active and not self.hidden_by_operator


class ProductVariant(models.Model):
    """What a customer buys: the product itself (no label) or one of its sizes/colours."""

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="variants"
    )
    label = models.CharField(
        _("variant"), max_length=120, blank=True, help_text=_("For example “Size M, blue”.")
    )
    price = models.DecimalField(
        _("price incl. VAT"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.00"))]
    )
    compare_at_price = models.DecimalField(
        _("former price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Shown struck through; must be higher than the price."),
    )
    sku = models.CharField(_("SKU (article number)"), max_length=64, blank=True)
    gtin = models.CharField(_("GTIN/EAN"), max_length=14, blank=True)
    # Units on hand; only meaningful when the product's stock is counted.
    stock = models.PositiveIntegerField(_("stock"), default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="variant_stock_not_negative"),
            models.CheckConstraint(condition=Q(price__gte=0), name="variant_price_not_negative"),
        ]
        indexes = [
            models.Index(fields=["product", "sku"], name="variant_product_sku"),
            # The CSV import finds a shop's variants by SKU.
            models.Index(fields=["sku"], name="variant_sku"),
            models.Index(fields=["gtin"], name="variant_gtin"),
        ]

    def __str__(self) -> str:
        return f"{self.product.name} – {self.label}" if self.label else self.product.name


def product_image_path(instance: ProductImage, filename: str) -> str:
    return f"products/{instance.product.shop_id}/{filename}"


class ProductImage(models.Model):
    """A picture of a product. ``image`` is the cleaned JPEG (no metadata); ``image_webp`` its WebP twin."""

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(_("picture"), upload_to=product_image_path, blank=True)
    image_webp = models.ImageField(_("picture (WebP)"), upload_to=product_image_path, blank=True)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=product_image_path, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("what the picture shows"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product picture")
        verbose_name_plural = _("product pictures")

    def __str__(self) -> str:
        return self.alt_text or self.product.name

    @property
    def is_ready(self) -> bool:
        """False while the background task still processes the upload."""
        return bool(self.image)


# --- CSV import (``catalog/csv/``) ----------------------------------------------------------------
# (Imports here so that this block stays in one place at the end of the module.)
import uuid  # noqa: E402

from .csv.storage import private_storage  # noqa: E402


def import_file_path(instance: ImportJob, filename: str) -> str:
    """A random, unguessable name per upload, in one folder per shop."""
    return f"imports/{instance.shop_id}/{uuid.uuid4().hex}.csv"


class ImportJob(models.Model):
    """
    One CSV upload of a shop and what became of it: checked row by row (the preview, nothing
    written), then imported in the background. Counts and progress are written after every batch,
    so the progress page can show them while the job runs.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("being checked")
        PREVIEWED = "previewed", _("checked, not imported yet")
        RUNNING = "running", _("being imported")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    shop = models.ForeignKey(
        Shop, verbose_name=_("shop"), on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("uploaded by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    file = models.FileField(_("CSV file"), upload_to=import_file_path, storage=private_storage, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    delimiter = models.CharField(_("delimiter"), max_length=1, blank=True)
    # Data rows of the file (known after the preview) and how far the current pass has got.
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    # The first rows and the first rejected rows of the last pass, and notes on the columns.
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    error_report = models.FileField(
        _("error report"), upload_to="imports/reports/", storage=private_storage, blank=True
    )
    message = models.TextField(_("message"), blank=True, help_text=_("Why the whole file failed."))
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    started_at = models.DateTimeField(_("import started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("import finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("product import")
        verbose_name_plural = _("product imports")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_working(self) -> bool:
        """The page polls while this is true: the preview or the import still runs."""
        return self.status in {self.Status.UPLOADED, self.Status.RUNNING}
