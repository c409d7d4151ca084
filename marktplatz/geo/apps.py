from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "marktplatz.geo"
    label = "geo"
