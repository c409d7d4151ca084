from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CartConfig(AppConfig):
    name = "marktplatz.cart"
    label = "cart"
    verbose_name = _("Carts")

    def ready(self) -> None:
        # Wiring, not a rule: on login the guest's cart joins the account's (cart_merge holds the rule).
        from django.contrib.auth.signals import user_logged_in

        from .session import merge_on_login

        user_logged_in.connect(merge_on_login, dispatch_uid="cart-merge-on-login")
