from django.contrib import admin

from redress.clocks.models import CalendarDay, DeadlinePolicy, UnitRecordEntry


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
