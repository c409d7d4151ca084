"""Forms of the initiatives: a shop manager asks to join, an initiative manager decides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marktplatz.directory.models import Shop


class JoinForm(forms.Form):
    """Which of the user's shops asks to join; only the shops the view offers are valid choices."""

    shop = forms.TypedChoiceField(
        label=_("Which of your shops would like to join?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose your shop."),
            "invalid_choice": _("Please choose one of your shops from the list."),
        },
    )

    def __init__(self, *args: Any, shops: Iterable[Shop], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["shop"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(shop.pk, f"{shop.name}, {shop.locality}") for shop in shops]
        if len(field.choices) == 1:
            field.initial = field.choices[0][0]


class DecisionForm(forms.Form):
    """A manager's answer to a membership request."""

    decision = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("decline", _("Decline"))],
        error_messages={
            "required": _("Please choose whether to confirm or decline."),
            "invalid_choice": _("Please choose whether to confirm or decline."),
        },
    )

    @property
    def confirm(self) -> bool:
        return bool(self.cleaned_data["decision"] == "confirm")
