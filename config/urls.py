"""The URL map: each app brings its own ``urls.py``; see docs/ARCHITECTURE.md for the tour."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("marktplatz.core.urls")),
    path("", include("marktplatz.directory.urls")),
    path("", include("marktplatz.catalog.urls")),
    path("initiativen/", include("marktplatz.initiatives.urls")),
    path("konto/", include("marktplatz.accounts.urls")),
    path("melden/", include("marktplatz.moderation.urls")),
    path("betrieb/", include("marktplatz.stats.urls")),
    path("api/v1/", include("marktplatz.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
