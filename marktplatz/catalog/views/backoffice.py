"""
The shop owner's products under ``/meine-geschaefte/<shop>/produkte/``: the list with search,
filters and bulk actions, the quick form for a phone, the full product form with its variants, and
the product's pictures.

Views of the list get the shop through ``directory``'s ``shop_view`` (``access_shop``); views of one
product through :func:`product_view` (``access_product``): 404 for a product that is missing or
belongs to another shop – before anything else, including the check of the HTTP method. Ids that
come in form fields (ticked products, variant rows, pictures) are looked up among the shop's or the
product's own rows only.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marktplatz.directory.forms.backoffice import add_service_errors
from marktplatz.directory.models import Shop
from marktplatz.directory.views.backoffice import backoffice_context, shop_view

from ..access import access_product, products_of_shop
from ..forms.products import (
    BulkAction,
    BulkActionForm,
    ImageDescriptionForm,
    ImageMoveForm,
    ImageUploadForm,
    ProductForm,
    ProductListForm,
    QuickProductForm,
    variant_formset,
    with_another_row,
)
from ..models import Product, ProductImage
from ..pricing import UnitPrice, unit_price
from ..selectors.backoffice import backoffice_products
from ..services import images
from ..services.products import (
    product_duplicate,
    product_quick_create,
    product_update,
    products_change_price,
    products_delete,
    products_set_active,
    products_set_stock,
)

PER_PAGE = 25

P = ParamSpec("P")
ProductViewFunc = Callable[Concatenate[HttpRequest, Shop, Product, P], HttpResponse]


def product_view(*, post_only: bool = False) -> Callable[[ProductViewFunc[P]], Callable[..., HttpResponse]]:
    """
    Wrap a back-office view of one product: anonymous users go to the login page; shop and product
    come from ``access_product`` and are passed instead of the ids. Only then are other methods than
    POST refused for ``post_only`` views.
    """

    def decorator(view: ProductViewFunc[P]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, shop_id: int, product_id: int, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            shop, product = access_product(request.user, shop_id, product_id)
            if post_only and request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, shop, product, *args, **kwargs)

        return wrapper

    return decorator


def _list_url(shop: Shop, query: str = "") -> str:
    url = reverse("catalog:backoffice_products", kwargs={"shop_id": shop.pk})
    return f"{url}?{query}" if query else url


def _edit_url(shop: Shop, product: Product) -> str:
    return reverse("catalog:product_edit", kwargs={"shop_id": shop.pk, "product_id": product.pk})


# --- The list -------------------------------------------------------------------------------------


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


def _list_page(
    request: HttpRequest, shop: Shop, *, params: QueryDict, bulk_form: BulkActionForm | None = None
) -> HttpResponse:
    filter_form = ProductListForm(params)
    products = backoffice_products(shop=shop, **filter_form.params())
    paginator = Paginator(products, PER_PAGE)
    page = paginator.get_page(_page_number(params.get("page")))
    rows = list(page.object_list)
    for product in rows:
        name = getattr(product, "thumbnail_name", None)
        product.thumbnail_url = default_storage.url(name) if name else ""  # type: ignore[attr-defined]
    query = params.copy()
    query.pop("page", None)
    is_filtered = any(params.get(key) for key in ("q", "category", "stock", "visibility"))
    ticked = set(request.POST.getlist("product")) if bulk_form is not None else set()
    context = backoffice_context(
        request,
        shop,
        "products",
        filter_form=filter_form,
        bulk_form=bulk_form or BulkActionForm(initial={"back": params.urlencode()}),
        page=page,
        products=rows,
        ticked=ticked,
        is_filtered=is_filtered,
        back=params.urlencode(),
        page_query=query.urlencode(),
    )
    return render(request, "catalog/backoffice/products.html", context)


@shop_view()
def products_list(request: HttpRequest, shop: Shop) -> HttpResponse:
    return _list_page(request, shop, params=request.GET)


@shop_view(post_only=True)
def products_bulk(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = BulkActionForm(request.POST)
    back = QueryDict(request.POST.get("back", "").lstrip("?"))
    if not form.is_valid():
        return _list_page(request, shop, params=back, bulk_form=form)
    data = form.cleaned_data
    ids: list[int] = data["product"]
    action = data["action"]
    back_url = _list_url(shop, form.back_query())
    if action == BulkAction.DELETE:
        own = list(products_of_shop(shop).filter(pk__in=ids).order_by("name", "pk"))
        if not own:
            form.add_error("product", _("Please tick at least one product."))
            return _list_page(request, shop, params=back, bulk_form=form)
        if not data["confirm"]:
            context = backoffice_context(
                request, shop, "products", products=own, back=form.back_query(), back_url=back_url
            )
            return render(request, "catalog/backoffice/products_confirm_delete.html", context)
        count = products_delete(shop=shop, product_ids=ids)
        messages.success(
            request,
            ngettext("%(count)s product is deleted.", "%(count)s products are deleted.", count)
            % {"count": count},
        )
    elif action in (BulkAction.HIDE, BulkAction.SHOW):
        count = products_set_active(shop=shop, product_ids=ids, is_active=action == BulkAction.SHOW)
        if action == BulkAction.SHOW:
            text = ngettext("%(count)s product is now shown.", "%(count)s products are now shown.", count)
        else:
            text = ngettext("%(count)s product is now hidden.", "%(count)s products are now hidden.", count)
        messages.success(request, text % {"count": count})
    elif action == BulkAction.PRICE:
        try:
            count = products_change_price(shop=shop, product_ids=ids, percent=data["percent"])
        except ValidationError as error:
            form.add_error("percent", error)
            return _list_page(request, shop, params=back, bulk_form=form)
        messages.success(
            request,
            ngettext(
                "The prices of %(count)s product are changed.",
                "The prices of %(count)s products are changed.",
                count,
            )
            % {"count": count},
        )
    else:  # BulkAction.STOCK
        count = products_set_stock(shop=shop, product_ids=ids, stock=data["stock"])
        skipped = products_of_shop(shop).filter(pk__in=ids).count() - count
        text = ngettext(
            "The stock of %(count)s product is set.", "The stock of %(count)s products is set.", count
        ) % {"count": count}
        if skipped:
            text += " " + ngettext(
                "%(count)s product has no counted stock and is unchanged.",
                "%(count)s products have no counted stock and are unchanged.",
                skipped,
            ) % {"count": skipped}
        messages.success(request, text)
    return redirect(back_url)


# --- Quick create ---------------------------------------------------------------------------------


@shop_view()
def product_create(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = QuickProductForm(request.POST, request.FILES) if request.method == "POST" else QuickProductForm()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            product = product_quick_create(
                shop=shop, name=data["name"], price=data["price"], photo=data["photo"]
            )
        except ValidationError as error:
            form.add_error("photo", error)
        else:
            if "another" in request.POST:
                messages.success(
                    request, _("“%(name)s” is saved. Here is the next one.") % {"name": product.name}
                )
                return redirect("catalog:product_create", shop_id=shop.pk)
            messages.success(
                request,
                _("“%(name)s” is saved and shown in your shop. Add more details if you like.")
                % {"name": product.name},
            )
            return redirect(_edit_url(shop, product))
    context = backoffice_context(request, shop, "products", form=form)
    return render(request, "catalog/backoffice/product_create.html", context)


# --- The full form --------------------------------------------------------------------------------


def _unit_price_of(form: Any, *, quantity: Any, unit: str) -> UnitPrice | None:
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else form.initial
    price = data.get("price")
    if price is None:
        return None
    return unit_price(price=price, quantity=quantity, unit=unit)


def _edit_page(
    request: HttpRequest,
    shop: Shop,
    product: Product,
    *,
    form: ProductForm | None = None,
    formset: Any = None,
    image_form: ImageUploadForm | None = None,
) -> HttpResponse:
    form = form or ProductForm(instance=copy.copy(product), shop=shop)
    formset = formset or variant_formset(shop=shop, product=product)
    if form.is_bound:
        form.is_valid()
        quantity, unit = form.cleaned_data.get("quantity"), form.cleaned_data.get("unit") or product.unit
    else:
        quantity, unit = product.quantity, product.unit
    rows = [(row, _unit_price_of(row, quantity=quantity, unit=unit)) for row in formset.forms]
    pictures = list(product.images.all())
    context = backoffice_context(
        request,
        shop,
        "products",
        product=product,
        form=form,
        formset=formset,
        variant_rows=rows,
        images=pictures,
        image_form=image_form or ImageUploadForm(),
        max_images=images.MAX_IMAGES,
        food_category_ids=form.food_category_ids,
    )
    return render(request, "catalog/backoffice/product_form.html", context)


@product_view()
def product_edit(request: HttpRequest, shop: Shop, product: Product) -> HttpResponse:
    if request.method != "POST":
        return _edit_page(request, shop, product)
    form = ProductForm(request.POST, instance=copy.copy(product), shop=shop)
    if "add_variant" in request.POST:
        # Without JavaScript the "Add a variant" button comes here: one more row, nothing saved yet.
        formset = variant_formset(shop=shop, product=product, data=with_another_row(request.POST))
        return _edit_page(request, shop, product, form=form, formset=formset)
    formset = variant_formset(shop=shop, product=product, data=request.POST)
    form_valid = form.is_valid()
    if form_valid and formset.is_valid():
        try:
            product_update(product=product, variants=formset.variants(), **form.product_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The product is saved."))
            return redirect(_edit_url(shop, product))
    return _edit_page(request, shop, product, form=form, formset=formset)


@product_view(post_only=True)
def product_copy(request: HttpRequest, shop: Shop, product: Product) -> HttpResponse:
    duplicate = product_duplicate(product=product)
    messages.success(
        request,
        _("This is a copy of “%(name)s”. It stays hidden until you show it.") % {"name": product.name},
    )
    return redirect(_edit_url(shop, duplicate))


# --- Pictures -------------------------------------------------------------------------------------


@product_view(post_only=True)
def product_images_add(request: HttpRequest, shop: Shop, product: Product) -> HttpResponse:
    form = ImageUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _edit_page(request, shop, product, image_form=form)
    added = 0
    for file in form.cleaned_data["images"]:
        try:
            images.product_image_add(product=product, file=file, alt_text=product.name)
        except ValidationError as error:
            for text in error.messages:
                form.add_error("images", _("%(file)s: %(problem)s") % {"file": file.name, "problem": text})
        else:
            added += 1
    if added:
        messages.success(
            request,
            ngettext("%(count)s picture is added.", "%(count)s pictures are added.", added)
            % {"count": added},
        )
    if form.errors:
        return _edit_page(request, shop, product, image_form=form)
    return redirect(_edit_url(shop, product) + "#pictures")


@product_view(post_only=True)
def product_image_update(request: HttpRequest, shop: Shop, product: Product, image_id: int) -> HttpResponse:
    form = ImageDescriptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The description can be at most 200 characters long."))
        return redirect(_edit_url(shop, product) + "#pictures")
    try:
        images.product_image_update(
            product=product, image_id=image_id, alt_text=form.cleaned_data["alt_text"]
        )
    except ProductImage.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The description is saved."))
    return redirect(_edit_url(shop, product) + "#pictures")


@product_view(post_only=True)
def product_image_move(request: HttpRequest, shop: Shop, product: Product, image_id: int) -> HttpResponse:
    form = ImageMoveForm(request.POST)
    if form.is_valid():
        try:
            images.product_image_move(
                product=product, image_id=image_id, direction=form.cleaned_data["direction"]
            )
        except ProductImage.DoesNotExist:
            raise Http404 from None
    return redirect(_edit_url(shop, product) + "#pictures")


@product_view(post_only=True)
def product_image_delete(request: HttpRequest, shop: Shop, product: Product, image_id: int) -> HttpResponse:
    try:
        images.product_image_delete(product=product, image_id=image_id)
    except ProductImage.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The picture is deleted."))
    return redirect(_edit_url(shop, product) + "#pictures")


PREFIX = "meine-geschaefte/<int:shop_id>/produkte/"
IMAGE = PREFIX + "<int:product_id>/bilder/<int:image_id>/"

urlpatterns = [
    path(PREFIX, products_list, name="backoffice_products"),
    path(PREFIX + "aktion/", products_bulk, name="products_bulk"),
    path(PREFIX + "neu/", product_create, name="product_create"),
    path(PREFIX + "<int:product_id>/", product_edit, name="product_edit"),
    path(PREFIX + "<int:product_id>/kopieren/", product_copy, name="product_duplicate"),
    path(PREFIX + "<int:product_id>/bilder/", product_images_add, name="product_images_add"),
    path(IMAGE + "beschreibung/", product_image_update, name="product_image_update"),
    path(IMAGE + "verschieben/", product_image_move, name="product_image_move"),
    path(IMAGE + "loeschen/", product_image_delete, name="product_image_delete"),
]
