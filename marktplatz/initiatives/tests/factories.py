"""factory_boy factories for initiatives. Defaults give a published initiative in Stralsund."""

from __future__ import annotations

import factory

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.initiatives.models import Initiative, InitiativeManager, InitiativeMembership


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Händlerinitiative {n}")
    slug = factory.Sequence(lambda n: f"haendlerinitiative-{n}")
    region = "Altstadt Stralsund"
    description = "Die Geschäfte der Altstadt gemeinsam online."
    website = "https://altstadt.example.org/"
    email = factory.Sequence(lambda n: f"initiative{n}@example.org")
    status = Initiative.Status.PUBLISHED


class InitiativeManagerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeManager

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)


class InitiativeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeMembership

    initiative = factory.SubFactory(InitiativeFactory)
    shop = factory.SubFactory(ShopFactory)
    status = InitiativeMembership.Status.CONFIRMED
