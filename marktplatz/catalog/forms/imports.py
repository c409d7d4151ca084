"""The upload form of the CSV import: size and readability are checked before anything is stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..csv.jobs import MAX_UPLOAD_BYTES, import_file_check


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A CSV file from your till system, Excel or a previous export; separated by semicolons or "
            "commas, in UTF-8 or Windows-1252. You see what will happen before anything is saved."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
        error_messages={"required": _("Please choose a CSV file.")},
    )

    def clean_file(self) -> Any:
        file: UploadedFile = self.cleaned_data["file"]
        size = file.size or 0
        if size == 0:
            raise ValidationError(_("The file is empty."), code="empty")
        if size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s); at most %(limit)s are possible. Please split it."),
                code="too_large",
                params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
            )
        import_file_check(file=file)
        return file
