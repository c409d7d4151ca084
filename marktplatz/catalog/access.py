"""
The one door to a shop's products in the back office. A product that does not exist and a product
of a shop the user does not manage raise the same ``Http404`` – like ``directory.access.access_shop``.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from marktplatz.accounts.models import User
from marktplatz.directory.access import access_shop
from marktplatz.directory.models import Shop

from .models import Product


def products_of_shop(shop: Shop) -> QuerySet[Product]:
    """The products of ``shop`` (every state) – for a shop already obtained through ``access_shop``."""
    return Product.objects.filter(shop=shop)


def access_product(user: User | AnonymousUser, shop_id: int, product_id: int) -> tuple[Shop, Product]:
    """The shop (checked by ``access_shop``) and its product ``product_id``; ``Http404`` otherwise."""
    shop = access_shop(user, shop_id)
    product = products_of_shop(shop).filter(pk=product_id).first()
    if product is None:
        raise Http404
    return shop, product
