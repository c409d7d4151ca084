"""
Reads of the operator's statistics page. Each table is one query; ``stats_dashboard`` is all of them.

Demo entries (and the products of demo shops) are left out unless ``include_demo`` is set (a fresh
installation with only demo data would otherwise show nothing). Searches without results are
counted for every kind of search (shops and products), with the kind in a column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, DateField, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncWeek
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from marktplatz.catalog.models import Product, ProductCategory
from marktplatz.directory.models import Category, ServiceKind, Shop, ShopService

from .models import ProductPageViewDay, SearchMiss, ShopPageViewDay

WEEKS = 12
RECENT_DAYS = 30
TOP_LIMIT = 20


@dataclass(frozen=True)
class StatsRow:
    label: str
    count: int
    percent: int = 0  # bar length: share of the table's largest count
    url: str = ""
    extra: tuple[str, ...] = ()  # more columns between the label and the count


@dataclass(frozen=True)
class StatsTable:
    key: str  # used in the CSV address
    title: str
    label_header: str
    count_header: str
    rows: list[StatsRow]
    extra_headers: tuple[str, ...] = ()
    empty_text: str = ""

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


@dataclass(frozen=True)
class StatsSummary:
    published: int
    pending: int
    hidden: int
    demo: int


@dataclass(frozen=True)
class ProductSummary:
    visible: int  # what customers see: shown by the owner, not hidden by the operator, shop published
    shops: int  # published shops with at least one visible product
    hidden_by_operator: int
    without_category: int  # visible ones


@dataclass(frozen=True)
class StatsDashboard:
    summary: StatsSummary
    tables: list[StatsTable] = field(default_factory=list)
    products: ProductSummary | None = None


def _with_bars(rows: Sequence[StatsRow]) -> list[StatsRow]:
    largest = max((row.count for row in rows), default=0)
    return [
        StatsRow(
            label=row.label,
            count=row.count,
            percent=round(row.count * 100 / largest) if largest else 0,
            url=row.url,
            extra=row.extra,
        )
        for row in rows
    ]


def _shops(*, include_demo: bool) -> Q:
    return Q() if include_demo else Q(is_demo=False)


def stats_summary(*, include_demo: bool = False) -> StatsSummary:
    counts = Shop.objects.aggregate(
        published=Count("pk", filter=Q(status=Shop.Status.PUBLISHED) & _shops(include_demo=include_demo)),
        pending=Count("pk", filter=Q(status=Shop.Status.PENDING) & _shops(include_demo=include_demo)),
        hidden=Count("pk", filter=Q(status=Shop.Status.HIDDEN) & _shops(include_demo=include_demo)),
        demo=Count("pk", filter=Q(is_demo=True)),
    )
    return StatsSummary(**counts)


def _products(*, include_demo: bool) -> Q:
    return Q() if include_demo else Q(shop__is_demo=False)


def product_summary(*, include_demo: bool = False) -> ProductSummary:
    """The products in numbers; one query."""
    visible = Q(is_active=True, hidden_by_operator=False, shop__status=Shop.Status.PUBLISHED)
    counts = Product.objects.filter(_products(include_demo=include_demo)).aggregate(
        visible_count=Count("pk", filter=visible),
        shop_count=Count("shop_id", filter=visible, distinct=True),
        hidden_count=Count("pk", filter=Q(hidden_by_operator=True)),
        uncategorised_count=Count("pk", filter=visible & Q(category__isnull=True)),
    )
    return ProductSummary(
        visible=counts["visible_count"],
        shops=counts["shop_count"],
        hidden_by_operator=counts["hidden_count"],
        without_category=counts["uncategorised_count"],
    )


def shops_by_district(*, include_demo: bool = False) -> StatsTable:
    rows = (
        Shop.objects.published()
        .filter(_shops(include_demo=include_demo))
        .values("district")
        .annotate(count=Count("pk"))
        .order_by("-count", "district")
    )
    return StatsTable(
        key="landkreise",
        title=gettext("Published shops by district"),
        label_header=gettext("District"),
        count_header=gettext("Shops"),
        rows=_with_bars(
            [StatsRow(label=row["district"] or gettext("(no district)"), count=row["count"]) for row in rows]
        ),
        empty_text=gettext("No published shops yet."),
    )


def shops_by_category(*, include_demo: bool = False) -> StatsTable:
    """
    Every active main category with its number of published shops, counting a shop once if it is
    in the category or any of its sub-categories (a shop may be in several main categories).
    """
    shops = Shop.objects.published().filter(
        _shops(include_demo=include_demo),
        Q(categories=OuterRef("pk")) | Q(categories__parent=OuterRef("pk")),
    )
    counted = (
        shops.order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(count=Count("pk", distinct=True))
        .values("count")
    )
    categories = (
        Category.objects.filter(is_active=True, parent__isnull=True)
        .annotate(count=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
        .order_by("-count", "position", "name")
    )
    rows = [StatsRow(label=category.label, count=category.count) for category in categories]
    return StatsTable(
        key="kategorien",
        title=gettext("Published shops by main category"),
        label_header=gettext("Category (with its sub-categories)"),
        count_header=gettext("Shops"),
        rows=_with_bars(rows),
        empty_text=gettext("No categories yet."),
    )


def new_shops_per_week(*, include_demo: bool = False, today: dt.date | None = None) -> StatsTable:
    """Shops registered (any status) in each of the last 12 weeks, Monday to Sunday, oldest first."""
    today = today or timezone.localdate()
    this_monday = today - dt.timedelta(days=today.weekday())
    first_monday = this_monday - dt.timedelta(weeks=WEEKS - 1)
    start = timezone.make_aware(dt.datetime.combine(first_monday, dt.time.min))
    counts = {
        row["week"]: row["count"]
        for row in Shop.objects.filter(_shops(include_demo=include_demo), created_at__gte=start)
        .annotate(week=TruncWeek("created_at", output_field=DateField()))
        .values("week")
        .annotate(count=Count("pk"))
        .order_by("week")
    }
    rows = []
    for index in range(WEEKS):
        monday = first_monday + dt.timedelta(weeks=index)
        label = gettext("Week %(week)d (from %(date)s)") % {
            "week": monday.isocalendar().week,
            "date": formats.date_format(monday, "SHORT_DATE_FORMAT"),
        }
        rows.append(StatsRow(label=label, count=counts.get(monday, 0)))
    return StatsTable(
        key="neue-geschaefte",
        title=gettext("New shops per week (last %(weeks)d weeks)") % {"weeks": WEEKS},
        label_header=gettext("Week"),
        count_header=gettext("New shops"),
        rows=_with_bars(rows),
    )


def services_offered(*, include_demo: bool = False) -> StatsTable:
    """How many published shops offer each way of selling (every kind listed, also with 0)."""
    services = ShopService.objects.filter(shop__status=Shop.Status.PUBLISHED)
    if not include_demo:
        services = services.filter(shop__is_demo=False)
    counts = dict(services.values("kind").annotate(count=Count("pk")).values_list("kind", "count"))
    rows = [StatsRow(label=str(label), count=counts.get(kind, 0)) for kind, label in ServiceKind.choices]
    rows.sort(key=lambda row: -row.count)
    return StatsTable(
        key="angebote",
        title=gettext("Services offered by published shops"),
        label_header=gettext("Service"),
        count_header=gettext("Shops"),
        rows=_with_bars(rows),
    )


def products_by_shop(*, include_demo: bool = False) -> StatsTable:
    """The 20 shops with the most visible products."""
    totals = (
        Product.objects.visible()
        .filter(_products(include_demo=include_demo))
        .values("shop_id", "shop__name", "shop__slug")
        .annotate(count=Count("pk"))
        .order_by("-count", "shop__name", "shop_id")[:TOP_LIMIT]
    )
    rows = [
        StatsRow(
            label=row["shop__name"],
            count=row["count"],
            url=reverse("directory:shop", kwargs={"slug": row["shop__slug"]}),
        )
        for row in totals
    ]
    return StatsTable(
        key="produkte-je-geschaeft",
        title=gettext("Shops with the most products (top %(limit)d)") % {"limit": TOP_LIMIT},
        label_header=gettext("Shop"),
        count_header=gettext("Visible products"),
        rows=_with_bars(rows),
        empty_text=gettext("No visible products yet."),
    )


def products_by_category(*, include_demo: bool = False) -> StatsTable:
    """
    Every active main product category with its number of visible products, counting the
    products of its sub-categories too (a product is in one category).
    """
    products = Product.objects.visible().filter(
        _products(include_demo=include_demo),
        Q(category=OuterRef("pk")) | Q(category__parent=OuterRef("pk")),
    )
    counted = (
        products.order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    categories = (
        ProductCategory.objects.filter(is_active=True, parent__isnull=True)
        .annotate(count=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
        .order_by("-count", "position", "name")
    )
    rows = [StatsRow(label=category.label, count=category.count) for category in categories]
    return StatsTable(
        key="produkte-je-kategorie",
        title=gettext("Visible products by main category"),
        label_header=gettext("Category (with its sub-categories)"),
        count_header=gettext("Products"),
        rows=_with_bars(rows),
        empty_text=gettext("No product categories yet."),
    )


def top_searches_without_results(*, today: dt.date | None = None) -> StatsTable:
    """The most frequent searches that found nothing in the last 30 days."""
    since = (today or timezone.localdate()) - dt.timedelta(days=RECENT_DAYS - 1)
    misses = (
        SearchMiss.objects.filter(date__gte=since)
        .values("kind", "query", "where")
        .annotate(total=Sum("count"))
        .order_by("-total", "query", "where", "kind")[:TOP_LIMIT]
    )
    kinds = dict(SearchMiss.Kind.choices)
    rows = [
        StatsRow(
            label=miss["query"],
            count=miss["total"],
            extra=(str(kinds.get(miss["kind"], miss["kind"])), miss["where"] or gettext("whole region")),
        )
        for miss in misses
    ]
    return StatsTable(
        key="suchen-ohne-treffer",
        title=gettext("Top searches without results (last %(days)d days)") % {"days": RECENT_DAYS},
        label_header=gettext("Search terms"),
        count_header=gettext("Searches"),
        extra_headers=(gettext("Searched for"), gettext("Place")),
        rows=_with_bars(rows),
        empty_text=gettext("No searches without results in this period."),
    )


def top_viewed_shops(*, include_demo: bool = False, today: dt.date | None = None) -> StatsTable:
    """The shops whose pages were viewed most in the last 30 days (robots not counted)."""
    since = (today or timezone.localdate()) - dt.timedelta(days=RECENT_DAYS - 1)
    views = ShopPageViewDay.objects.filter(date__gte=since)
    if not include_demo:
        views = views.filter(shop__is_demo=False)
    totals = (
        views.values("shop_id", "shop__name", "shop__slug", "shop__status")
        .annotate(total=Sum("count"))
        .order_by("-total", "shop__name")[:TOP_LIMIT]
    )
    rows = [
        StatsRow(
            label=row["shop__name"],
            count=row["total"],
            url=(
                reverse("directory:shop", kwargs={"slug": row["shop__slug"]})
                if row["shop__status"] == Shop.Status.PUBLISHED
                else reverse("admin:directory_shop_change", args=[row["shop_id"]])
            ),
        )
        for row in totals
    ]
    return StatsTable(
        key="meistbesuchte-geschaefte",
        title=gettext("Most viewed shops (last %(days)d days)") % {"days": RECENT_DAYS},
        label_header=gettext("Shop"),
        count_header=gettext("Page views"),
        rows=_with_bars(rows),
        empty_text=gettext("No page views in this period."),
    )


def shop_views_this_week(*, shop_id: int, today: dt.date | None = None) -> int:
    """
    Views of the shop's page and of its products' pages in the last 7 days including today
    (Europe/Berlin). One query: at most seven day totals of each counter, added up here.
    """
    since = (today or timezone.localdate()) - dt.timedelta(days=6)
    shop_days = (
        ShopPageViewDay.objects.filter(shop_id=shop_id, date__gte=since)
        .order_by()
        .values("date")
        .annotate(total=Sum("count"))
        .values_list("total", flat=True)
    )
    product_days = (
        ProductPageViewDay.objects.filter(product__shop_id=shop_id, date__gte=since)
        .order_by()
        .values("date")
        .annotate(total=Sum("count"))
        .values_list("total", flat=True)
    )
    return sum(total or 0 for total in shop_days.union(product_days, all=True))


TABLE_KEYS = (
    "landkreise",
    "kategorien",
    "neue-geschaefte",
    "angebote",
    "suchen-ohne-treffer",
    "meistbesuchte-geschaefte",
    "produkte-je-geschaeft",
    "produkte-je-kategorie",
)


def stats_table(*, key: str, include_demo: bool = False) -> StatsTable:
    """One table of the page by its CSV key (``TABLE_KEYS``); ``KeyError`` for an unknown key."""
    if key == "landkreise":
        return shops_by_district(include_demo=include_demo)
    if key == "kategorien":
        return shops_by_category(include_demo=include_demo)
    if key == "neue-geschaefte":
        return new_shops_per_week(include_demo=include_demo)
    if key == "angebote":
        return services_offered(include_demo=include_demo)
    if key == "suchen-ohne-treffer":
        return top_searches_without_results()  # searches are not about a shop: no demo filter
    if key == "meistbesuchte-geschaefte":
        return top_viewed_shops(include_demo=include_demo)
    if key == "produkte-je-geschaeft":
        return products_by_shop(include_demo=include_demo)
    if key == "produkte-je-kategorie":
        return products_by_category(include_demo=include_demo)
    raise KeyError(key)


def stats_dashboard(*, include_demo: bool = False) -> StatsDashboard:
    """Everything on the statistics page: ten queries whatever the amount of data."""
    return StatsDashboard(
        summary=stats_summary(include_demo=include_demo),
        tables=[stats_table(key=key, include_demo=include_demo) for key in TABLE_KEYS],
        products=product_summary(include_demo=include_demo),
    )
