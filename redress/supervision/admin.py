from django.contrib import admin

from redress.supervision.models import AccountabilityRecord, Letter


class _ReadOnly(admin.ModelAdmin):
    """Letters and records change only through their services (each step an event); the admin
    shows them for support."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Letter)
class LetterAdmin(_ReadOnly):
    list_display = ("title", "unit", "issuing_office", "status", "due_at", "escalation_step")
    list_filter = ("status", "subject_kind")


@admin.register(AccountabilityRecord)
class AccountabilityRecordAdmin(_ReadOnly):
    list_display = ("at", "unit", "source", "status", "due_at")
    list_filter = ("source", "status")
