"""
Home page and directory search: the search form, the result list, its map points as JSON and the
town suggestions for the "where" field. Every page works without JavaScript; the map, the
browser location and the suggestions are added on top.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from marktplatz.core.visitor_cache import visitor_cache
from marktplatz.geo.gazetteer import suggest_towns
from marktplatz.stats.services import is_probably_bot, search_without_results_record

from ..forms.place import DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, PlaceSearchForm
from ..models import Category, ServiceKind, category_label
from ..selectors import (
    MAP_POINTS_LIMIT,
    ShopSearchParams,
    shop_map_points,
    shop_search,
)

PER_PAGE = 20
# Anonymous visitors get a repeated search from the cache within the same minute.
SEARCH_CACHE_SECONDS = 60
HOME_NEWEST_COUNT = 6
PLACE_SUGGESTIONS = 8
SORT_CHOICES = [
    ("", _("Best match")),
    ("distance", _("Distance")),
    ("name", _("Name")),
    ("newest", _("Newest first")),
]
# The fields that narrow a search beyond "what" and "where" (removed by "search without filters").
NARROWING_FIELDS = ("category", "services", "open_now")


def category_choices() -> list[tuple[str, Any]]:
    """Active categories for a select: each main category a group, itself first, then its sub-categories."""
    rows = Category.objects.filter(is_active=True).values_list("pk", "slug", "name", "name_en", "parent_id")
    children: dict[int, list[tuple[str, str]]] = {}
    parents: list[tuple[int, str, str]] = []
    for pk, slug, name, name_en, parent_id in rows:
        if parent_id is None:
            parents.append((pk, slug, category_label(name, name_en)))
        else:
            children.setdefault(parent_id, []).append((slug, category_label(name, name_en)))
    choices: list[tuple[str, Any]] = [("", gettext("All categories"))]
    for pk, slug, label in parents:
        options = [(slug, gettext("All: %(category)s") % {"category": label})]
        options += children.get(pk, [])
        choices.append((label, options))
    return choices


class OptionsSelect(forms.Select):
    """
    A select that writes its options in Python: the same HTML as Django's ``select.html`` and
    ``select_option.html``, without a template include per option (the category select has
    about a hundred, which made it the costliest part of the search page).
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [format_html('<select name="{}"{}>', widget["name"], _html_attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _html_attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")  # the form renderer strips the template's final newline
        return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


def _html_attrs(attrs: Mapping[str, Any]) -> SafeString:
    """Attributes as Django's ``attrs.html`` writes them: ``True`` as the bare name, ``False`` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value)),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class ShopSearchForm(PlaceSearchForm):
    """The directory search as the page's GET parameters; ``origin`` is set when ``near`` is valid."""

    field_order = ["q"]  # then the place and radius of PlaceSearchForm, then the rest

    q = forms.CharField(
        label=_("What?"),
        required=False,
        max_length=100,
        help_text=_("A shop, a product or a category, e.g. bakery"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False, widget=OptionsSelect)
    services = forms.MultipleChoiceField(
        label=_("How you can buy"),
        choices=ServiceKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = category_choices()
        # Town suggestions while typing (htmx fills the field's datalist; nothing happens without JS).
        self.fields["near"].widget.attrs.update(
            {
                "hx-get": reverse("directory:place_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#place-suggestions",
                "hx-swap": "innerHTML",
            }
        )

    def params(self) -> ShopSearchParams:
        data = self.cleaned_data
        radius = data.get("radius") or DEFAULT_RADIUS_KM
        return ShopSearchParams(
            q=data.get("q", "").strip(),
            origin=self.origin,
            radius_km=float(radius) if self.origin is not None else None,
            category=data.get("category") or None,
            services=tuple(data.get("services") or ()),
            open_now=bool(data.get("open_now")),
            sort=data.get("sort") or None,
        )

    @property
    def has_more_filters(self) -> bool:
        """Whether a filter inside "more filters" differs from its default (then that part starts open)."""
        if not self.is_bound:
            return False
        data = self.data
        radius_changed = data.get("radius") not in (None, "", str(DEFAULT_RADIUS_KM))
        return radius_changed or any(data.get(name) for name in ("category", "services", "open_now", "sort"))


@visitor_cache(timeout=SEARCH_CACHE_SECONDS, per_minute=True)
def home(request: HttpRequest) -> HttpResponse:
    categories = Category.objects.filter(parent=None, is_active=True)
    newest = shop_search(params=ShopSearchParams(sort="newest"), per_page=HOME_NEWEST_COUNT)
    return render(
        request,
        "directory/home.html",
        {"categories": categories, "newest": newest, "form": ShopSearchForm()},
    )


def _record_search_without_results(request: HttpRequest, meta: Mapping[str, Any]) -> None:
    """Count a miss for the operator's statistics, also when the cache answered (no personal data;
    robots are not counted)."""
    missed = meta.get("missed")
    if missed is None or is_probably_bot(request.headers.get("user-agent", "")):
        return
    query, where = missed
    search_without_results_record(kind="shop", query=query, where=where)


@visitor_cache(timeout=SEARCH_CACHE_SECONDS, per_minute=True, after=_record_search_without_results)
def search(request: HttpRequest) -> HttpResponse:
    form = ShopSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "result": None, "widen_links": []}
    if form.is_bound and not form.is_valid():
        return render(request, "directory/search.html", context, status=200)
    params = form.params() if form.is_bound else ShopSearchParams()
    result = shop_search(params=params, page=_page_number(request), per_page=PER_PAGE)
    context.update(
        result=result,
        count_text=ngettext("%(count)s shop found", "%(count)s shops found", result.count)
        % {"count": result.count},
        map_url=reverse("directory:search_map") + _query_string(request.GET, page=None),
        page_numbers=_page_window(result.page, result.num_pages),
        first_rank=(result.page - 1) * PER_PAGE + 1,
        region_center=settings.REGION_CENTER,
    )
    missed = None
    if result.count == 0:
        context["widen_links"] = _widen_links(request.GET, params)
        if result.page == 1 and (params.q or params.origin):
            missed = (params.q, form.cleaned_data.get("near", ""))
    response = render(request, "directory/search.html", context)
    response.visitor_cache_meta = {"missed": missed}  # type: ignore[attr-defined]
    return response


@require_GET
def search_map(request: HttpRequest) -> JsonResponse:
    """The map points of the same search as the page (``?q=…&near=…``), at most 2,000."""
    form = ShopSearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    points = shop_map_points(params=form.params(), limit=MAP_POINTS_LIMIT + 1)
    return JsonResponse(
        {
            "points": [[p.lat, p.lon, p.name, p.slug] for p in points[:MAP_POINTS_LIMIT]],
            "truncated": len(points) > MAP_POINTS_LIMIT,
            "url_template": reverse("directory:shop", kwargs={"slug": "__slug__"}),
        }
    )


@require_GET
def place_suggestions(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the "where" field's datalist (htmx, while typing)."""
    text = request.GET.get("near", "").strip()[:100]
    places = suggest_towns(text, limit=PLACE_SUGGESTIONS) if len(text) >= 2 else []
    return render(request, "directory/_search_place_options.html", {"places": places})


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _page_window(page: int, num_pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and ``around`` either side of ``page``; None is a gap."""
    wanted = {1, num_pages, *range(page - around, page + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= num_pages)
    window: list[int | None] = []
    for number in numbers:
        if window and number - (window[-1] or 0) > 1:
            window.append(None)
        window.append(number)
    return window


def _query_string(query: QueryDict, **changes: Any) -> str:
    """``query`` with keys changed (a list sets several values, None removes the key), as ``?a=1``."""
    params = query.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        elif isinstance(value, list):
            params.setlist(key, value)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


def _widen_links(query: QueryDict, params: ShopSearchParams) -> list[tuple[str, str]]:
    """Ready-made wider searches for an empty result, most specific first: (label, URL)."""
    base = reverse("directory:search")
    links: list[tuple[str, str]] = []
    if params.origin is not None and params.radius_km is not None:
        wider = [km for km in RADIUS_CHOICES_KM if km > params.radius_km]
        if wider:
            links.append(
                (
                    gettext("Search within %(km)s km") % {"km": wider[0]},
                    base + _query_string(query, radius=wider[0], page=None),
                )
            )
    if params.category or params.services or params.open_now:
        links.append(
            (
                gettext("Search without the filters"),
                base + _query_string(query, page=None, **dict.fromkeys(NARROWING_FIELDS)),
            )
        )
    if params.q:
        links.append(
            (gettext("Search without the search term"), base + _query_string(query, q=None, page=None))
        )
    if params.origin is not None:
        links.append(
            (
                gettext("Search all of %(region)s") % {"region": settings.REGION_NAME},
                base + _query_string(query, near=None, radius=None, page=None),
            )
        )
    return links


urlpatterns = [
    path("", home, name="home"),
    path("geschaefte/", search, name="search"),
    path("geschaefte/karte.json", search_map, name="search_map"),
    path("orte/vorschlaege/", place_suggestions, name="place_suggestions"),
]
