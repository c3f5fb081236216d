from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from redress.core import clock
from redress.orgs.models import Jurisdiction
from redress.reports.briefings.weeks import IsoWeek, WeekFormatError
from redress.reports.models import BriefingLanguage


class BriefingGenerateForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(
        label=_("Jurisdiction"), queryset=Jurisdiction.objects.none()
    )
    week = forms.CharField(label=_("Week"), max_length=8, help_text=_("ISO week, e.g. 2026-W47"))
    language = forms.ChoiceField(label=_("Language"), choices=BriefingLanguage.choices)

    def __init__(self, *args: Any, jurisdictions: QuerySet[Jurisdiction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["jurisdiction"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = jurisdictions

    def clean_week(self) -> IsoWeek:
        try:
            week = IsoWeek.parse(self.cleaned_data["week"])
        except WeekFormatError:
            raise forms.ValidationError(_("Enter an ISO week such as 2026-W47.")) from None
        if week.start > clock.now():
            raise forms.ValidationError(_("That week has not begun yet."))
        return week
