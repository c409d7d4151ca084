"""
The product search as GET parameters (the product search page and the assortment on a shop page),
validated into a ``ProductSearchParams``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.forms.place import DEFAULT_RADIUS_KM, PlaceSearchForm

from ..models import ProductCategory
from ..selectors.public import FULFILMENT_LABELS, FULFILMENTS, ProductSearchParams

MAX_PRICE = Decimal("99999999.99")
SORT_CHOICES = [
    ("", _("Best match")),
    ("price_asc", _("Price: low to high")),
    ("price_desc", _("Price: high to low")),
    ("distance", _("Distance")),
    ("newest", _("Newest first")),
]
# The fields that narrow a search beyond "what" and "where" (removed by "search without filters").
NARROWING_FIELDS = ("category", "price_min", "price_max", "fulfilment", "in_stock", "shop")


def product_category_choices() -> list[tuple[str, Any]]:
    """Active product categories for a select: each main category a group, itself first, then its children."""
    categories = list(ProductCategory.objects.filter(is_active=True))
    choices: list[tuple[str, Any]] = [("", gettext("All categories"))]
    for parent in (category for category in categories if category.parent_id is None):
        options = [(parent.slug, gettext("All: %(category)s") % {"category": parent.label})]
        options += [(child.slug, child.label) for child in categories if child.parent_id == parent.pk]
        choices.append((parent.label, options))
    return choices


class PriceField(forms.DecimalField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            required=False,
            min_value=Decimal("0"),
            max_value=MAX_PRICE,
            decimal_places=2,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": "8"}),
            **kwargs,
        )


class ProductSearchForm(PlaceSearchForm):
    """The product search; ``origin`` is set when ``near`` names a known place."""

    field_order = ["q"]  # then the place and radius of PlaceSearchForm, then the rest

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=100,
        help_text=_("A product, e.g. honey or trainers"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    price_min = PriceField(label=_("Price from (€)"))
    price_max = PriceField(label=_("Price up to (€)"))
    fulfilment = forms.MultipleChoiceField(
        label=_("How you get it"),
        choices=[(kind, FULFILMENT_LABELS[kind]) for kind in FULFILMENTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Local delivery: to the place given above."),
    )
    in_stock = forms.BooleanField(label=_("In stock only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, with_place: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = product_category_choices()
        self.fields["q"].widget.attrs.update(
            {
                "hx-get": reverse("catalog:product_suggest"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#product-suggestions",
                "hx-swap": "innerHTML",
                "list": "product-suggestions",
            }
        )
        self.fields["near"].widget.attrs.update(
            {
                "hx-get": reverse("directory:place_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#place-suggestions",
                "hx-swap": "innerHTML",
            }
        )
        if not with_place:
            for name in ("near", "radius"):
                del self.fields[name]
            sort = self.fields["sort"]
            assert isinstance(sort, forms.ChoiceField)
            sort.choices = [choice for choice in SORT_CHOICES if choice[0] != "distance"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "price_max",
                forms.ValidationError(_("Enter a price above the lower price."), code="price_range"),
            )
        return data

    def params(self, **fixed: Any) -> ProductSearchParams:
        data = self.cleaned_data
        radius = data.get("radius") or DEFAULT_RADIUS_KM
        values: dict[str, Any] = {
            "q": data.get("q", "").strip(),
            "origin": self.origin,
            "radius_km": float(radius) if self.origin is not None else None,
            "category": data.get("category") or None,
            "price_min": data.get("price_min"),
            "price_max": data.get("price_max"),
            "fulfilment": tuple(data.get("fulfilment") or ()),
            "in_stock": bool(data.get("in_stock")),
            "sort": data.get("sort") or None,
        }
        values.update(fixed)
        return ProductSearchParams(**values)

    @property
    def has_more_filters(self) -> bool:
        """Whether a filter inside "more filters" was used (then that part starts open)."""
        if not self.is_bound:
            return False
        data = self.data
        radius_changed = data.get("radius") not in (None, "", str(DEFAULT_RADIUS_KM))
        names = ("category", "price_min", "price_max", "fulfilment", "in_stock", "sort")
        return radius_changed or any(data.get(name) for name in names)


class ShopAssortmentForm(forms.Form):
    """Search within one shop's products (its page): words and a category of its assortment."""

    q = forms.CharField(
        label=_("Search this shop's products"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.SlugField(label=_("Category"), required=False, max_length=80, widget=forms.HiddenInput)

    def __init__(self, *args: Any, shop_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.shop_id = shop_id

    def params(self) -> ProductSearchParams:
        data = self.cleaned_data
        q = data.get("q", "").strip()
        return ProductSearchParams(
            q=q, category=data.get("category") or None, shop_id=self.shop_id, sort=None if q else "name"
        )
