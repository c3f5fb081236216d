"""The weekly report with its matter rows, and the major-risk fast lane."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from redress.cases.models import Category
from redress.cases.selectors import category_list_active
from redress.core.forms import StorableTextForm
from redress.liaison.models import PEOPLE_AFFECTED_MAX, LiaisonPost
from redress.liaison.services import DESCRIPTION_MAX, MATTERS_MAX, PLACE_TEXT_MAX, MatterInput
from redress.orgs.models import Jurisdiction


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.name


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Jurisdiction) -> str:
        return obj.name


class MatterForm(StorableTextForm):
    category = CategoryChoiceField(label=_("Category"), queryset=Category.objects.none())
    place = PlaceChoiceField(label=_("Place"), queryset=Jurisdiction.objects.none())
    place_text = forms.CharField(
        label=_("Place or landmark"), max_length=PLACE_TEXT_MAX, required=False
    )
    people_affected = forms.IntegerField(
        label=_("People affected (rough)"), min_value=1, max_value=PEOPLE_AFFECTED_MAX, initial=1
    )
    description = forms.CharField(
        label=_("What is the matter?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Describe the matter, not the people: no names, no one's views or movements."),
    )

    def __init__(self, *args: Any, post: LiaisonPost, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category_field, place_field = self.fields["category"], self.fields["place"]
        assert isinstance(category_field, CategoryChoiceField)
        assert isinstance(place_field, PlaceChoiceField)
        category_field.queryset = category_list_active()
        place_field.queryset = Jurisdiction.objects.filter(
            path__startswith=post.area.path
        ).order_by("path")
        place_field.initial = post.area_id

    def to_input(self) -> MatterInput:
        data = self.cleaned_data
        return MatterInput(
            category=data["category"],
            place=data["place"],
            people_affected=data["people_affected"],
            description=data["description"],
            place_text=data.get("place_text") or "",
        )


class BaseMatterFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, post: LiaisonPost, **kwargs: Any) -> None:
        self.post = post
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"post": self.post}

    def filled_forms(self) -> list[MatterForm]:
        return [
            cast(MatterForm, form) for form in self.forms if form.has_changed() and form.is_valid()
        ]


MatterFormSet = cast(
    type[BaseMatterFormSet],
    forms.formset_factory(
        MatterForm,
        formset=BaseMatterFormSet,
        extra=1,
        max_num=MATTERS_MAX,
        validate_max=True,
        # Without it Django builds up to a thousand more forms than max_num when a client
        # claims that many in TOTAL_FORMS, each rendered back with its two selects.
        absolute_max=MATTERS_MAX,
    ),
)


class WeeklyReportForm(StorableTextForm):
    week_start = forms.TypedChoiceField(label=_("Week"), coerce=dt.date.fromisoformat, choices=())
    nothing_to_report = forms.BooleanField(label=_("Nothing to report this week"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, weeks: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["week_start"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(week.isoformat(), _week_label(week)) for week in weeks]


def _week_label(week: dt.date) -> str:
    year, number, _day = week.isocalendar()
    end = week + dt.timedelta(days=6)
    return f"{year}-W{number:02d} ({week:%m-%d} – {end:%m-%d})"


class MajorRiskForm(MatterForm):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)


class CompletenessFilterForm(StorableTextForm):
    area = PlaceChoiceField(queryset=Jurisdiction.objects.none(), required=False, label=_("Area"))
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, root: Jurisdiction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, PlaceChoiceField)
        area_field.queryset = Jurisdiction.objects.filter(
            path__startswith=root.path, level__in=["county", "township", "village"]
        ).order_by("path")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end < start:
            self.add_error("end", _("The end comes before the start."))
        return cleaned
