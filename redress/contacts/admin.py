"""Only the reading log is shown in the admin; contact details themselves never are."""

from django.contrib import admin

from redress.contacts.models import ContactReading


@admin.register(ContactReading)
class ContactReadingAdmin(admin.ModelAdmin):
    list_display = ("at", "reader", "case_id", "reason")
    readonly_fields = ("at", "reader", "case", "reason")
    search_fields = ("reader__username",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
