"""The operator's admin for accounts: users log in with their e-mail address, there is no user name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.models import ShopMembership

from .models import User


class _UniqueEmailMixin:
    """E-mail addresses are stored in lower case and must be unique regardless of case."""

    instance: User
    cleaned_data: dict[str, Any]

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."), code="unique")
        return email


class UserCreationForm(_UniqueEmailMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)
        field_classes: dict[str, type[forms.Field]] = {}


class UserChangeAdminForm(_UniqueEmailMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes: dict[str, type[forms.Field]] = {}


class ShopMembershipInline(admin.TabularInline[ShopMembership, User]):
    model = ShopMembership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ("shop",)
    fields = ("shop", "role", "created_at")
    readonly_fields = ("created_at",)
    verbose_name = _("managed shop")
    verbose_name_plural = _("managed shops")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationForm
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active", "date_joined", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email_confirmed_at")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    inlines = (ShopMembershipInline,)

    def get_inlines(self, request: HttpRequest, obj: User | None) -> list[type[InlineModelAdmin[Any, Any]]]:
        # A new user is saved first (e-mail and password only); the shops come on the change page.
        return list(self.inlines) if obj is not None else []
