"""
Forms of the product back office: the list's filters and bulk actions, the quick form for a phone,
the full product form with its variant rows, and the picture forms. They parse and check what a
person typed; the writes are the services' (``services/products.py``, ``services/images.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.models import Shop

from ..models import Product, ProductCategory, ProductVariant
from ..selectors.backoffice import ProductSort, StockState, Visibility, backoffice_categories, shop_skus_taken
from ..services.images import MAX_IMAGES
from ..services.products import FULFILMENT_FIELDS, PRODUCT_EDITABLE_FIELDS, VariantData, gtin_is_valid

MAX_BULK_IDS = 1000
MAX_VARIANTS = 50
PRICE_MAX = Decimal("99999999.99")


def money_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    """A euro amount typed the German way ("3,49"); a number keyboard on phones."""
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=PRICE_MAX,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Please enter an amount in euros, e.g. 3,49."),
            "max_decimal_places": _("Please enter at most two decimal places (cents)."),
        },
    )


def category_choices(categories: Iterable[ProductCategory], *, blank: Any) -> list[Any]:
    """Select choices grouped under the main categories (each also a choice of its own)."""
    categories = list(categories)
    children: dict[int, list[ProductCategory]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category)
    choices: list[Any] = [("", blank)]
    for top in (category for category in categories if category.parent_id is None):
        general = _("%(category)s in general") % {"category": top.label}
        members = [(top.pk, general)] + [
            (child.pk, child.label)
            for child in sorted(children.get(top.pk, []), key=lambda c: (c.position, c.label))
        ]
        choices.append((top.label, members))
    return choices


class CategoryField(forms.TypedChoiceField):
    """A product category from a grouped select; ``clean`` gives the ``ProductCategory`` or ``None``."""

    def __init__(self, *, blank: Any, **kwargs: Any) -> None:
        super().__init__(coerce=int, empty_value=None, **kwargs)
        self.blank = blank

    def load(self) -> None:
        """Fill the choices (one query); the form calls this in ``__init__``."""
        self.categories = {category.pk: category for category in backoffice_categories()}
        self.choices = category_choices(self.categories.values(), blank=self.blank)

    def clean(self, value: Any) -> ProductCategory | None:
        pk = super().clean(value)
        return None if pk is None else self.categories[pk]


# --- The list -------------------------------------------------------------------------------------


class ProductListForm(forms.Form):
    """The list's search, filters and sorting (GET). Invalid values are ignored, never an error page."""

    q = forms.CharField(
        label=_("Search by name, SKU or GTIN"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(),
    )
    category = CategoryField(label=_("Product category"), required=False, blank=_("All product categories"))
    stock = forms.ChoiceField(
        label=_("Availability"),
        required=False,
        choices=[
            ("", _("Any availability")),
            (StockState.IN_STOCK, _("Available")),
            (StockState.SOLD_OUT, _("Sold out")),
            (StockState.ON_REQUEST, _("On request")),
        ],
    )
    visibility = forms.ChoiceField(
        label=_("Shown or hidden"),
        required=False,
        choices=[
            ("", _("Shown and hidden")),
            (Visibility.SHOWN, _("Shown in the shop")),
            (Visibility.HIDDEN, _("Hidden")),
            (Visibility.HIDDEN_BY_OPERATOR, _("Hidden by the operator")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (ProductSort.NAME, _("Name")),
            (ProductSort.PRICE, _("Price, lowest first")),
            (ProductSort.PRICE_DESC, _("Price, highest first")),
            (ProductSort.NEWEST, _("Newest first")),
            (ProductSort.STOCK, _("Stock, lowest first")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, CategoryField)
        category.load()

    def params(self) -> dict[str, Any]:
        """The keyword arguments of ``backoffice_products`` (fields with a bad value are left out)."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "category": data.get("category"),
            "stock_state": StockState(data["stock"]) if data.get("stock") else None,
            "visibility": Visibility(data["visibility"]) if data.get("visibility") else None,
            "sort": ProductSort(data["sort"]) if data.get("sort") else ProductSort.NAME,
        }


class IdListField(forms.Field):
    """The ids of the ticked checkboxes (``name="product"`` repeated)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": _("Please choose products from the list.")}

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        try:
            ids = sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if len(ids) > MAX_BULK_IDS:
            raise ValidationError(
                _("Please choose at most %(count)s products at once."),
                code="too_many",
                params={"count": MAX_BULK_IDS},
            )
        return ids


class BulkAction:
    HIDE = "hide"
    SHOW = "show"
    PRICE = "price"
    STOCK = "stock"
    DELETE = "delete"


class BulkActionForm(forms.Form):
    """What to do with the ticked products of the list."""

    product = IdListField(
        label=_("Products"), error_messages={"required": _("Please tick at least one product.")}
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("", _("Choose an action")),
            (BulkAction.HIDE, _("Hide")),
            (BulkAction.SHOW, _("Show in the shop")),
            (BulkAction.PRICE, _("Change price by %")),
            (BulkAction.STOCK, _("Set stock")),
            (BulkAction.DELETE, _("Delete")),
        ],
        error_messages={"required": _("Please choose an action.")},
    )
    percent = forms.DecimalField(
        label=_("Change price by (%)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        localize=True,
        help_text=_("For example 10 for 10 % more, −5 for 5 % less."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"invalid": _("Please enter a percentage, e.g. 10 or -5.")},
    )
    stock = forms.IntegerField(
        label=_("New stock"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text=_("For products with counted stock."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
    back = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Ids of their own: the filter form on the same page has a "stock" field too.
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)

    def clean_percent(self) -> Decimal | None:
        value: Decimal | None = self.cleaned_data["percent"]
        if value is not None and value < Decimal(-100):
            raise ValidationError(
                _("A price cannot fall below 0 €. Please lower prices by at most 100 %."),
                code="negative_price",
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        action = cleaned.get("action")
        if action == BulkAction.PRICE and cleaned.get("percent") is None and "percent" not in self.errors:
            self.add_error("percent", _("Please enter by how many percent the prices change."))
        if action == BulkAction.STOCK and cleaned.get("stock") is None and "stock" not in self.errors:
            self.add_error("stock", _("Please enter the new stock."))
        return cleaned

    def back_query(self) -> str:
        """The list's filters to return to, as a clean query string (never a URL of its own)."""
        back = (self.cleaned_data.get("back") or "").lstrip("?") if hasattr(self, "cleaned_data") else ""
        return QueryDict(back).urlencode()


# --- Quick create ---------------------------------------------------------------------------------


class QuickProductForm(forms.Form):
    """Photo, name, price: a product in under a minute on a phone."""

    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("On a phone the camera opens. JPEG, PNG or WebP."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    name = forms.CharField(
        label=_("Product name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Please enter the product's name.")},
    )
    price = money_field(_("Price incl. VAT in euros"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["price"].error_messages["required"] = _("Please enter the price.")
        # A plain file input: "clear" makes no sense for a new product.
        self.fields["photo"].widget = forms.FileInput(attrs={"accept": "image/*", "capture": "environment"})


# --- The full form --------------------------------------------------------------------------------

FOOD_FIELDS = ("ingredients",)
SAFETY_FIELDS = ("manufacturer", "manufacturer_address", "product_identifier", "safety_warnings")


class ProductForm(forms.ModelForm):
    """
    Everything about a product except what its variants carry (price, stock, codes: the formset)
    and its pictures (forms of their own). The fulfilment switches appear for the ways of handing
    over the shop offers; the others keep their value.
    """

    category = CategoryField(label=_("Product category"), required=False, blank=_("No category"))

    class Meta:
        model = Product
        fields = list(PRODUCT_EDITABLE_FIELDS)
        localized_fields = ["quantity"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "vat_rate": forms.RadioSelect,
            "stock_mode": forms.RadioSelect,
            "quantity": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            "safety_warnings": forms.Textarea(attrs={"rows": 3}),
            "ingredients": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "quantity": _("Contents of one sales unit, e.g. 500 g or 0,75 l: for the unit price."),
            "is_active": _("Untick to hide the product from customers without deleting it."),
            "manufacturer": _("Name of the manufacturer or importer in the EU."),
            "ingredients": _("List of ingredients; mark allergens, e.g. in capitals."),
        }
        error_messages = {
            "name": {"required": _("Please enter the product's name.")},
            "quantity": {"invalid": _("Please enter a number, e.g. 500 or 0,75.")},
        }

    def __init__(self, *args: Any, shop: Shop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, CategoryField)
        category.load()
        if self.instance.category_id is not None and not self.is_bound:
            self.initial["category"] = self.instance.category_id
        self.food_category_ids = sorted(pk for pk, c in category.categories.items() if c.is_food)
        offered = set(shop.services.values_list("kind", flat=True))
        self.offered_fulfilment = [field for kind, field in FULFILMENT_FIELDS.items() if kind in offered]
        for field in FULFILMENT_FIELDS.values():
            if field not in self.offered_fulfilment:
                del self.fields[field]

    def fulfilment_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.offered_fulfilment]

    def missing_fulfilment(self) -> list[str]:
        """Labels of the ways of handing over the shop does not offer (set under "How you sell")."""
        return [
            str(Product._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            for name in FULFILMENT_FIELDS.values()
            if name not in self.offered_fulfilment
        ]

    def safety_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SAFETY_FIELDS]

    def product_fields(self) -> dict[str, Any]:
        """The cleaned values as ``product_update`` takes them."""
        return {name: self.cleaned_data[name] for name in self.fields}


class VariantForm(forms.Form):
    """One row of the sellable part: a simple product has one row without a label."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(
        label=_("Variant"),
        max_length=120,
        required=False,
        help_text=_("For example “Size M, blue”. Only needed when there are several variants."),
    )
    price = money_field(_("Price incl. VAT in euros"))
    compare_at_price = money_field(
        _("Former price in euros"),
        required=False,
        help_text=_("Shown struck through; must be higher than the price."),
    )
    stock = forms.IntegerField(
        label=_("Stock"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        initial=0,
        help_text=_("Units on hand, for counted stock."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )
    sku = forms.CharField(
        label=_("SKU (article number)"),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    gtin = forms.CharField(
        label=_("GTIN/EAN"),
        max_length=20,
        required=False,
        help_text=_("The number under the barcode: 8, 12, 13 or 14 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["price"].error_messages["required"] = _("Please enter the price.")

    def clean_sku(self) -> str:
        sku: str = self.cleaned_data["sku"]
        return sku.strip()

    def clean_gtin(self) -> str:
        gtin = "".join(self.cleaned_data["gtin"].split()).replace("-", "")
        if not gtin:
            return ""
        if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
            raise ValidationError(_("A GTIN has 8, 12, 13 or 14 digits."), code="gtin_length")
        if not gtin_is_valid(gtin):
            raise ValidationError(
                _(
                    "This GTIN is not valid: its last digit (the check digit) does not match. "
                    "Please check the number."
                ),
                code="gtin_check_digit",
            )
        return gtin

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        price, compare_at = cleaned.get("price"), cleaned.get("compare_at_price")
        if price is not None and compare_at is not None and compare_at <= price:
            self.add_error(
                "compare_at_price",
                ValidationError(
                    _("The former price must be higher than the price."), code="compare_at_not_higher"
                ),
            )
        return cleaned


class BaseVariantFormSet(forms.BaseFormSet):
    """The variant rows of one product; ``variants()`` turns them into ``VariantData``."""

    def __init__(self, *args: Any, shop: Shop, product: Product, **kwargs: Any) -> None:
        self.shop = shop
        self.product = product
        super().__init__(*args, **kwargs)

    def rows(self) -> list[VariantForm]:
        """The rows that describe a variant: not deleted, not an untouched empty row."""
        return [
            form
            for form in self.forms
            if not (self.can_delete and form.cleaned_data.get("DELETE"))
            and (form.has_changed() or form.cleaned_data.get("id"))
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        rows = self.rows()
        if not rows:
            raise ValidationError(
                _("A product needs at least one price: please keep one row."), code="no_variant"
            )
        if len(rows) > 1:
            for form in rows:
                if not form.cleaned_data.get("label"):
                    form.add_error("label", _("Please name this variant, e.g. “Size M”."))
        seen: dict[str, VariantForm] = {}
        for form in rows:
            sku = form.cleaned_data.get("sku")
            if sku and sku in seen:
                form.add_error("sku", _("Two variants cannot share an SKU."))
            elif sku:
                seen[sku] = form
        taken = shop_skus_taken(shop=self.shop, skus=seen, exclude_product_id=self.product.pk)
        for sku in sorted(taken):
            seen[sku].add_error(
                "sku",
                ValidationError(
                    _("Another product of your shop already has the SKU “%(sku)s”."), params={"sku": sku}
                ),
            )

    def variants(self) -> list[VariantData]:
        """The rows as ``VariantData``; an id that is not one of this product's variants starts a new one."""
        own = set(self.product.variants.values_list("pk", flat=True))
        result = []
        for form in self.rows():
            data = form.cleaned_data
            result.append(
                VariantData(
                    id=data["id"] if data.get("id") in own else None,
                    label=data["label"].strip(),
                    price=data["price"],
                    compare_at_price=data["compare_at_price"],
                    sku=data["sku"],
                    gtin=data["gtin"],
                    stock=data["stock"] or 0,
                )
            )
        return result


VariantFormSet = forms.formset_factory(
    VariantForm,
    formset=BaseVariantFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_VARIANTS,
    validate_max=True,
    absolute_max=MAX_VARIANTS + 10,
)
VARIANT_PREFIX = "variants"


def variant_initial(variants: Sequence[ProductVariant]) -> list[dict[str, Any]]:
    return [
        {
            "id": variant.pk,
            "label": variant.label,
            "price": variant.price,
            "compare_at_price": variant.compare_at_price,
            "stock": variant.stock,
            "sku": variant.sku,
            "gtin": variant.gtin,
        }
        for variant in variants
    ]


def variant_formset(*, shop: Shop, product: Product, data: QueryDict | None = None) -> BaseVariantFormSet:
    """The product's rows from the database, or the submitted ones (``data``)."""
    initial = variant_initial(list(product.variants.all())) if data is None else None
    factory: Any = VariantFormSet  # the stubs do not know the extra keyword arguments
    formset = factory(data, initial=initial, prefix=VARIANT_PREFIX, shop=shop, product=product)
    assert isinstance(formset, BaseVariantFormSet)
    return formset


def with_another_row(data: QueryDict) -> QueryDict:
    """The submitted data with one more (empty) variant row, for the "Add a variant" button."""
    data = data.copy()
    key = f"{VARIANT_PREFIX}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, MAX_VARIANTS))
    return data


# --- Pictures -------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several pictures in one go (``<input type=file multiple>``); each is checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImageUploadForm(forms.Form):
    images = MultipleImageField(
        label=_("Add pictures"),
        error_messages={"required": _("Please choose a picture.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["images"].help_text = _(
            "JPEG, PNG or WebP; you can choose several. Up to %(count)s pictures per product."
        ) % {"count": MAX_IMAGES}


class ImageDescriptionForm(forms.Form):
    alt_text = forms.CharField(label=_("What does the picture show?"), max_length=200, required=False)


class ImageMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])
