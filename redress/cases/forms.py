"""Forms for the staff's actions on a case. Each is validated here, then handed to a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.orgs.models import Department, Role, User


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.jurisdiction.name} · {obj.name}"


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Written answer to the complainant"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label=_("Extend by (working days)"), min_value=1, max_value=30, initial=30
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransferForm(forms.Form):
    department = DepartmentChoiceField(
        label=_("Transfer to"),
        queryset=Department.objects.none(),
        empty_label=_("Choose a department"),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, exclude_department_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, DepartmentChoiceField)
        field.queryset = (
            Department.objects.filter(is_active=True)
            .exclude(pk=exclude_department_id or 0)
            .select_related("jurisdiction")
            .order_by("jurisdiction__path", "kind")
        )


class AssignForm(forms.Form):
    department = DepartmentChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Keep the current department"),
    )
    assignee = HandlerChoiceField(
        label=_("Handler"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Any handler of the department"),
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, area_path: str = "/", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department_field = self.fields["department"]
        assert isinstance(department_field, DepartmentChoiceField)
        department_field.queryset = (
            Department.objects.filter(is_active=True, jurisdiction__path__startswith=area_path)
            .select_related("jurisdiction")
            .order_by("jurisdiction__path", "kind")
        )
        assignee_field = self.fields["assignee"]
        assert isinstance(assignee_field, HandlerChoiceField)
        assignee_field.queryset = User.objects.filter(
            role=Role.HANDLER, is_active=True, jurisdiction__path__startswith=area_path
        ).order_by("username")


class CaseReferenceForm(forms.Form):
    """Names another case by its tracking code (what staff read out and write down)."""

    other = forms.CharField(label=_("Tracking code of the other case"), max_length=20)
    note = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ContactReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the complainant's contact details?"),
        min_length=4,
        max_length=300,
    )
