from django.contrib import admin

from redress.clocks.models import CalendarDay, DeadlinePolicy, UnitRecordEntry, WorkerPass


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name", "jurisdiction")
    list_filter = ("kind", "jurisdiction__level")
    date_hierarchy = "date"
    autocomplete_fields = ("jurisdiction",)


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = ("stage", "category", "urgency", "amount", "unit")
    list_filter = ("stage", "urgency", "unit")


@admin.register(UnitRecordEntry)
class UnitRecordEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "department", "kind", "stage", "due_at", "case_id")
    list_filter = ("kind", "stage")
    readonly_fields = ("department", "case", "kind", "stage", "due_at", "at", "note")

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(WorkerPass)
class WorkerPassAdmin(admin.ModelAdmin):
    """Read-only: the worker writes these rows; staff only look."""

    list_display = ("name", "last_success_at", "last_failure_at", "last_duration_seconds")
    readonly_fields = (
        "name",
        "last_success_at",
        "last_failure_at",
        "last_duration_seconds",
        "last_error",
    )

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
