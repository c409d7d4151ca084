from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "marktplatz.search"
    label = "search"
    verbose_name = _("Search index")

    def ready(self) -> None:
        from .kinds import register_kind
        from .services import SHOP_KIND

        register_kind(SHOP_KIND)
