"""
Forms of the shop owner's back office. They parse and check what a person typed (formats, required
fields, friendly messages); the rules about the shop itself live in ``services/profile.py``,
``services/images.py`` and ``services/team.py``, whose ``ValidationError``s the views attach here
with :func:`add_service_errors`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from marktplatz.directory.models import (
    Category,
    OpeningHours,
    PaymentMethod,
    ServiceKind,
    Shop,
    ShopLink,
    ShopMembership,
)
from marktplatz.directory.services.profile import (
    ServiceDetails,
    location_in_region,
    opening_hours_problems,
    postal_code_in_region,
    postal_codes_parse,
    postal_codes_problem,
    shop_week,
)

TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S", "%H"]
INTERVALS_PER_DAY = 3
WORKING_DAYS_AFTER_MONDAY = (1, 2, 3, 4)


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, field_map: Mapping[str, str | None] | None = None
) -> None:
    """Attach a service's ``ValidationError`` to ``form``; ``field_map`` renames the service's keys."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        name = field_map.get(key, key)
        form.add_error(name if name in form.fields else None, errors)


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_INPUT_FORMATS,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )


def _money_field(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0"),
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


# --- Basics -----------------------------------------------------------------------------------

LINK_DOMAINS: dict[str, tuple[str, ...]] = {
    ShopLink.Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.me"),
    ShopLink.Platform.INSTAGRAM: ("instagram.com", "instagr.am"),
    ShopLink.Platform.TIKTOK: ("tiktok.com",),
    ShopLink.Platform.YOUTUBE: ("youtube.com", "youtu.be"),
}


@dataclass(frozen=True)
class CategoryOption:
    widget: BoundWidget
    label: str


@dataclass(frozen=True)
class CategoryGroup:
    label: str
    options: list[CategoryOption]
    has_checked: bool


class ShopBasicsForm(forms.Form):
    name = forms.CharField(label=_("Name of your shop"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What do you sell, what makes your shop special? A few sentences are enough."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.filter(is_active=True).select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one category.")},
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        region="DE",
        required=False,
        help_text=_("For example 0381 1234567."),
    )
    email = forms.EmailField(label=_("E-mail for customers"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    payment_methods = forms.MultipleChoiceField(
        label=_("Accepted payment methods"),
        choices=PaymentMethod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    how_to_order = forms.CharField(
        label=_("How to order from us"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: “Call us or send a message, we deliver the same day.”"),
    )
    closed_on_public_holidays = forms.BooleanField(label=_("Closed on public holidays"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for platform, label in ShopLink.Platform.choices:
            self.fields[f"link_{platform}"] = forms.URLField(
                label=label, required=False, assume_scheme="https", max_length=200
            )
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs["autocomplete"] = "url"

    @classmethod
    def initial_for(cls, shop: Shop) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": shop.name,
            "description": shop.description,
            "categories": list(shop.categories.all()),
            "phone": shop.phone,
            "email": shop.email,
            "website": shop.website,
            "payment_methods": list(shop.payment_methods),
            "how_to_order": shop.how_to_order,
            "closed_on_public_holidays": shop.closed_on_public_holidays,
        }
        for link in shop.links.all():
            initial[f"link_{link.platform}"] = link.url
        return initial

    def link_fields(self) -> list[forms.BoundField]:
        return [self[f"link_{platform}"] for platform in ShopLink.Platform.values]

    def links(self) -> dict[str, str]:
        return {
            platform: self.cleaned_data.get(f"link_{platform}") or "" for platform in ShopLink.Platform.values
        }

    def category_groups(self) -> list[CategoryGroup]:
        """The category checkboxes grouped under their main category (which is a choice of its own)."""
        groups: dict[int, tuple[str, int, list[tuple[int, str, CategoryOption]]]] = {}
        for option in self["categories"]:
            category: Category = option.data["value"].instance
            top = category.parent or category
            members = groups.setdefault(top.pk, (top.label, top.position, []))[2]
            if category.parent_id is None:
                label = _("%(category)s in general") % {"category": top.label}
                members.append((-1, "", CategoryOption(option, label)))
            else:
                members.append((category.position, category.label, CategoryOption(option, category.label)))
        return [
            CategoryGroup(
                label=label,
                options=[option for _rank, _name, option in sorted(members, key=lambda m: (m[0], m[1]))],
                has_checked=any(option.widget.data["selected"] for _rank, _name, option in members),
            )
            for label, _position, members in sorted(groups.values(), key=lambda group: (group[1], group[0]))
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for platform, domains in LINK_DOMAINS.items():
            url = cleaned.get(f"link_{platform}")
            if not url:
                continue
            host = (urlsplit(url).hostname or "").lower()
            if not any(host == domain or host.endswith("." + domain) for domain in domains):
                self.add_error(
                    f"link_{platform}",
                    ValidationError(
                        _("Please enter an address on %(domain)s."), params={"domain": domains[0]}
                    ),
                )
        return cleaned


# --- Address ----------------------------------------------------------------------------------


class ShopAddressForm(forms.Form):
    street = forms.CharField(
        label=_("Street and number"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 5}),
    )
    locality = forms.CharField(
        label=_("Town"),
        max_length=80,
        required=False,
        help_text=_("Left empty, we fill it in from the postal code."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    lat = forms.FloatField(
        label=_("Latitude (north)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    lon = forms.FloatField(
        label=_("Longitude (east)"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        south, west, north, east = settings.REGION_BOUNDS
        self.fields["lat"].widget.attrs.update({"min": south, "max": north})
        self.fields["lon"].widget.attrs.update({"min": west, "max": east})

    @classmethod
    def initial_for(cls, shop: Shop) -> dict[str, Any]:
        return {
            "street": shop.street,
            "postal_code": shop.postal_code,
            "locality": shop.locality,
            "lat": round(shop.lat, 6),
            "lon": round(shop.lon, 6),
        }

    def clean_postal_code(self) -> str:
        code: str = self.cleaned_data["postal_code"].strip()
        if not postal_code_in_region(code=code):
            raise ValidationError(
                _("Please enter a five-digit postal code in %(region)s."),
                params={"region": settings.REGION_NAME},
            )
        return code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        if "lat" in self.errors or "lon" in self.errors:
            return cleaned
        if (lat is None) != (lon is None):
            self.add_error("lat", _("Please enter both coordinates, or neither."))
        elif lat is not None and lon is not None and not location_in_region(lat=lat, lon=lon):
            self.add_error(
                "lat",
                ValidationError(
                    _("The position must lie in %(region)s."), params={"region": settings.REGION_NAME}
                ),
            )
        return cleaned


# --- Services ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceSection:
    kind: str
    label: str
    enabled: forms.BoundField
    details: list[forms.BoundField]


class ShopServicesForm(forms.Form):
    """One switch per way of selling, each with the details that kind needs."""

    phone_order_phone = PhoneNumberField(
        label=_("Number for orders"), region="DE", required=False, help_text=_("For example 0381 1234567.")
    )
    phone_order_hours = forms.CharField(
        label=_("When to call"),
        max_length=200,
        required=False,
        help_text=_("For example “Mon–Fri 8–12”; empty means during opening hours."),
    )
    delivery_radius_km = forms.DecimalField(
        label=_("Delivery radius in km"),
        required=False,
        max_digits=5,
        decimal_places=1,
        localize=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("500"))],
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    delivery_postal_codes = forms.CharField(
        label=_("Postal codes you deliver to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "inputmode": "numeric"}),
        help_text=_("Separated by commas or spaces, e.g. 18055, 18057. A radius, these codes or both."),
    )
    delivery_fee = _money_field(_("Delivery fee in euros"), _("Empty if you do not say; 0 for free."))
    delivery_minimum_order = _money_field(_("Minimum order in euros"))
    delivery_note = forms.CharField(label=_("Details"), max_length=500, required=False)
    pickup_note = forms.CharField(
        label=_("Details"),
        max_length=500,
        required=False,
        help_text=_("For example: “Order by phone, collect at the side door from 3 pm.”"),
    )
    shipping_fee = _money_field(_("Shipping fee in euros"))
    shipping_note = forms.CharField(label=_("Details"), max_length=500, required=False)
    online_shop_url = forms.URLField(
        label=_("Address of your online shop"), required=False, assume_scheme="https", max_length=200
    )
    online_shop_note = forms.CharField(label=_("Details"), max_length=500, required=False)
    vouchers_note = forms.CharField(
        label=_("Details"),
        max_length=500,
        required=False,
        help_text=_("For example: “Vouchers from 10 euros, by post or to print.”"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in ServiceKind.choices:
            self.fields[f"{kind}_enabled"] = forms.BooleanField(label=label, required=False)

    @classmethod
    def initial_for(cls, shop: Shop) -> dict[str, Any]:
        initial: dict[str, Any] = {"phone_order_phone": shop.phone}
        for service in shop.services.all():
            kind = service.kind
            initial[f"{kind}_enabled"] = True
            if kind == ServiceKind.PHONE_ORDER:
                initial.update(phone_order_phone=service.phone or shop.phone, phone_order_hours=service.hours)
            elif kind == ServiceKind.DELIVERY:
                initial.update(
                    delivery_radius_km=service.delivery_radius_km,
                    delivery_fee=service.fee,
                    delivery_minimum_order=service.minimum_order,
                    delivery_note=service.note,
                )
            elif kind == ServiceKind.SHIPPING:
                initial.update(shipping_fee=service.fee, shipping_note=service.note)
            elif kind == ServiceKind.ONLINE_SHOP:
                initial.update(online_shop_url=service.url, online_shop_note=service.note)
            else:
                initial[f"{kind}_note"] = service.note
        codes = shop.delivery_postal_codes.order_by("postal_code").values_list("postal_code", flat=True)
        initial["delivery_postal_codes"] = ", ".join(codes)
        return initial

    def sections(self) -> list[ServiceSection]:
        return [
            ServiceSection(
                kind=kind,
                label=str(label),
                enabled=self[f"{kind}_enabled"],
                details=[
                    self[name]
                    for name in self.fields
                    if name.startswith(f"{kind}_") and name != f"{kind}_enabled"
                ],
            )
            for kind, label in ServiceKind.choices
        ]

    def clean_delivery_postal_codes(self) -> list[str]:
        codes = postal_codes_parse(self.cleaned_data["delivery_postal_codes"])
        problem = postal_codes_problem(codes)
        if problem is not None:
            raise problem
        return codes

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f"{kind}_enabled") for kind in ServiceKind.values):
            raise ValidationError(_("Please keep at least one way your customers can buy from you."))
        phone_missing = not cleaned.get("phone_order_phone") and "phone_order_phone" not in self.errors
        if cleaned.get("phone_order_enabled") and phone_missing:
            self.add_error("phone_order_phone", _("Please enter the number for orders."))
        return cleaned

    def services(self) -> list[ServiceDetails]:
        data = self.cleaned_data
        details = {
            ServiceKind.PHONE_ORDER: lambda: ServiceDetails(
                kind=ServiceKind.PHONE_ORDER,
                phone=data.get("phone_order_phone") or "",
                hours=data.get("phone_order_hours", ""),
            ),
            ServiceKind.DELIVERY: lambda: ServiceDetails(
                kind=ServiceKind.DELIVERY,
                delivery_radius_km=data.get("delivery_radius_km"),
                fee=data.get("delivery_fee"),
                minimum_order=data.get("delivery_minimum_order"),
                note=data.get("delivery_note", ""),
            ),
            ServiceKind.PICKUP: lambda: ServiceDetails(
                kind=ServiceKind.PICKUP, note=data.get("pickup_note", "")
            ),
            ServiceKind.SHIPPING: lambda: ServiceDetails(
                kind=ServiceKind.SHIPPING, fee=data.get("shipping_fee"), note=data.get("shipping_note", "")
            ),
            ServiceKind.ONLINE_SHOP: lambda: ServiceDetails(
                kind=ServiceKind.ONLINE_SHOP,
                url=data.get("online_shop_url", ""),
                note=data.get("online_shop_note", ""),
            ),
            ServiceKind.VOUCHERS: lambda: ServiceDetails(
                kind=ServiceKind.VOUCHERS, note=data.get("vouchers_note", "")
            ),
        }
        return [build() for kind, build in details.items() if data.get(f"{kind}_enabled")]

    def postal_codes(self) -> list[str]:
        codes: list[str] = self.cleaned_data.get("delivery_postal_codes") or []
        return codes

    # How the service's error keys map to this form's fields.
    SERVICE_ERROR_FIELDS: Mapping[str, str] = {
        "delivery_radius_km": "delivery_radius_km",
        "delivery_postal_codes": "delivery_postal_codes",
        "url": "online_shop_url",
    }


# --- Opening hours ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HoursRow:
    number: int
    opens: forms.BoundField
    closes: forms.BoundField


@dataclass(frozen=True)
class HoursDay:
    weekday: int
    label: str
    first: HoursRow
    more: list[HoursRow]
    more_filled: bool


class OpeningHoursForm(forms.Form):
    """The regular week: up to three intervals per weekday; a day without any is closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for weekday, day in OpeningHours.Weekday.choices:
            for slot in range(INTERVALS_PER_DAY):
                self.fields[self.field_name(weekday, slot, "opens")] = _time_field(
                    _("%(day)s, time %(number)s: opens") % {"day": day, "number": slot + 1}
                )
                self.fields[self.field_name(weekday, slot, "closes")] = _time_field(
                    _("%(day)s, time %(number)s: closes") % {"day": day, "number": slot + 1}
                )

    @staticmethod
    def field_name(weekday: int, slot: int, part: str) -> str:
        return f"d{weekday}_{slot}_{part}"

    @classmethod
    def initial_for(cls, shop: Shop) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for weekday, intervals in shop_week(shop=shop).items():
            for slot, (opens, closes) in enumerate(intervals[:INTERVALS_PER_DAY]):
                initial[cls.field_name(weekday, slot, "opens")] = opens
                initial[cls.field_name(weekday, slot, "closes")] = closes
        return initial

    @classmethod
    def monday_copied(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        """The submitted values with Monday's times copied to Tuesday–Friday (the no-JS button)."""
        values = {name: data.get(name, "") for name in cls().fields}
        for weekday in WORKING_DAYS_AFTER_MONDAY:
            for slot in range(INTERVALS_PER_DAY):
                for part in ("opens", "closes"):
                    values[cls.field_name(weekday, slot, part)] = data.get(cls.field_name(0, slot, part), "")
        return values

    def days(self) -> list[HoursDay]:
        days = []
        for weekday, day in OpeningHours.Weekday.choices:
            rows = [
                HoursRow(
                    slot + 1,
                    self[self.field_name(weekday, slot, "opens")],
                    self[self.field_name(weekday, slot, "closes")],
                )
                for slot in range(INTERVALS_PER_DAY)
            ]
            more_filled = any(
                row.opens.value() or row.closes.value() or row.opens.errors or row.closes.errors
                for row in rows[1:]
            )
            days.append(HoursDay(weekday, str(day), rows[0], rows[1:], more_filled))
        return days

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        week: dict[int, list[tuple[dt.time, dt.time]]] = {}
        slots: dict[int, list[int]] = {}
        for weekday, day in OpeningHours.Weekday.choices:
            week[weekday], slots[weekday] = [], []
            for slot in range(INTERVALS_PER_DAY):
                opens_name = self.field_name(weekday, slot, "opens")
                closes_name = self.field_name(weekday, slot, "closes")
                if opens_name in self.errors or closes_name in self.errors:
                    continue
                opens, closes = cleaned.get(opens_name), cleaned.get(closes_name)
                if opens is None and closes is None:
                    continue
                if opens is None or closes is None:
                    self.add_error(
                        opens_name if opens is None else closes_name,
                        _("%(day)s: please enter both an opening and a closing time.") % {"day": day},
                    )
                    continue
                week[weekday].append((opens, closes))
                slots[weekday].append(slot)
        for problem in opening_hours_problems(week=week):
            slot = slots[problem.weekday][problem.index]
            self.add_error(self.field_name(problem.weekday, slot, "closes"), problem.message)
        self.week = week
        return cleaned


# --- Special days -----------------------------------------------------------------------------


class SpecialDayForm(forms.Form):
    CLOSED, OPEN = "closed", "open"

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=_("On this day"),
        choices=[(CLOSED, _("closed all day")), (OPEN, _("open at other times"))],
        initial=CLOSED,
        widget=forms.RadioSelect,
    )
    opens = _time_field(_("Opens"))
    closes = _time_field(_("Closes"))
    note = forms.CharField(
        label=_("Note"),
        max_length=120,
        required=False,
        help_text=_("For example “Holidays” or “Late-night shopping”."),
    )

    @property
    def is_closed(self) -> bool:
        return bool(self.cleaned_data.get("kind") == self.CLOSED)


# --- Photos and logo --------------------------------------------------------------------------

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp"


def _image_field(label: Any, help_text: Any = "") -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT}),
        error_messages={"required": _("Please choose an image.")},
    )


class PhotoUploadForm(forms.Form):
    image = _image_field(_("Photo"), _("JPEG, PNG or WebP. On a phone you can take the photo right away."))
    alt_text = forms.CharField(
        label=_("What does the photo show?"),
        max_length=200,
        help_text=_("A short description for people who cannot see the photo, e.g. “Our shop window”."),
    )


class LogoUploadForm(forms.Form):
    logo = _image_field(_("Logo"), _("JPEG, PNG or WebP; a square image looks best."))


class PhotoDescriptionForm(forms.Form):
    alt_text = forms.CharField(label=_("What does the photo show?"), max_length=200)


class PhotoMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


# --- Team -------------------------------------------------------------------------------------


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (ShopMembership.Role.STAFF, _("Staff: may edit the shop's entry")),
            (ShopMembership.Role.OWNER, _("Owner: may also manage the team")),
        ],
        initial=ShopMembership.Role.STAFF,
        widget=forms.RadioSelect,
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class InvitationSignupForm(forms.Form):
    """Create the account for an invitation's address right on the invitation page."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned
