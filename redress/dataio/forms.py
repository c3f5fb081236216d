from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.dataio.mapping import REQUIRED, Target
from redress.dataio.models import ImportBatch, ImportChannel

UPLOAD_MAX_BYTES = 200 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8 or GB18030) or XLSX, with a header row.")
    )
    source_name = forms.CharField(
        label=_("Source system"),
        max_length=60,
        initial="12345",
        help_text=_("Where the records come from, e.g. 12345 hotline; part of each record's key."),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=ImportChannel.choices)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        return upload


class MappingForm(forms.Form):
    """One choice of column per target."""

    def __init__(self, *args: Any, batch: ImportBatch, **kwargs: Any) -> None:
        kwargs.setdefault("initial", dict(batch.mapping))
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in the file)")), *((h, h) for h in batch.headers)]
        for target in Target:
            self.fields[target.value] = forms.ChoiceField(
                label=target.label, choices=choices, required=target in REQUIRED
            )

    def mapping(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}


class CaseExportForm(forms.Form):
    description = forms.BooleanField(
        label=_("Include the description (may name people)"), required=False
    )
    notes = forms.BooleanField(label=_("Include internal notes"), required=False)
