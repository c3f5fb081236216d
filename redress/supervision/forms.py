"""Forms of the supervision pages: issuing a letter, filtering letters, and the accountability
steps (the report, accept and send-back forms are redress.obligations.forms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.obligations.models import REASON_MAX, TEXT_MAX, ObligationStatus
from redress.orgs.models import Department, Role, User
from redress.supervision.selectors import LETTER_STATE_FILTERS
from redress.supervision.services import TITLE_MAX, WORKING_DAYS_MAX


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
