"""
The one door to an initiative's management pages: a missing initiative and one the user does not
manage raise the same ``Http404`` (the same rule as ``directory.access.access_shop``).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from marktplatz.accounts.models import User

from .models import Initiative, InitiativeManager


def access_initiative(user: User | AnonymousUser, initiative_id: int) -> Initiative:
    """Return the initiative ``initiative_id`` if ``user`` manages it; raise ``Http404`` otherwise."""
    if not user.is_authenticated:
        raise Http404
    manager = (
        InitiativeManager.objects.filter(user=user, initiative_id=initiative_id)
        .select_related("initiative")
        .first()
    )
    if manager is None:
        raise Http404
    return manager.initiative
