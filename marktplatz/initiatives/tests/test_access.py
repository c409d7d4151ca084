"""``access_initiative``: the one door to an initiative's management; 404 for missing and not yours."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.initiatives.access import access_initiative
from marktplatz.initiatives.models import Initiative

from .factories import InitiativeFactory, InitiativeManagerFactory


@pytest.mark.django_db
def test_a_manager_gets_the_initiative() -> None:
    manager = InitiativeManagerFactory()

    assert access_initiative(manager.user, manager.initiative.pk) == manager.initiative


@pytest.mark.django_db
def test_a_manager_gets_a_hidden_initiative_too() -> None:
    manager = InitiativeManagerFactory(initiative=InitiativeFactory(status=Initiative.Status.HIDDEN))

    assert access_initiative(manager.user, manager.initiative.pk) == manager.initiative


@pytest.mark.django_db
def test_someone_else_gets_not_found() -> None:
    manager = InitiativeManagerFactory()

    with pytest.raises(Http404):
        access_initiative(UserFactory(), manager.initiative.pk)


@pytest.mark.django_db
def test_the_manager_of_another_initiative_gets_not_found() -> None:
    manager = InitiativeManagerFactory()
    other = InitiativeFactory()

    with pytest.raises(Http404):
        access_initiative(manager.user, other.pk)


@pytest.mark.django_db
def test_a_missing_initiative_is_not_found_like_a_foreign_one() -> None:
    manager = InitiativeManagerFactory()

    with pytest.raises(Http404):
        access_initiative(manager.user, manager.initiative.pk + 1000)


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_not_found() -> None:
    initiative = InitiativeFactory()

    with pytest.raises(Http404):
        access_initiative(AnonymousUser(), initiative.pk)
