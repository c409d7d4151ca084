from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "marktplatz.core"
    label = "core"
    verbose_name = "Marktplatz"
