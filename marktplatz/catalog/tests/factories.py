"""
factory_boy factories for the catalog. ``ProductFactory`` goes through ``product_create``, so a
product always has its variant, its summary and its search document, as in real life::

    ProductFactory(shop=shop, name="Roggenbrot", price=Decimal("3.20"))
    ProductFactory(stock_mode=StockMode.TRACKED, stock=5, sku="B-1")
    ProductFactory(variants=[VariantData(label="S", price=...), VariantData(label="M", price=...)])
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory

from marktplatz.catalog.models import Product, ProductCategory
from marktplatz.catalog.services.products import VariantData, product_create
from marktplatz.directory.tests.factories import ShopFactory


class ProductCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Warengruppe {n}")
    name_en = factory.Sequence(lambda n: f"Product group {n}")
    slug = factory.Sequence(lambda n: f"warengruppe-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    shop = factory.SubFactory(ShopFactory)
    name = factory.Sequence(lambda n: f"Testprodukt {n}")
    # The sellable part (passed on as one ``VariantData`` unless ``variants`` is given).
    price = Decimal("4.99")
    stock = 0
    sku = ""
    gtin = ""
    compare_at_price = None
    variants = None

    @classmethod
    def _create(cls, model_class: type[Product], *args: Any, **kwargs: Any) -> Product:
        variants = kwargs.pop("variants", None) or [
            VariantData(
                price=kwargs.pop("price"),
                stock=kwargs.pop("stock"),
                sku=kwargs.pop("sku"),
                gtin=kwargs.pop("gtin"),
                compare_at_price=kwargs.pop("compare_at_price"),
            )
        ]
        for key in ("price", "stock", "sku", "gtin", "compare_at_price"):
            kwargs.pop(key, None)
        return product_create(variants=variants, **kwargs)
