from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "marktplatz.directory"
    label = "directory"
    verbose_name = _("Shop directory")

    def ready(self) -> None:
        """
        Drop the cached public pages whenever something they show changes. This is the one use of
        signals here and it holds no business rule: it also catches the admin and the shell. Writes
        by ``QuerySet.update()`` call ``content_changed()`` themselves.
        """
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from marktplatz.initiatives.models import Initiative, InitiativeMembership

        from . import models

        shown = [
            models.Shop,
            models.Category,
            models.ShopService,
            models.DeliveryPostalCode,
            models.OpeningHours,
            models.SpecialDay,
            models.ShopPhoto,
            models.ShopLink,
            Initiative,
            InitiativeMembership,
        ]
        for model in shown:
            post_save.connect(_public_content_changed, sender=model, dispatch_uid=f"visitor-cache-{model}")
            post_delete.connect(
                _public_content_changed, sender=model, dispatch_uid=f"visitor-cache-d-{model}"
            )
        m2m_changed.connect(
            _public_content_changed, sender=models.Shop.categories.through, dispatch_uid="visitor-cache-m2m"
        )


def _public_content_changed(**kwargs: Any) -> None:
    from marktplatz.core.visitor_cache import content_changed

    content_changed()
