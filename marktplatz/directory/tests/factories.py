"""factory_boy factories for the directory. Defaults give a published shop in Rostock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from marktplatz.accounts.tests.factories import UserFactory
from marktplatz.directory.models import (
    Category,
    OpeningHours,
    ServiceKind,
    Shop,
    ShopMembership,
    ShopService,
    SpecialDay,
)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategorie {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")


class ShopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shop
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testladen {n}")
    slug = factory.Sequence(lambda n: f"testladen-{n}")
    status = Shop.Status.PUBLISHED
    street = "Kröpeliner Straße 1"
    postal_code = "18055"
    locality = "Rostock"
    district = "Rostock"
    lat = 54.0887
    lon = 12.1403
    email = factory.Sequence(lambda n: f"laden{n}@example.org")
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        self.categories.set(extracted if extracted is not None else [CategoryFactory()])


class ShopMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShopMembership

    shop = factory.SubFactory(ShopFactory)
    user = factory.SubFactory(UserFactory)
    role = ShopMembership.Role.OWNER


class ShopServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShopService

    shop = factory.SubFactory(ShopFactory)
    kind = ServiceKind.PICKUP


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    shop = factory.SubFactory(ShopFactory)
    weekday = 0
    opens = dt.time(9, 0)
    closes = dt.time(18, 0)


class SpecialDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecialDay

    shop = factory.SubFactory(ShopFactory)
    date = factory.LazyFunction(lambda: timezone.localdate())
    is_closed = True
