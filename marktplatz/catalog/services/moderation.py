"""
The operator's decisions in the catalog: hide a product with a reason or show it again, and edit
the product taxonomy.

The admin and the moderation queue call these functions and nothing else. Hiding needs a reason:
it is stored in ``Product.operator_reason``, shown to the shop in its back office and sent to the
shop's owners by e-mail. All of them keep the search index and the cached public pages in step.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marktplatz.accounts.models import User
from marktplatz.core.mail import send_mail_later
from marktplatz.core.visitor_cache import content_changed
from marktplatz.directory.models import ShopMembership

from ..indexing import reindex_products
from ..models import Product, ProductCategory

logger = logging.getLogger(__name__)

OPERATOR_REASON_MAX_LENGTH = 1000


def _owner_emails(*, product: Product) -> list[str]:
    return list(
        User.objects.filter(
            shop_memberships__shop_id=product.shop_id,
            shop_memberships__role=ShopMembership.Role.OWNER,
            is_active=True,
        )
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _notify_owners(*, product: Product, subject: str, template: str, reason: str = "") -> None:
    recipients = _owner_emails(product=product)
    if not recipients:
        return
    send_mail_later(
        to=recipients,
        subject=subject,
        template=template,
        context={
            "product_name": product.name,
            "shop_name": product.shop.name,
            "reason": reason,
            "product_url": settings.SITE_URL + product.get_absolute_url(),
            "product_edit_url": settings.SITE_URL
            + reverse("catalog:product_edit", kwargs={"shop_id": product.shop_id, "product_id": product.pk}),
            "operator_email": settings.OPERATOR_EMAIL,
        },
    )


def _reason_clean(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Please give a reason; the shop will see it."), code="required")
    if len(reason) > OPERATOR_REASON_MAX_LENGTH:
        raise ValidationError(
            _("Please keep the reason under %(limit)d characters.") % {"limit": OPERATOR_REASON_MAX_LENGTH},
            code="max_length",
        )
    return reason


@transaction.atomic
def product_hide_by_operator(*, product: Product, reason: str, by: User) -> Product:
    """
    Take ``product`` off the public pages, the search and the API. ``reason`` is required; the
    shop sees it in its back office and its owners get it by e-mail. Hiding a hidden product
    again only replaces the reason (and tells the owners). The owner cannot show it again.
    """
    reason = _reason_clean(reason)
    product.hidden_by_operator = True
    product.operator_reason = reason
    product.save(update_fields=["hidden_by_operator", "operator_reason", "updated_at"])
    reindex_products(product_ids=[product.pk])
    content_changed()
    logger.info("Product %s hidden by user %s", product.pk, by.pk)
    _notify_owners(
        product=product,
        subject=str(_("Your product “%(name)s” is no longer visible") % {"name": product.name}),
        template="moderation/emails/product_hidden",
        reason=reason,
    )
    return product


@transaction.atomic
def product_unhide_by_operator(*, product: Product, by: User) -> Product:
    """
    Lift the operator's hiding of ``product`` and clear the reason. The product shows again if
    its owner shows it (``is_active``) and the shop is published. The owners are told by e-mail.
    """
    was_hidden = product.hidden_by_operator
    product.hidden_by_operator = False
    product.operator_reason = ""
    product.save(update_fields=["hidden_by_operator", "operator_reason", "updated_at"])
    reindex_products(product_ids=[product.pk])
    content_changed()
    logger.info("Product %s shown again by user %s", product.pk, by.pk)
    if was_hidden:
        _notify_owners(
            product=product,
            subject=str(_("Your product “%(name)s” is visible again") % {"name": product.name}),
            template="moderation/emails/product_shown_again",
        )
    return product


# A change of these fields changes what the search finds (category names are keywords).
_CATEGORY_SEARCH_FIELDS = ("name", "name_en", "parent")


@transaction.atomic
def product_category_save(
    *, category: ProductCategory, changed_fields: Sequence[str] = ()
) -> ProductCategory:
    """
    Save ``category`` (new or changed by the operator). When a field the search uses changed (its
    names or parent), the products of the category and of its sub-categories are re-indexed.
    """
    category.full_clean()
    category.save()
    if category.pk and any(field in _CATEGORY_SEARCH_FIELDS for field in changed_fields):
        product_ids = Product.objects.filter(Q(category=category) | Q(category__parent=category)).values_list(
            "pk", flat=True
        )
        reindex_products(product_ids=product_ids.iterator())
    content_changed()
    return category
