"""
Writes of the initiatives: a shop asks to join, a manager confirms or declines.

Callers get the objects through the doors first: the shop through
``directory.access.access_shop`` (the person asking manages it), the initiative for a decision
through ``initiatives.access.access_initiative`` (the person deciding manages it). E-mails go out
after the transaction commits (``core.mail.send_mail_later``).
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User
from marktplatz.core.mail import send_mail_later
from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.models import Shop

from .models import Initiative, InitiativeMembership
from .selectors import initiative_manager_emails, initiative_membership_get

Status = InitiativeMembership.Status


class MembershipErrorCode(StrEnum):
    INITIATIVE_HIDDEN = "initiative_hidden"
    ALREADY_MEMBER = "already_member"
    ALREADY_REQUESTED = "already_requested"
    ALREADY_DECIDED = "already_decided"


_MESSAGES = {
    MembershipErrorCode.INITIATIVE_HIDDEN: _("This initiative does not accept new members at the moment."),
    MembershipErrorCode.ALREADY_MEMBER: _("This shop is already a member of the initiative."),
    MembershipErrorCode.ALREADY_REQUESTED: _("This shop has already asked to join; the request is waiting."),
    MembershipErrorCode.ALREADY_DECIDED: _("This request has already been decided."),
}


class MembershipError(Exception):
    """A membership change that the rules do not allow; ``message`` is for the user."""

    def __init__(self, code: MembershipErrorCode) -> None:
        self.code = code
        self.message = _MESSAGES[code]
        super().__init__(str(code))


def initiative_membership_request(
    *, initiative: Initiative, shop: Shop, requested_by: User
) -> InitiativeMembership:
    """
    Ask for ``shop`` to join ``initiative`` and tell the initiative's managers. A shop that was
    declined may ask again; one that is a member or already waiting may not (``MembershipError``).
    """
    if not initiative.is_published:
        raise MembershipError(MembershipErrorCode.INITIATIVE_HIDDEN)
    now = timezone.now()
    with transaction.atomic():
        membership, created = InitiativeMembership.objects.get_or_create(
            initiative=initiative,
            shop=shop,
            defaults={"status": Status.REQUESTED, "requested_at": now, "requested_by": requested_by},
        )
        if not created:
            if membership.status == Status.CONFIRMED:
                raise MembershipError(MembershipErrorCode.ALREADY_MEMBER)
            # Only a declined membership may be asked for again; the condition guards against a
            # second request (or a decision) landing at the same moment.
            asked_again = InitiativeMembership.objects.filter(
                pk=membership.pk, status=Status.DECLINED
            ).update(
                status=Status.REQUESTED,
                requested_at=now,
                requested_by=requested_by,
                decided_at=None,
                decided_by=None,
            )
            if not asked_again:
                raise MembershipError(MembershipErrorCode.ALREADY_REQUESTED)
            membership.refresh_from_db()
        _notify_managers_of_request(membership)
    return membership


def initiative_membership_decide(
    *, initiative: Initiative, membership_id: int, decided_by: User, confirm: bool
) -> InitiativeMembership:
    """
    Confirm or decline the waiting request ``membership_id`` of ``initiative`` and tell the shop.
    ``Http404`` for a membership of another initiative; ``MembershipError`` if already decided.
    """
    membership = initiative_membership_get(initiative=initiative, membership_id=membership_id)
    new_status = Status.CONFIRMED if confirm else Status.DECLINED
    now = timezone.now()
    with transaction.atomic():
        decided = InitiativeMembership.objects.filter(
            pk=membership.pk, initiative=initiative, status=Status.REQUESTED
        ).update(status=new_status, decided_at=now, decided_by=decided_by)
        if not decided:
            raise MembershipError(MembershipErrorCode.ALREADY_DECIDED)
        content_changed()
        membership.status, membership.decided_at, membership.decided_by = new_status, now, decided_by
        _notify_shop_of_decision(membership)
    return membership


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _notify_managers_of_request(membership: InitiativeMembership) -> None:
    initiative, shop = membership.initiative, membership.shop
    recipients = initiative_manager_emails(initiative=initiative) or [settings.OPERATOR_EMAIL]
    context = {
        "initiative_name": initiative.name,
        "shop_name": shop.name,
        "shop_locality": shop.locality,
        "shop_url": _absolute(shop.get_absolute_url()),
        "manage_url": _absolute(reverse("initiatives:manage", kwargs={"initiative_id": initiative.pk})),
    }
    for address in recipients:
        send_mail_later(
            to=[address],
            subject=_("%(shop)s would like to join %(initiative)s")
            % {"shop": shop.name, "initiative": initiative.name},
            template="initiatives/emails/membership_requested",
            context=context,
        )


def _shop_manager_emails(shop: Shop) -> list[str]:
    emails = list(
        User.objects.filter(shop_memberships__shop=shop, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
    return emails or ([shop.email] if shop.email else [])


def _notify_shop_of_decision(membership: InitiativeMembership) -> None:
    initiative, shop = membership.initiative, membership.shop
    confirmed = membership.status == Status.CONFIRMED
    subject = (_("Welcome to %(initiative)s") if confirmed else _("Your request to join %(initiative)s")) % {
        "initiative": initiative.name
    }
    context = {
        "initiative_name": initiative.name,
        "initiative_url": _absolute(initiative.get_absolute_url()),
        "shop_name": shop.name,
        "shop_url": _absolute(shop.get_absolute_url()),
        "confirmed": confirmed,
    }
    for address in _shop_manager_emails(shop):
        send_mail_later(
            to=[address],
            subject=subject,
            template="initiatives/emails/membership_decided",
            context=context,
        )
