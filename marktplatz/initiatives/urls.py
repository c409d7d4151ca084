from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiatives_list, name="list"),
    path("<int:initiative_id>/verwalten/", views.initiative_manage, name="manage"),
    path(
        "<int:initiative_id>/verwalten/<int:membership_id>/",
        views.initiative_decide,
        name="decide",
    ),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/beitreten/", views.initiative_join, name="join"),
]
