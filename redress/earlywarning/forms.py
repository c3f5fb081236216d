from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.earlywarning.models import AlertKind, AlertStatus


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Not closed")), *AlertStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *AlertKind.choices]
    )
    category = forms.TypedChoiceField(
        label=_("Category"), required=False, coerce=int, empty_value=None
    )
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)

    def __init__(
        self,
        *args: Any,
        categories: list[tuple[int, str]],
        areas: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (("category", categories), ("area", areas)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", _("All")), *choices]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DismissForm(forms.Form):
    reason = forms.CharField(label=_("Why dismiss"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("How the cause was resolved"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionForm(forms.Form):
    action_kind = forms.CharField(
        label=_("Action taken"),
        max_length=40,
        help_text=_("A supervision letter, a case action, a site visit..."),
    )
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)
    case_id = forms.IntegerField(label=_("Case number"), required=False, min_value=1)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
