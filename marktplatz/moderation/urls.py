from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "moderation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("geschaeft/<slug:slug>/", views.report_shop, name="report_shop"),
    path("geschaeft/<slug:slug>/danke/", views.report_shop_thanks, name="report_shop_thanks"),
    path("produkt/<int:product_id>/", views.report_product, name="report_product"),
    path("produkt/<int:product_id>/danke/", views.report_product_thanks, name="report_product_thanks"),
]
