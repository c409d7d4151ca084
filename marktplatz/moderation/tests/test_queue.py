"""The operator's moderation queue: its contents, its one-click actions and who may see it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import Shop
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.moderation.models import Report
from marktplatz.moderation.selectors import moderation_queue
from marktplatz.moderation.tests.factories import ReportFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("german")]

NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))
QUEUE_URL = "/admin/moderation/report/queue/"


def _days_ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def operator(client: Any) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_queue_url() -> None:
    assert reverse("admin:moderation_queue") == QUEUE_URL


def test_new_shops_of_the_last_14_days_pending_and_published_oldest_first() -> None:
    older = ShopFactory(created_at=_days_ago(13), status=Shop.Status.PUBLISHED)
    newer = ShopFactory(created_at=_days_ago(1), status=Shop.Status.PENDING)
    ShopFactory(created_at=_days_ago(15))  # too old
    ShopFactory(created_at=_days_ago(2), status=Shop.Status.HIDDEN)  # already dealt with
    ShopFactory(created_at=_days_ago(2), is_demo=True)  # demo data

    queue = moderation_queue(now=NOW)

    assert [shop.pk for shop in queue.new_shops] == [older.pk, newer.pk]


def test_open_reports_oldest_first_with_their_shop() -> None:
    late = ReportFactory(created_at=_days_ago(1))
    early = ReportFactory(created_at=_days_ago(30))
    ReportFactory(status=Report.Status.RESOLVED)
    ReportFactory(status=Report.Status.DISMISSED)

    queue = moderation_queue(now=NOW)

    assert [report.pk for report in queue.reports] == [early.pk, late.pk]


def test_new_shops_carry_their_number_of_open_reports() -> None:
    shop = ShopFactory(created_at=_days_ago(3))
    ReportFactory.create_batch(2, shop=shop)
    ReportFactory(shop=shop, status=Report.Status.DISMISSED)

    queue = moderation_queue(now=NOW)

    assert [shop.open_reports for shop in queue.new_shops] == [2]


def test_queue_page_lists_both(client: Any, operator: Any) -> None:
    ShopFactory(name="Neuer Blumenladen", status=Shop.Status.PENDING)
    ReportFactory(shop=ShopFactory(name="Gemeldeter Laden"), reason=Report.Reason.CLOSED)

    html = client.get(QUEUE_URL).content.decode()

    assert "Neuer Blumenladen" in html
    assert "Gemeldeter Laden" in html
    assert "Das Geschäft ist dauerhaft geschlossen" in html
    assert 'value="Gemeldet: Das Geschäft ist dauerhaft geschlossen"' in html


def test_queue_page_query_count_does_not_grow(
    client: Any, operator: Any, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        ReportFactory(shop=ShopFactory())
    # the user (the session is cached), the new shops, the open reports with their shops
    with django_assert_num_queries(3):
        client.get(QUEUE_URL)
    for _ in range(5):
        ReportFactory(shop=ShopFactory())
    with django_assert_num_queries(3):
        client.get(QUEUE_URL)


def test_resolve_in_one_click(client: Any, operator: Any) -> None:
    report = ReportFactory(shop=ShopFactory(name="Eisdiele"))

    response = client.post(QUEUE_URL, {"action": "resolve", "report": report.pk}, follow=True)

    report.refresh_from_db()
    assert (report.status, report.handled_by) == (Report.Status.RESOLVED, operator)
    assert [str(m) for m in response.context["messages"]] == ["Meldung zu „Eisdiele“ erledigt."]


def test_dismiss_in_one_click(client: Any, operator: Any) -> None:
    report = ReportFactory()

    response = client.post(QUEUE_URL, {"action": "dismiss", "report": report.pk})

    assert response.status_code == 302
    assert response["Location"] == QUEUE_URL
    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED


def test_hide_the_reported_shop(client: Any, operator: Any) -> None:
    report = ReportFactory(shop=ShopFactory(name="Eisdiele"))

    response = client.post(
        QUEUE_URL,
        {"action": "hide_report_shop", "report": report.pk, "reason": "Dauerhaft geschlossen"},
        follow=True,
    )

    report.refresh_from_db()
    report.shop.refresh_from_db()
    assert report.status == Report.Status.RESOLVED
    assert (report.shop.status, report.shop.status_reason) == (Shop.Status.HIDDEN, "Dauerhaft geschlossen")
    assert [str(m) for m in response.context["messages"]] == [
        "„Eisdiele“ ausgeblendet und die Meldung erledigt."
    ]


def test_hide_a_new_shop_needs_a_reason(client: Any, operator: Any) -> None:
    shop = ShopFactory()

    response = client.post(QUEUE_URL, {"action": "hide_shop", "shop": shop.pk, "reason": ""}, follow=True)

    shop.refresh_from_db()
    assert shop.status == Shop.Status.PUBLISHED
    assert [str(m) for m in response.context["messages"]] == [
        "Bitte geben Sie einen Grund an – die Verantwortlichen des Geschäfts bekommen ihn zu sehen."
    ]


def test_hide_a_new_shop(client: Any, operator: Any) -> None:
    shop = ShopFactory()

    client.post(QUEUE_URL, {"action": "hide_shop", "shop": shop.pk, "reason": "Kein Geschäft in MV"})

    shop.refresh_from_db()
    assert (shop.status, shop.status_reason) == (Shop.Status.HIDDEN, "Kein Geschäft in MV")


def test_publish_a_pending_shop(client: Any, operator: Any) -> None:
    shop = ShopFactory(status=Shop.Status.PENDING, published_at=None)

    client.post(QUEUE_URL, {"action": "publish_shop", "shop": shop.pk})

    shop.refresh_from_db()
    assert shop.status == Shop.Status.PUBLISHED


def test_handling_a_handled_report_says_so(client: Any, operator: Any) -> None:
    report = ReportFactory(status=Report.Status.DISMISSED)

    response = client.post(QUEUE_URL, {"action": "resolve", "report": report.pk}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Diese Meldung wurde bereits bearbeitet."]
    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED


def test_anonymous_visitors_get_the_admin_login(client: Any) -> None:
    response = client.get(QUEUE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={QUEUE_URL}"


def test_shop_owners_get_the_admin_login(client: Any) -> None:
    client.force_login(UserFactory(is_staff=False))

    response = client.get(QUEUE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={QUEUE_URL}"


def test_non_staff_cannot_act(client: Any) -> None:
    report = ReportFactory()
    client.force_login(UserFactory(is_staff=False))

    client.post(QUEUE_URL, {"action": "dismiss", "report": report.pk})

    report.refresh_from_db()
    assert report.status == Report.Status.OPEN


def test_staff_without_permission_is_refused(client: Any) -> None:
    client.force_login(UserFactory(is_staff=True))

    assert client.get(QUEUE_URL).status_code == 403


def test_staff_who_may_only_view_reports_cannot_act(client: Any) -> None:
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(user)
    report = ReportFactory()

    assert client.get(QUEUE_URL).status_code == 200
    assert client.post(QUEUE_URL, {"action": "dismiss", "report": report.pk}).status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.OPEN


def test_admin_index_links_the_queue_with_the_open_count(client: Any, operator: Any) -> None:
    ReportFactory.create_batch(2)

    html = client.get("/admin/").content.decode()

    assert f'<a href="{QUEUE_URL}">Moderations-Warteschlange</a>' in html
    assert "2 offene Meldungen" in html
