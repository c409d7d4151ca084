"""
Shops that are in the search index. ``ShopFactory`` alone does not index (the directory's
services do that through ``marktplatz.search.index_shop``); tests of the search use these.
"""

from __future__ import annotations

from typing import Any

import factory

from marktplatz.directory.tests.factories import ShopFactory
from marktplatz.search.services import index_shop


class IndexedShopFactory(ShopFactory):
    """A ``ShopFactory`` shop, indexed after its categories are set (pass ``index=False`` to skip)."""

    @factory.post_generation
    def index(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            index_shop(shop_id=self.pk)
