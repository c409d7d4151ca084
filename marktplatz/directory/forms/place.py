"""The "where?" of a search form – a place and a radius – shared by the shop and the product search."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors import Origin, origin_resolve

RADIUS_CHOICES_KM = (5, 10, 25, 50, 100)
DEFAULT_RADIUS_KM = 25


class PlaceSearchForm(forms.Form):
    """``near`` (postal code or town) and ``radius``; ``origin`` is set when ``near`` names a known place."""

    near = forms.CharField(
        label=_("Where?"),
        required=False,
        max_length=100,
        help_text=_("Postal code or town, e.g. 18055 or Güstrow"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "place-suggestions"}),
    )
    radius = forms.TypedChoiceField(
        label=_("Search radius"),
        choices=[(km, _("within %(km)s km") % {"km": km}) for km in RADIUS_CHOICES_KM],
        coerce=int,
        required=False,
        empty_value=None,
        initial=DEFAULT_RADIUS_KM,
        help_text=_("Counts only when a place is given."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.origin: Origin | None = None

    def clean_near(self) -> str:
        near = " ".join(self.cleaned_data["near"].split())
        if near:
            self.origin = origin_resolve(where=near)
            if self.origin is None:
                raise forms.ValidationError(_("Place or postal code not found."), code="unknown_place")
        return near
