"""
Retailer initiatives (e.g. "Altstadt Stralsund"): a group of shops that presents itself together.

An initiative has managers (people who confirm or decline membership requests) and member shops.
A shop asks to join; the membership counts once a manager has confirmed it. The rules live in
``services.py`` (writes), ``selectors.py`` (reads) and ``access.py`` (who may manage which initiative).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def published(self) -> InitiativeQuerySet:
        return self.filter(status=Initiative.Status.PUBLISHED)


class Initiative(models.Model):
    """A group of local shops, e.g. the retailers of an old town or a shopping street."""

    class Status(models.TextChoices):
        PUBLISHED = "published", _("published")
        HIDDEN = "hidden", _("hidden")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    logo = models.ImageField(_("logo"), upload_to="initiatives/logos/", blank=True)
    region = models.CharField(
        _("region"),
        max_length=120,
        blank=True,
        help_text=_("Where the member shops are, e.g. “Altstadt Stralsund”."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class InitiativeManager(models.Model):
    """A person who manages an initiative: confirms or declines the shops that ask to join."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="managers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="initiative_managements",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("initiative manager")
        verbose_name_plural = _("initiative managers")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="unique_initiative_manager"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.initiative}"


class InitiativeMembership(models.Model):
    """A shop's membership in an initiative: requested by the shop, decided by a manager."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="memberships"
    )
    shop = models.ForeignKey(
        "directory.Shop",
        verbose_name=_("shop"),
        on_delete=models.CASCADE,
        related_name="initiative_memberships",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "shop"], name="unique_initiative_membership"),
        ]
        indexes = [
            models.Index(fields=["shop", "status"], name="initiative_membership_shop"),
        ]

    def __str__(self) -> str:
        return f"{self.shop} – {self.initiative} ({self.get_status_display()})"
