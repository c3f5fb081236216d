from typing import Any

from django import forms
from django.contrib import admin

from redress.core.errors import DomainError
from redress.scorecards.models import ScoringScheme
from redress.scorecards.services import SchemeInput, scheme_clean


class ScoringSchemeForm(forms.ModelForm):
    class Meta:
        model = ScoringScheme
        fields = [
            "level",
            "name",
            "indicators",
            "veto_source",
            "veto_threshold",
            "veto_effect",
            "veto_cap",
        ]

    def clean(self) -> dict[str, Any]:
        """The same checks as the API: known indicator codes, whole positive weights."""
        data = super().clean() or {}
        try:
            data["indicators"] = scheme_clean(
                SchemeInput(
                    name=data.get("name") or "",
                    indicators=data.get("indicators") or [],
                    veto_source=data.get("veto_source") or "",
                    veto_threshold=data.get("veto_threshold") or 1,
                    veto_effect=data.get("veto_effect") or "",
                    veto_cap=int(data.get("veto_cap") or 0),
                )
            )
        except DomainError as error:
            field = (error.field or "").split("[")[0].split(".")[0]
            raise forms.ValidationError(
                {field if field in self.fields else "indicators": error.message}
            ) from None
        return data


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(admin.ModelAdmin):
    form = ScoringSchemeForm
    list_display = ("name", "level", "veto_source", "veto_effect", "veto_cap")
