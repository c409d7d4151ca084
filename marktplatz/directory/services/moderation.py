"""
The operator's decisions about a shop's visibility: publish it, or hide it with a reason.

The admin, the moderation queue and any later tool call these functions and nothing else, so the
rules hold everywhere: hiding needs a reason (the shop's managers see it in their back office and
get it by e-mail), publishing clears it and stamps the first publication date.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User
from marktplatz.core.mail import send_mail_later
from marktplatz.directory.models import Shop

logger = logging.getLogger(__name__)

STATUS_REASON_MAX_LENGTH = 1000


def _manager_emails(*, shop: Shop) -> list[str]:
    return list(
        User.objects.filter(shop_memberships__shop=shop, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _notify_managers(*, shop: Shop, subject: str, template: str, reason: str = "") -> None:
    recipients = _manager_emails(shop=shop)
    if not recipients:
        return
    send_mail_later(
        to=recipients,
        subject=subject,
        template=template,
        context={
            "shop_name": shop.name,
            "reason": reason,
            "shop_url": settings.SITE_URL + shop.get_absolute_url(),
            "my_shops_url": settings.SITE_URL + reverse("directory:my_shops"),
            "operator_email": settings.OPERATOR_EMAIL,
        },
    )


@transaction.atomic
def shop_hide(*, shop: Shop, reason: str, by: User) -> Shop:
    """
    Take ``shop`` off the public directory. ``reason`` is required: it is stored in
    ``Shop.status_reason``, shown to the shop's managers and sent to them by e-mail.
    Hiding a hidden shop again only replaces the reason (and tells the managers).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason; the shop's managers will see it."), code="required")
    if len(reason) > STATUS_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Please keep the reason under %(limit)d characters.") % {"limit": STATUS_REASON_MAX_LENGTH},
            code="max_length",
        )
    shop.status = Shop.Status.HIDDEN
    shop.status_reason = reason
    shop.save(update_fields=["status", "status_reason", "updated_at"])
    logger.info("Shop %s hidden by user %s", shop.pk, by.pk)
    _notify_managers(
        shop=shop,
        subject=str(_("Your entry “%(name)s” is no longer visible") % {"name": shop.name}),
        template="moderation/emails/shop_hidden",
        reason=reason,
    )
    return shop


@transaction.atomic
def shop_publish(*, shop: Shop, by: User) -> Shop:
    """
    Show ``shop`` in the public directory (also a pending one whose e-mail was never confirmed:
    the operator vouches for it). Clears the status reason and sets ``published_at`` the first time.
    The managers are told by e-mail when a hidden shop becomes visible again.
    """
    was_hidden = shop.status == Shop.Status.HIDDEN
    shop.status = Shop.Status.PUBLISHED
    shop.status_reason = ""
    if shop.published_at is None:
        shop.published_at = timezone.now()
    shop.save(update_fields=["status", "status_reason", "published_at", "updated_at"])
    logger.info("Shop %s published by user %s", shop.pk, by.pk)
    if was_hidden:
        _notify_managers(
            shop=shop,
            subject=str(_("Your entry “%(name)s” is visible again") % {"name": shop.name}),
            template="moderation/emails/shop_published_again",
        )
    return shop
