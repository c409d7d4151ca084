"""factory_boy factories for the statistics counters."""

from __future__ import annotations

import factory
from django.utils import timezone

from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.stats.models import SearchMiss, ShopPageViewDay


class ShopPageViewDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShopPageViewDay

    shop = factory.SubFactory(ShopFactory)
    date = factory.LazyFunction(timezone.localdate)
    count = 1


class SearchMissFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchMiss

    kind = SearchMiss.Kind.SHOP
    query = "fahrradladen"
    where = ""
    date = factory.LazyFunction(timezone.localdate)
    count = 1
