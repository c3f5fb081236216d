"""The forms of an obligation's steps: a report with its files, accepting, sending back."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.core.errors import DomainError
from redress.obligations.attachments import PreparedFile, file_prepare
from redress.obligations.models import MAX_FILES, REASON_MAX, TEXT_MAX


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Up to MAX_FILES PDF documents or images, each checked by the attachments module."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[PreparedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(n)s files.") % {"n": MAX_FILES})
        prepared = []
        for upload in files:
            try:
                prepared.append(file_prepare(upload.read()))
            except DomainError as error:
                if error.code == "too_many_pixels":
                    raise forms.ValidationError(str(error), code=error.code) from None
                raise forms.ValidationError(
                    _("Attach PDF documents or JPEG, PNG or WebP images of at most 8 MB.")
                ) from None
        return prepared


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("Report"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = FilesField(
        label=_("Files"),
        required=False,
        help_text=_("Up to 5 PDF documents or images."),
        widget=MultipleFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
    )


class AcceptForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=REASON_MAX, required=False)


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
