"""Forms of the conference pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.conferences.models import ConferenceKind, Presence
from redress.conferences.services import MINUTES_MAX, TITLE_MAX
from redress.obligations.models import TEXT_MAX, WORKING_DAYS_MAX
from redress.orgs.models import Department, Jurisdiction, User

DECISION_ROWS = 3


def _unit_label(unit: Department) -> str:
    return f"{unit.jurisdiction.name} · {unit.name}"


class ConferenceForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(
        label=_("Jurisdiction"), queryset=Jurisdiction.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ConferenceKind.choices)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    scheduled_at = forms.DateTimeField(
        label=_("Scheduled for"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["jurisdiction"]
        assert isinstance(field, forms.ModelChoiceField)
        path = user.jurisdiction.path if user.jurisdiction else "/nowhere/"
        field.queryset = Jurisdiction.objects.filter(path__startswith=path).exclude(level="village")
        if user.jurisdiction is not None:
            field.initial = user.jurisdiction.pk


class MinutesForm(forms.Form):
    """The minutes, one presence field per member unit, and a few decision rows (each a
    text, an owner unit and a deadline in working days; empty rows are skipped)."""

    minutes = forms.CharField(
        label=_("Minutes"), max_length=MINUTES_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(
        self, *args: Any, members: list[Department], units: list[Department], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for unit in members:
            self.fields[f"presence_{unit.pk}"] = forms.ChoiceField(
                label=_unit_label(unit), choices=Presence.choices, initial=Presence.PRESENT
            )
        unit_choices = [("", "–"), *((str(unit.pk), _unit_label(unit)) for unit in units)]
        self.units = {unit.pk: unit for unit in units}
        for row in range(DECISION_ROWS):
            self.fields[f"decision_{row}_text"] = forms.CharField(
                label=_("Decision %(n)s") % {"n": row + 1},
                max_length=TEXT_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"decision_{row}_unit"] = forms.TypedChoiceField(
                label=_("Owner unit"), choices=unit_choices, required=False, coerce=int
            )
            self.fields[f"decision_{row}_days"] = forms.IntegerField(
                label=_("Working days"),
                min_value=1,
                max_value=WORKING_DAYS_MAX,
                required=False,
                initial=10,
            )

    def presence_fields(self) -> list[Any]:
        return [self[f"presence_{unit.pk}"] for unit in self.members]

    def decision_rows(self) -> list[list[Any]]:
        return [
            [self[f"decision_{row}_{part}"] for part in ("text", "unit", "days")]
            for row in range(DECISION_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(DECISION_ROWS):
            if data.get(f"decision_{row}_text") and not data.get(f"decision_{row}_unit"):
                self.add_error(f"decision_{row}_unit", _("Name the owner unit."))
            if data.get(f"decision_{row}_text") and not data.get(f"decision_{row}_days"):
                self.add_error(f"decision_{row}_days", _("Give the deadline."))
        return data

    def attendance(self) -> dict[int, str]:
        return {unit.pk: self.cleaned_data[f"presence_{unit.pk}"] for unit in self.members}

    def decisions(self) -> list[tuple[str, Department, int]]:
        rows = []
        for row in range(DECISION_ROWS):
            text = self.cleaned_data.get(f"decision_{row}_text")
            if text:
                unit = self.units[self.cleaned_data[f"decision_{row}_unit"]]
                rows.append((text, unit, self.cleaned_data[f"decision_{row}_days"]))
        return rows


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    unit = forms.TypedChoiceField(label=_("Owner unit"), coerce=int)
    working_days = forms.IntegerField(
        label=_("Working days"), min_value=1, max_value=WORKING_DAYS_MAX, initial=10
    )

    def __init__(self, *args: Any, units: list[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        field = self.fields["unit"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(str(unit.pk), _unit_label(unit)) for unit in units]
