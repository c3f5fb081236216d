"""Forms of the project pages. Each is validated here, then handed to a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.assessments.models import (
    ConsultationKind,
    Dimension,
    Grade,
    Level3,
    ProjectKind,
    ProjectStatus,
    RiskFactorKind,
)
from redress.assessments.services.assessment import COUNT_MAX, TITLE_MAX
from redress.assessments.services.common import REASON_MAX, TEXT_MAX
from redress.cases.forms import DepartmentChoiceField
from redress.core.widgets import FastSelect
from redress.orgs.models import Department, Jurisdiction, Level, Role, User

DATE = forms.DateInput(attrs={"type": "date"})


def _text(label: Any, *, required: bool = True, rows: int = 3, maximum: int = TEXT_MAX) -> Any:
    return forms.CharField(
        label=label,
        max_length=maximum,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=COUNT_MAX, initial=0)


class JurisdictionChoiceField(forms.ModelChoiceField):
    widget = FastSelect

    def label_from_instance(self, obj: Jurisdiction) -> str:
        return f"{'· ' * max(obj.depth - 3, 0)}{obj.name}"


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("All")),
            ("pending", _("Not yet decided")),
            *ProjectStatus.choices,
        ],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    level = forms.ChoiceField(
        label=_("Deciding level"),
        choices=[(v, label) for v, label in Level.choices if v != Level.ENTERPRISE],
        initial=Level.COUNTY,
    )
    initiator = DepartmentChoiceField(label=_("Initiator unit"), queryset=Department.objects.none())
    jurisdiction = JurisdictionChoiceField(label=_("Area"), queryset=Jurisdiction.objects.none())
    description = _text(_("Description"), required=False, rows=4)
    location_text = forms.CharField(label=_("Location"), max_length=300, required=False)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, required=False)
    longitude = forms.FloatField(
        label=_("Longitude"), min_value=-180, max_value=180, required=False
    )
    area_hectares = forms.DecimalField(
        label=_("Area (hectares)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    investment_wan = forms.DecimalField(
        label=_("Investment (10,000 yuan)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )
    affected_households = _count(_("Affected households"))
    affected_people = _count(_("Affected people"))
    planned_start = forms.DateField(label=_("Planned start"), required=False, widget=DATE)
    planned_end = forms.DateField(label=_("Planned end"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = user.jurisdiction.path if user.jurisdiction else "/-/"
        departments = Department.objects.filter(
            jurisdiction__path__startswith=area, is_active=True
        ).select_related("jurisdiction")
        if user.role == Role.HANDLER:
            departments = departments.filter(pk=user.department_id or 0)
        initiator = self.fields["initiator"]
        assert isinstance(initiator, forms.ModelChoiceField)
        initiator.queryset = departments
        if user.department_id:
            initiator.initial = user.department_id
        place = self.fields["jurisdiction"]
        assert isinstance(place, forms.ModelChoiceField)
        place.queryset = Jurisdiction.objects.filter(path__startswith=area).exclude(
            level=Level.ENTERPRISE
        )
        place.initial = user.jurisdiction_id


class DimensionForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=Dimension.choices)
    findings = _text(_("Findings"))
    evidence = _text(_("Evidence"), required=False, rows=2)


class RiskFactorForm(forms.Form):
    factor = forms.ChoiceField(label=_("Risk factor"), choices=RiskFactorKind.choices)
    likelihood = forms.ChoiceField(label=_("Likelihood"), choices=Level3.choices)
    impact = forms.ChoiceField(label=_("Impact"), choices=Level3.choices)
    findings = _text(_("Findings"))
    evidence = _text(_("Evidence"), required=False, rows=2)


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ConsultationKind.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    summary = _text(_("Summary"))
    households_reached = _count(_("Households reached"))
    support_count = _count(_("Support"))
    objection_count = _count(_("Objection"))
    neutral_count = _count(_("Neutral"))


class ConsultationEditForm(ConsultationForm):
    record = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ObjectionsForm(forms.Form):
    main_objections = _text(_("Main objections"), required=False, rows=4)


class GradeForm(forms.Form):
    grade = forms.ChoiceField(
        label=_("Assessor's grade"),
        required=False,
        choices=[("", _("As computed")), *Grade.choices],
    )
    reason = _text(_("Reason for a different grade"), required=False, maximum=REASON_MAX)


class MeasureForm(forms.Form):
    description = _text(_("Measure"), maximum=REASON_MAX, rows=2)
    owner = DepartmentChoiceField(label=_("Owner unit"), queryset=Department.objects.none())
    working_days = forms.IntegerField(
        label=_("Due in (working days)"), min_value=1, max_value=250, initial=20
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        from redress.orgs.selectors import department_list_for_user

        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = department_list_for_user(user=user).filter(is_active=True)


class MeasureCompleteForm(forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = _text(_("What was done"), required=False, rows=2, maximum=REASON_MAX)


class LinkForm(forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=20, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("case") and not data.get("tracking_code"):
            raise forms.ValidationError(_("Give the grievance's tracking code."))
        return data
