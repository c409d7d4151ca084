from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "marktplatz.catalog"
    label = "catalog"
    verbose_name = _("Product catalog")

    def ready(self) -> None:
        from marktplatz.search import register_kind

        from .indexing import PRODUCT_KIND

        register_kind(PRODUCT_KIND)
