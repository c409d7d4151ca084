from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("anmelden/", views.login, name="login"),
    path("abmelden/", views.LogoutView.as_view(), name="logout"),
    path("anmeldelink/", views.login_link_request, name="login_link"),
    path("anmeldelink/gesendet/", views.login_link_sent, name="login_link_sent"),
    path("anmeldelink/<uidb64>/<token>/", views.login_link_confirm, name="login_link_confirm"),
    path("passwort/", views.password_change, name="password_change"),
    path("passwort-vergessen/", views.password_reset, name="password_reset"),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
