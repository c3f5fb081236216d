"""Configuration of the grading thresholds. Projects themselves are worked in the staff pages,
not the admin, so that every reading goes through the scoped getters."""

from django.contrib import admin

from redress.assessments.models import GradingScheme


@admin.register(GradingScheme)
class GradingSchemeAdmin(admin.ModelAdmin):
    list_display = [
        "jurisdiction",
        "coverage_min_percent",
        "medium_objection_from_percent",
        "high_objection_above_percent",
    ]
    autocomplete_fields = ["jurisdiction"]
