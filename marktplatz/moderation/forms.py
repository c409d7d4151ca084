"""The public "report this entry" form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Report


class ReportForm(forms.Form):
    """Report a shop; ``ProductReportForm`` reports a product with the reasons that fit one."""

    reasons: tuple[Report.Reason, ...] = Report.SHOP_REASONS
    reason = forms.ChoiceField(
        label=_("What is wrong with this entry?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a reason."),
            "invalid_choice": _("Please choose a reason."),
        },
    )
    message = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should we check? Required if you chose “Something else”."),
        error_messages={
            "max_length": _(
                "Please keep it shorter: at most %(limit_value)d characters (now %(show_value)d)."
            )
        },
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you would like us to get back to you. We use it for nothing else."),
        error_messages={"invalid": _("Please enter a valid e-mail address, e.g. name@example.org.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # A honeypot: hidden from people (visually and from screen readers), filled in by spam robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(reason.value, reason.label) for reason in self.reasons]

    def is_spam(self) -> bool:
        """True when the honeypot was filled in (only meaningful after ``is_valid()``)."""
        return bool(self.cleaned_data.get("website"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        message_missing = "message" not in self.errors and not (cleaned.get("message") or "").strip()
        if cleaned.get("reason") == Report.Reason.OTHER and message_missing:
            self.add_error("message", _("Please describe briefly what is wrong."))
        return cleaned


class ProductReportForm(ReportForm):
    reasons = Report.PRODUCT_REASONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("What is wrong with this product?")
