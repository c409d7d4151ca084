"""factory_boy factories for the statistics counters."""

from __future__ import annotations

import factory
from django.utils import timezone

from marktplatz.catalog.tests.factories import ProductFactory
from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.stats.models import ProductPageViewDay, SearchMiss, ShopPageViewDay


class ShopPageViewDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShopPageViewDay

    shop = factory.SubFactory(ShopFactory)
    date = factory.LazyFunction(timezone.localdate)
    count = 1


class ProductPageViewDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductPageViewDay

    product = factory.SubFactory(ProductFactory)
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
