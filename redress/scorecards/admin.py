from django.contrib import admin

from redress.scorecards.models import ScoringScheme


@admin.register(ScoringScheme)
class ScoringSchemeAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "veto_source", "veto_effect", "veto_cap")
