from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "marktplatz.api"
    label = "api"
