"""Forms for the staff's actions on a case. Each is validated here, then handed to a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.core.forms import StorableTextForm
from redress.core.i18n import pick
from redress.core.widgets import FastSelect
from redress.orgs.models import Department, Role, User


class DepartmentChoiceField(forms.ModelChoiceField):
    widget = FastSelect

    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.jurisdiction.name} · {obj.name}"


class HandlerChoiceField(forms.ModelChoiceField):
    widget = FastSelect

    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class NoteForm(StorableTextForm):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequiredNoteForm(StorableTextForm):
    note = forms.CharField(
        label=_("Note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(StorableTextForm):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(StorableTextForm):
    answer = forms.CharField(
        label=_("Written answer to the complainant"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ResolveForm(AnswerForm):
    public = forms.BooleanField(
        label=_("Publish this answer"),
        required=False,
        help_text=_(
            "Open311 clients and their users then read the answer itself; otherwise only that "
            "the case was answered. The complainant sees it on their tracking page either way."
        ),
    )

    def __init__(self, *args: Any, category_public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["public"].initial = category_public


class ExtendForm(StorableTextForm):
    days = forms.IntegerField(
        label=_("Extend by (working days)"), min_value=1, max_value=30, initial=30
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TransferForm(StorableTextForm):
    department = DepartmentChoiceField(
        label=_("Transfer to"),
        queryset=Department.objects.none(),
        empty_label=_("Choose a department"),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, user: User, exclude_department_id: int | None = None, **kwargs: Any
    ) -> None:
        from redress.orgs.selectors import department_list_for_user

        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, DepartmentChoiceField)
        # The user's own area and the chain above it: sideways within the area, or up a level
        # (the level above then passes it down elsewhere), as the API allows too.
        field.queryset = (
            department_list_for_user(user=user)
            .filter(is_active=True)
            .exclude(pk=exclude_department_id or 0)
            .select_related("jurisdiction")
            .order_by("jurisdiction__path", "kind")
        )


class AssignForm(StorableTextForm):
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


class CaseReferenceForm(StorableTextForm):
    """Names another case by its tracking code (what staff read out and write down)."""

    other = forms.CharField(label=_("Tracking code of the other case"), max_length=20)
    note = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ContactReasonForm(StorableTextForm):
    reason = forms.CharField(
        label=_("Why do you need the complainant's contact details?"),
        min_length=4,
        max_length=300,
    )


QUEUE_STATUS_CHOICES = [("open", _("All open")), ("all", _("Everything"))]
DUE_CHOICES = [
    ("", _("Any time")),
    ("overdue", _("Overdue")),
    ("week", _("Due within 7 days")),
    ("paused", _("Clock paused")),
]
SORT_CHOICES = [
    ("due", _("Due soonest")),
    ("-due", _("Due latest")),
    ("-submitted", _("Newest")),
    ("submitted", _("Oldest")),
    ("people", _("Most people affected")),
]


class QueueFilterForm(StorableTextForm):
    """The work queue's filters, from the query string. Bad values fall back to defaults."""

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "accesskey": "/"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FastSelect)
    category = forms.TypedChoiceField(
        widget=FastSelect, label=_("Category"), required=False, coerce=int, empty_value=None
    )
    area = forms.TypedChoiceField(
        widget=FastSelect, label=_("Area"), required=False, coerce=int, empty_value=None
    )
    department = forms.TypedChoiceField(
        widget=FastSelect, label=_("Department"), required=False, coerce=int, empty_value=None
    )
    due = forms.ChoiceField(label=_("Due"), required=False, choices=DUE_CHOICES, widget=FastSelect)
    sort = forms.ChoiceField(
        label=_("Sort"), required=False, choices=SORT_CHOICES, widget=FastSelect
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        from redress.cases.models import CaseStatus
        from redress.cases.selectors import category_list_active
        from redress.orgs.models import Level
        from redress.orgs.selectors import jurisdiction_list_for_user

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [*QUEUE_STATUS_CHOICES, *CaseStatus.choices]  # type: ignore[attr-defined]
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *((c.pk, c.name) for c in category_list_active()),
        ]
        areas = jurisdiction_list_for_user(user=user).exclude(level=Level.VILLAGE)
        if user.jurisdiction is not None:
            areas = areas.filter(path__startswith=user.jurisdiction.path)
        self.fields["area"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *(
                (pk, pick(name_zh, name_en))
                for pk, name_zh, name_en in areas.order_by("path").values_list(
                    "pk", "name_zh", "name_en"
                )
            ),
        ]
        self.fields["department"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *department_choices(user=user, own_area_only=True),
        ]

    def filters(self) -> dict[str, Any]:
        """Cleaned filters, with any invalid one dropped rather than failing the page."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return {
            "q": data.get("q") or "",
            "status": data.get("status") or "open",
            "category": data.get("category"),
            "area": data.get("area"),
            "department": data.get("department"),
            "due": data.get("due") or "",
            "sort": data.get("sort") or "due",
        }


class BulkActionForm(StorableTextForm):
    """Assign or transfer several cases at once from the work queue."""

    action = forms.ChoiceField(
        label=_("With the selected cases"),
        choices=[("assign", _("Assign to department")), ("transfer", _("Transfer to department"))],
    )
    department = forms.TypedChoiceField(label=_("Department"), coerce=int, widget=FastSelect)
    reason = forms.CharField(
        label=_("Reason (needed for a transfer)"), max_length=2000, required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a department")),
            *department_choices(user=user),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "transfer" and not cleaned.get("reason"):
            self.add_error("reason", _("A transfer needs a reason."))
        return cleaned


def department_choices(*, user: User, own_area_only: bool = False) -> list[tuple[int, str]]:
    """(id, "area · department") for the departments the user may send cases to, read as
    plain values: a county lists some two hundred, and model instances would cost more than
    the rest of the page."""
    from redress.orgs.selectors import department_list_for_user

    departments = department_list_for_user(user=user).filter(is_active=True)
    if own_area_only and user.jurisdiction is not None:
        departments = departments.filter(jurisdiction__path__startswith=user.jurisdiction.path)
    rows = departments.order_by("jurisdiction__path", "kind").values_list(
        "pk", "name_zh", "name_en", "jurisdiction__name_zh", "jurisdiction__name_en"
    )
    return [
        (pk, f"{pick(area_zh, area_en)} · {pick(name_zh, name_en)}")
        for pk, name_zh, name_en, area_zh, area_en in rows
    ]
