"""The site's URLs plus ``/bench/bare``, a view that does nothing, as the server's ceiling."""

from django.urls import URLPattern, URLResolver, include, path

from .views import bare

urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/bare", bare, name="bench_bare"),
    path("", include("config.urls")),
]
