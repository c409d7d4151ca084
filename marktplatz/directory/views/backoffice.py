"""
The shop owner's back office under ``/meine-geschaefte/``: the list of one's shops, a dashboard per
shop with what is still missing, and one short page per part of the profile that saves on its own.

Every view of a shop is wrapped in :func:`shop_view`, which logs the user in first and then gets the
shop through ``access_shop`` (404 for a shop that is missing or not theirs) – before anything else,
including the check of the HTTP method. The team pages live in ``views/team.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from marktplatz.accounts.models import User
from marktplatz.catalog.selectors.backoffice import shop_product_counts
from marktplatz.stats.selectors import shop_views_this_week

from ..access import access_shop
from ..forms.backoffice import (
    LogoUploadForm,
    OpeningHoursForm,
    PhotoDescriptionForm,
    PhotoMoveForm,
    PhotoUploadForm,
    ShopAddressForm,
    ShopBasicsForm,
    ShopServicesForm,
    SpecialDayForm,
    add_service_errors,
)
from ..hours import local_now
from ..models import Shop, ShopMembership, ShopPhoto, SpecialDay
from ..services import images, profile

P = ParamSpec("P")
ShopViewFunc = Callable[Concatenate[HttpRequest, Shop, P], HttpResponseBase]


def shop_view(
    *, owner_only: bool = False, post_only: bool = False
) -> Callable[[ShopViewFunc[P]], Callable[..., HttpResponseBase]]:
    """
    Wrap a back-office view of one shop: anonymous users go to the login page; the shop comes from
    ``access_shop(user, shop_id)`` (``owner_only`` for team pages) and is passed instead of the id.
    Only then are other methods than POST refused for ``post_only`` views.
    """

    def decorator(view: ShopViewFunc[P]) -> Callable[..., HttpResponseBase]:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, shop_id: int, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponseBase:
            shop = access_shop(request.user, shop_id, owner_only=owner_only)
            if post_only and request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, shop, *args, **kwargs)

        return wrapper

    return decorator


def request_user(request: HttpRequest) -> User:
    """The logged-in user of a back-office request (every view here requires a login)."""
    assert isinstance(request.user, User)
    return request.user


def backoffice_context(request: HttpRequest, shop: Shop, section: str, **extra: Any) -> dict[str, Any]:
    """What every page of one shop shows: the shop, the section navigation, whether one owns it."""
    is_owner = ShopMembership.objects.filter(
        shop=shop, user=request_user(request), role=ShopMembership.Role.OWNER
    ).exists()
    return {"shop": shop, "section": section, "is_owner": is_owner, **extra}


def _saved(request: HttpRequest, shop: Shop, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("directory:shop_dashboard", shop_id=shop.pk)


# --- My shops and the dashboard ----------------------------------------------------------------


@login_required
def my_shops(request: HttpRequest) -> HttpResponse:
    shops = list(profile.shops_managed_with_progress(user=request_user(request)))
    entries = []
    for shop in shops:
        checklist = profile.shop_checklist(shop=shop)
        missing = [item for item in checklist if not item.done]
        entries.append({"shop": shop, "next_step": missing[0] if missing else None, "missing": len(missing)})
    return render(request, "directory/my_shops.html", {"entries": entries})


@shop_view()
def shop_dashboard(request: HttpRequest, shop: Shop) -> HttpResponse:
    checklist = profile.shop_checklist(shop=shop)
    missing = [item for item in checklist if not item.done]
    context = backoffice_context(
        request,
        shop,
        "dashboard",
        checklist=checklist,
        next_step=missing[0] if missing else None,
        done_count=len(checklist) - len(missing),
        product_counts=shop_product_counts(shop=shop),
        views_this_week=shop_views_this_week(shop_id=shop.pk),
    )
    return render(request, "directory/backoffice/dashboard.html", context)


# --- Profile sections ---------------------------------------------------------------------------


@shop_view()
def shop_basics(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = ShopBasicsForm(request.POST or None, initial=ShopBasicsForm.initial_for(shop))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile.shop_update_basics(
                shop=shop,
                name=data["name"],
                description=data["description"],
                categories=data["categories"],
                phone=data["phone"],
                email=data["email"],
                website=data["website"],
                links=form.links(),
                payment_methods=data["payment_methods"],
                how_to_order=data["how_to_order"],
                closed_on_public_holidays=data["closed_on_public_holidays"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, shop, _("The basic details are saved."))
    return render(
        request, "directory/backoffice/basics.html", backoffice_context(request, shop, "basics", form=form)
    )


@shop_view()
def shop_address(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = ShopAddressForm(request.POST or None, initial=ShopAddressForm.initial_for(shop))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile.shop_update_address(
                shop=shop,
                street=data["street"],
                postal_code=data["postal_code"],
                locality=data["locality"],
                lat=data["lat"],
                lon=data["lon"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, shop, _("The address is saved."))
    return render(
        request, "directory/backoffice/address.html", backoffice_context(request, shop, "address", form=form)
    )


@shop_view()
def shop_services(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = ShopServicesForm(request.POST or None, initial=ShopServicesForm.initial_for(shop))
    if request.method == "POST" and form.is_valid():
        try:
            profile.shop_set_services(
                shop=shop, services=form.services(), delivery_postal_codes=form.postal_codes()
            )
        except ValidationError as error:
            add_service_errors(form, error, form.SERVICE_ERROR_FIELDS)
        else:
            return _saved(request, shop, _("How customers can buy from you is saved."))
    return render(
        request,
        "directory/backoffice/services.html",
        backoffice_context(request, shop, "services", form=form),
    )


@shop_view()
def shop_hours(request: HttpRequest, shop: Shop) -> HttpResponse:
    if request.method == "POST" and "copy_monday" in request.POST:
        # Without JavaScript the copy button comes here: show the copied times, saved on "Save".
        form = OpeningHoursForm(initial=OpeningHoursForm.monday_copied(request.POST))
        messages.info(request, _("Monday's times are copied to Tuesday to Friday. Check them and save."))
    else:
        form = OpeningHoursForm(request.POST or None, initial=OpeningHoursForm.initial_for(shop))
        if request.method == "POST" and form.is_valid():
            try:
                profile.shop_set_opening_hours(shop=shop, week=form.week)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return _saved(request, shop, _("The opening hours are saved."))
    return render(
        request, "directory/backoffice/hours.html", backoffice_context(request, shop, "hours", form=form)
    )


@shop_view()
def shop_special_days(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = SpecialDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile.special_day_add(
                shop=shop,
                date=data["date"],
                is_closed=form.is_closed,
                opens=data["opens"],
                closes=data["closes"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The special day is saved."))
            return redirect("directory:shop_special_days", shop_id=shop.pk)
    days = shop.special_days.filter(date__gte=local_now().date()).order_by("date")
    return render(
        request,
        "directory/backoffice/special_days.html",
        backoffice_context(request, shop, "special_days", form=form, days=days),
    )


@shop_view(post_only=True)
def shop_special_day_delete(request: HttpRequest, shop: Shop, special_day_id: int) -> HttpResponse:
    try:
        profile.special_day_delete(shop=shop, special_day_id=special_day_id)
    except SpecialDay.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The special day is deleted."))
    return redirect("directory:shop_special_days", shop_id=shop.pk)


# --- Photos and logo -----------------------------------------------------------------------------


def _photos_page(
    request: HttpRequest,
    shop: Shop,
    *,
    photo_form: PhotoUploadForm | None = None,
    logo_form: LogoUploadForm | None = None,
) -> HttpResponse:
    context = backoffice_context(
        request,
        shop,
        "photos",
        photos=list(shop.photos.all()),
        photo_form=photo_form or PhotoUploadForm(),
        logo_form=logo_form or LogoUploadForm(),
        max_photos=images.MAX_PHOTOS,
    )
    return render(request, "directory/backoffice/photos.html", context)


@shop_view()
def shop_photos(request: HttpRequest, shop: Shop) -> HttpResponse:
    if request.method != "POST":
        return _photos_page(request, shop)
    form = PhotoUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            images.shop_photo_add(
                shop=shop, file=form.cleaned_data["image"], alt_text=form.cleaned_data["alt_text"]
            )
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("Thank you! The photo is added."))
            return redirect("directory:shop_photos", shop_id=shop.pk)
    return _photos_page(request, shop, photo_form=form)


@shop_view(post_only=True)
def shop_photo_update(request: HttpRequest, shop: Shop, photo_id: int) -> HttpResponse:
    form = PhotoDescriptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please describe what the photo shows."))
        return redirect("directory:shop_photos", shop_id=shop.pk)
    try:
        images.shop_photo_update(shop=shop, photo_id=photo_id, alt_text=form.cleaned_data["alt_text"])
    except ShopPhoto.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The description is saved."))
    return redirect("directory:shop_photos", shop_id=shop.pk)


@shop_view(post_only=True)
def shop_photo_move(request: HttpRequest, shop: Shop, photo_id: int) -> HttpResponse:
    form = PhotoMoveForm(request.POST)
    if form.is_valid():
        try:
            images.shop_photo_move(shop=shop, photo_id=photo_id, direction=form.cleaned_data["direction"])
        except ShopPhoto.DoesNotExist:
            raise Http404 from None
    return redirect("directory:shop_photos", shop_id=shop.pk)


@shop_view(post_only=True)
def shop_photo_delete(request: HttpRequest, shop: Shop, photo_id: int) -> HttpResponse:
    try:
        images.shop_photo_delete(shop=shop, photo_id=photo_id)
    except ShopPhoto.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The photo is deleted."))
    return redirect("directory:shop_photos", shop_id=shop.pk)


@shop_view(post_only=True)
def shop_logo(request: HttpRequest, shop: Shop) -> HttpResponse:
    form = LogoUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            images.shop_logo_set(shop=shop, file=form.cleaned_data["logo"])
        except ValidationError as error:
            form.add_error("logo", error)
        else:
            messages.success(request, _("The logo is saved."))
            return redirect("directory:shop_photos", shop_id=shop.pk)
    return _photos_page(request, shop, logo_form=form)


@shop_view(post_only=True)
def shop_logo_delete(request: HttpRequest, shop: Shop) -> HttpResponse:
    images.shop_logo_delete(shop=shop)
    messages.success(request, _("The logo is deleted."))
    return redirect("directory:shop_photos", shop_id=shop.pk)


from . import team  # noqa: E402  (the team pages use shop_view from this module)

urlpatterns = [
    path("meine-geschaefte/", my_shops, name="my_shops"),
    path("meine-geschaefte/<int:shop_id>/", shop_dashboard, name="shop_dashboard"),
    path("meine-geschaefte/<int:shop_id>/angaben/", shop_basics, name="shop_basics"),
    path("meine-geschaefte/<int:shop_id>/adresse/", shop_address, name="shop_address"),
    path("meine-geschaefte/<int:shop_id>/verkauf/", shop_services, name="shop_services"),
    path("meine-geschaefte/<int:shop_id>/oeffnungszeiten/", shop_hours, name="shop_hours"),
    path("meine-geschaefte/<int:shop_id>/besondere-tage/", shop_special_days, name="shop_special_days"),
    path(
        "meine-geschaefte/<int:shop_id>/besondere-tage/<int:special_day_id>/loeschen/",
        shop_special_day_delete,
        name="shop_special_day_delete",
    ),
    path("meine-geschaefte/<int:shop_id>/bilder/", shop_photos, name="shop_photos"),
    path("meine-geschaefte/<int:shop_id>/bilder/logo/", shop_logo, name="shop_logo"),
    path("meine-geschaefte/<int:shop_id>/bilder/logo/loeschen/", shop_logo_delete, name="shop_logo_delete"),
    path(
        "meine-geschaefte/<int:shop_id>/bilder/<int:photo_id>/beschreibung/",
        shop_photo_update,
        name="shop_photo_update",
    ),
    path(
        "meine-geschaefte/<int:shop_id>/bilder/<int:photo_id>/verschieben/",
        shop_photo_move,
        name="shop_photo_move",
    ),
    path(
        "meine-geschaefte/<int:shop_id>/bilder/<int:photo_id>/loeschen/",
        shop_photo_delete,
        name="shop_photo_delete",
    ),
    *team.urlpatterns,
]
