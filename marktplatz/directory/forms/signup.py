"""The one short sign-up form of a new shop (everything else comes later in the back office)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.forms.boundfield import BoundWidget
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.models import Category, ServiceKind
from marktplatz.directory.services.signup import locality_match
from marktplatz.geo.gazetteer import localities_for_postal_code, lookup_postal_code

POSTAL_CODE_RE = re.compile(r"^\d{5}$")

#: One sentence per way of selling, shown next to its checkbox.
SERVICE_EXPLANATIONS: dict[str, Promise] = {
    ServiceKind.PHONE_ORDER: _("Customers call you and order by phone."),
    ServiceKind.DELIVERY: _("You bring orders to customers nearby."),
    ServiceKind.PICKUP: _("Customers order in advance and collect at your shop."),
    ServiceKind.SHIPPING: _("You send orders by post or parcel service."),
    ServiceKind.ONLINE_SHOP: _("You sell in your own online shop."),
    ServiceKind.VOUCHERS: _("Customers can buy vouchers from you."),
}


def category_choices() -> list[tuple[Any, Any]]:
    """Active categories for a select: top-level ones alone, or as a group with their children."""
    categories = list(Category.objects.filter(is_active=True).select_related("parent"))
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    choices: list[tuple[Any, Any]] = [("", _("Please choose"))]
    for category in categories:
        if category.parent_id is not None:
            continue
        group = children.get(category.pk)
        if group:
            options = [(category.pk, category.label)] + [(child.pk, child.label) for child in group]
            choices.append((category.label, options))
        else:
            choices.append((category.pk, category.label))
    return choices


class SignupForm(forms.Form):
    name = forms.CharField(
        label=_("Name of your shop"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Please enter the name of your shop.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you the confirmation link. It is not shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
    )
    street = forms.CharField(
        label=_("Street and number"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Please enter the street and house number.")},
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "pattern": "[0-9]{5}", "size": "6"}
        ),
        error_messages={"required": _("Please enter the postal code.")},
    )
    locality = forms.CharField(
        label=_("Town"),
        max_length=80,
        required=False,
        help_text=_("Filled in from the postal code."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    category = forms.TypedChoiceField(
        label=_("Category"),
        coerce=int,
        help_text=_("The one that fits best. You can add more later."),
        error_messages={"required": _("Please choose a category.")},
    )
    services = forms.MultipleChoiceField(
        label=_("How do customers buy from you?"),
        choices=ServiceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose everything that applies. Details such as delivery areas come later."),
        error_messages={"required": _("Please choose at least one way in which customers can buy from you.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the details of my shop are published on the Marktplatz."),
        error_messages={"required": _("Please agree to the publication of your details.")},
    )
    # A honeypot: hidden from people (and screen readers); bots that fill every field fill it too.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]
        self.localities: list[str] = []
        source = self.data if self.is_bound else self.initial
        code = str(source.get("postal_code") or "").strip()
        if POSTAL_CODE_RE.match(code):
            self.localities = localities_for_postal_code(code)
        if len(self.localities) > 1:
            # Several towns share this postal code: offer them as a select.
            field = self.fields["locality"]
            field.widget = forms.Select(
                choices=[("", _("Please choose")), *((name, name) for name in self.localities)],
                attrs={"autocomplete": "address-level2"},
            )
            field.help_text = _("Several towns share this postal code.")

    @property
    def service_options(self) -> list[tuple[BoundWidget, Promise | str]]:
        """The service checkboxes, each with its one-sentence explanation."""
        return [
            (option, SERVICE_EXPLANATIONS.get(str(option.data["value"]), ""))
            for option in self["services"].subwidgets
        ]

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """``(id of the input, message)`` for each error, in field order, for the summary."""
        summary: list[tuple[str, str]] = []
        for field in self:
            anchor = field.id_for_label or f"{field.auto_id}_0"
            summary.extend((anchor, str(error)) for error in field.errors)
        return summary

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean_street(self) -> str:
        return " ".join(self.cleaned_data["street"].split())

    def clean_postal_code(self) -> str:
        code = self.cleaned_data["postal_code"].strip()
        if not POSTAL_CODE_RE.match(code):
            raise forms.ValidationError(_("A postal code has five digits, e.g. 18055."), code="format")
        if lookup_postal_code(code) is None:
            raise forms.ValidationError(
                _("We do not know this postal code in %(region)s. Please check it."),
                code="unknown",
                params={"region": settings.REGION_NAME},
            )
        return code

    def clean_category(self) -> Category:
        category = Category.objects.filter(pk=self.cleaned_data["category"], is_active=True).first()
        if category is None:
            raise forms.ValidationError(_("Please choose a category."), code="invalid_choice")
        return category

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code = cleaned.get("postal_code")
        if not code:
            return cleaned
        localities = localities_for_postal_code(code)
        typed = (cleaned.get("locality") or "").strip()
        if len(localities) == 1:
            cleaned["locality"] = localities[0]
        elif typed and (match := locality_match(postal_code=code, locality=typed)):
            cleaned["locality"] = match
        elif typed:
            self.add_error(
                "locality",
                forms.ValidationError(
                    _("%(town)s does not belong to the postal code %(code)s. Please choose your town."),
                    code="mismatch",
                    params={"town": typed, "code": code},
                ),
            )
        else:
            self.add_error(
                "locality",
                forms.ValidationError(
                    _("Several towns share this postal code. Please choose yours."), code="required"
                ),
            )
        return cleaned
