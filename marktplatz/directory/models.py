"""
The directory: shops, their categories, how they sell (services), opening hours and pictures.

Rules about these models live in ``services.py`` (writes), ``selectors.py`` (reads),
``hours.py`` (opening hours, "open now") and ``access.py`` (who may manage which shop).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class Category(models.Model):
    """A shop category of the seeded taxonomy (two levels); the operator edits it in the admin."""

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
    icon = models.CharField(_("icon"), max_length=40, blank=True, help_text=_("Name of a symbol, optional."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("directory:search") + f"?category={self.slug}"

    @property
    def label(self) -> str:
        """The name in the active language (German is the fallback)."""
        return category_label(self.name, self.name_en)


def category_label(name: str, name_en: str) -> str:
    """A category's name in the active language: ``name_en`` in English when given, else ``name``."""
    if name_en and (get_language() or "de").startswith("en"):
        return name_en
    return name


class ShopQuerySet(models.QuerySet["Shop"]):
    def published(self) -> ShopQuerySet:
        return self.filter(status=Shop.Status.PUBLISHED)


class Shop(models.Model):
    """A local shop as the public sees it in the directory."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting e-mail confirmation")
        PUBLISHED = "published", _("published")
        HIDDEN = "hidden", _("hidden by the operator")

    class LocationSource(models.TextChoices):
        GAZETTEER = "gazetteer", _("from the postal code")
        PIN = "pin", _("placed on the map by the shop")
        GEOCODER = "geocoder", _("from the address search")

    name = models.CharField(_("shop name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=140, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    status_reason = models.TextField(
        _("reason for the status"), blank=True, help_text=_("Shown to the shop's managers when hidden.")
    )
    is_demo = models.BooleanField(_("demo entry"), default=False)

    description = models.TextField(_("description"), blank=True, max_length=4000)
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), related_name="shops")

    street = models.CharField(_("street and number"), max_length=120)
    postal_code = models.CharField(_("postal code"), max_length=5, db_index=True)
    locality = models.CharField(_("town"), max_length=80)
    district = models.CharField(_("district"), max_length=80, blank=True, db_index=True)
    lat = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    location_source = models.CharField(
        _("location from"), max_length=20, choices=LocationSource.choices, default=LocationSource.GAZETTEER
    )

    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="shops/logos/", blank=True)
    how_to_order = models.TextField(_("how to order from us"), blank=True, max_length=2000)
    payment_methods = models.JSONField(_("accepted payment methods"), default=list, blank=True)
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)

    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)

    objects = ShopQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        indexes = [
            models.Index(fields=["status", "lat", "lon"], name="shop_status_location"),
            # Browsing the directory lists the published shops by name, a page at a time.
            models.Index(fields=["status", "name", "id"], name="shop_status_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:shop", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PaymentMethod(models.TextChoices):
    """Payment methods a shop may accept (stored as codes in ``Shop.payment_methods``)."""

    CASH = "cash", _("cash")
    GIROCARD = "girocard", _("girocard / debit card")
    CREDIT_CARD = "credit_card", _("credit card")
    BANK_TRANSFER = "bank_transfer", _("bank transfer")
    INVOICE = "invoice", _("invoice")
    PAYPAL = "paypal", _("PayPal")
    MOBILE = "mobile", _("mobile payment (Apple Pay, Google Pay)")


class ShopMembership(models.Model):
    """Who manages a shop. Owners may invite staff; staff edit the shop but not its team."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        STAFF = "staff", _("staff")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shop_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.OWNER)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shop manager")
        verbose_name_plural = _("shop managers")
        constraints = [models.UniqueConstraint(fields=["shop", "user"], name="unique_shop_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.shop} ({self.role})"


class StaffInvitation(models.Model):
    """An invitation by e-mail to help manage a shop; accepted through a signed link."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=10, choices=ShopMembership.Role.choices, default=ShopMembership.Role.STAFF
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.shop}"


class ServiceKind(models.TextChoices):
    """How a shop sells today. The values are the API's ``service`` parameter."""

    PHONE_ORDER = "phone_order", _("phone orders")
    DELIVERY = "delivery", _("local delivery")
    PICKUP = "pickup", _("click & collect")
    SHIPPING = "shipping", _("shipping")
    ONLINE_SHOP = "online_shop", _("own online shop")
    VOUCHERS = "vouchers", _("vouchers")


class ShopService(models.Model):
    """One way a shop sells, with the details that kind needs (unused fields stay empty)."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    # phone orders
    phone = PhoneNumberField(_("order phone number"), blank=True)
    hours = models.CharField(_("when to call"), max_length=200, blank=True)
    # delivery
    delivery_radius_km = models.DecimalField(
        _("delivery radius (km)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("500"))],
    )
    fee = models.DecimalField(
        _("fee (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    minimum_order = models.DecimalField(
        _("minimum order (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    # online shop
    url = models.URLField(_("web address"), blank=True)
    note = models.CharField(_("details"), max_length=500, blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [models.UniqueConstraint(fields=["shop", "kind"], name="unique_shop_service")]
        indexes = [models.Index(fields=["kind", "shop"], name="service_kind_shop")]

    def __str__(self) -> str:
        return f"{self.shop}: {self.get_kind_display()}"


class DeliveryPostalCode(models.Model):
    """A postal code a shop delivers to (besides or instead of a delivery radius)."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="delivery_postal_codes")
    postal_code = models.CharField(_("postal code"), max_length=5)

    class Meta:
        verbose_name = _("delivery postal code")
        verbose_name_plural = _("delivery postal codes")
        constraints = [
            models.UniqueConstraint(fields=["postal_code", "shop"], name="unique_delivery_postal_code")
        ]

    def __str__(self) -> str:
        return self.postal_code


class OpeningHours(models.Model):
    """One opening interval on a weekday; a day may have several (e.g. a lunch break)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open"
            ),
        ]
        # "Open now" looks up the shops open at a moment; with the shop in the index that is an
        # index-only scan.
        indexes = [models.Index(fields=["weekday", "opens", "closes", "shop"], name="hours_lookup")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class SpecialDay(models.Model):
    """A date with other hours than usual: closed (holiday, vacation) or special opening."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="special_days")
    date = models.DateField(_("date"))
    is_closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("special day")
        verbose_name_plural = _("special days")
        constraints = [models.UniqueConstraint(fields=["shop", "date"], name="unique_special_day")]
        # "Open now" asks which shops have a special day today.
        indexes = [models.Index(fields=["date"], name="special_day_date")]

    def __str__(self) -> str:
        return f"{self.shop}: {self.date}"


class ShopPhoto(models.Model):
    """A photo of the shop; stored resized and without EXIF data."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="shops/photos/")
    alt_text = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.alt_text or self.image.name or ""


class ShopLink(models.Model):
    """A link to the shop on a social network."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        TIKTOK = "tiktok", "TikTok"
        YOUTUBE = "youtube", "YouTube"
        OTHER = "other", _("other")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="links")
    platform = models.CharField(_("network"), max_length=20, choices=Platform.choices)
    url = models.URLField(_("address"))

    class Meta:
        verbose_name = _("social link")
        verbose_name_plural = _("social links")

    def __str__(self) -> str:
        return self.url
