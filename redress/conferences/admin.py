from django.contrib import admin

from redress.conferences.models import ConferenceMembership


@admin.register(ConferenceMembership)
class ConferenceMembershipAdmin(admin.ModelAdmin):
    """The member units of each jurisdiction's joint conference: configuration, so it lives in
    the admin with the other units and policies. Conferences themselves are run on the pages."""

    list_display = ("jurisdiction", "department", "role", "is_active")
    list_filter = ("role", "is_active", "jurisdiction__level")
    autocomplete_fields = ("jurisdiction", "department")
