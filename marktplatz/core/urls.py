from django.urls import path
from django.views.generic import TemplateView

from . import sitemaps, views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_xml, name="sitemap"),
    path("ueber-uns/", TemplateView.as_view(template_name="core/about.html"), name="about"),
    path("impressum/", TemplateView.as_view(template_name="core/imprint.html"), name="imprint"),
    path("datenschutz/", TemplateView.as_view(template_name="core/privacy.html"), name="privacy"),
    path(
        "barrierefreiheit/",
        TemplateView.as_view(template_name="core/accessibility.html"),
        name="accessibility",
    ),
    path("ranking/", TemplateView.as_view(template_name="core/ranking.html"), name="ranking"),
]
