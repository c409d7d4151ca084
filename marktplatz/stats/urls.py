from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "stats"

urlpatterns: list[URLPattern | URLResolver] = [
    path("statistik/", views.dashboard, name="dashboard"),
    path("statistik/<slug:table>.csv", views.dashboard_csv, name="dashboard_csv"),
]
