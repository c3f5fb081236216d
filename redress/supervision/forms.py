"""Forms of the supervision pages: issuing a letter, reports with files, decisions, and the
accountability steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.core.errors import DomainError
from redress.orgs.models import Department, Role, User
from redress.supervision.attachments import PreparedFile, file_prepare
from redress.supervision.obligations import MAX_FILES, REASON_MAX, TEXT_MAX
from redress.supervision.selectors import LETTER_STATE_FILTERS
from redress.supervision.services import TITLE_MAX, WORKING_DAYS_MAX


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


def _unit_label(unit: Department) -> str:
    return f"{unit.jurisdiction.name} · {unit.name}"


class LetterIssueForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Department.objects.none())
    leader = forms.ModelChoiceField(
        label=_("Responsible leader"), queryset=User.objects.none(), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    required_action = forms.CharField(
        label=_("Required action"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    working_days = forms.IntegerField(
        label=_("Deadline in working days"),
        min_value=1,
        max_value=WORKING_DAYS_MAX,
        initial=10,
        help_text=_("Counted on the unit's working calendar."),
    )
    case = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        path = user.jurisdiction.path if user.jurisdiction else "/nowhere/"
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Department.objects.filter(
            jurisdiction__path__startswith=path, is_active=True
        ).select_related("jurisdiction")
        unit_field.label_from_instance = _unit_label  # type: ignore[method-assign,assignment]
        leader_field = self.fields["leader"]
        assert isinstance(leader_field, forms.ModelChoiceField)
        leader_field.queryset = User.objects.filter(
            role=Role.LEADER, is_active=True, jurisdiction__path__startswith=path
        ).select_related("jurisdiction")


class LetterFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from redress.supervision.obligations import ObligationStatus

        super().__init__(*args, **kwargs)
        labels = {
            "open": _("Not closed"),
            "overdue": _("Overdue"),
            "escalated": _("Escalated"),
            **dict(ObligationStatus.choices),
        }
        state_field = self.fields["state"]
        assert isinstance(state_field, forms.ChoiceField)
        state_field.choices = [("", _("All")), *((s, labels[s]) for s in LETTER_STATE_FILTERS)]


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=REASON_MAX * 4, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealDecisionForm(forms.Form):
    upheld = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("1", _("Uphold the appeal (withdraw the record)")),
            ("0", _("Reject the appeal")),
        ],
        coerce=lambda value: value == "1",
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX * 4, widget=forms.Textarea(attrs={"rows": 3})
    )
