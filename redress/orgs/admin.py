from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from redress.orgs.models import Department, Jurisdiction, User


class DepartmentInline(admin.TabularInline):
    model = Department
    extra = 0
    fields = ("kind", "name_zh", "name_en", "is_active")


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "level", "parent", "code")
    list_filter = ("level",)
    search_fields = ("name_zh", "name_en", "code")
    autocomplete_fields = ("parent",)
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name_zh", "name_en", "kind", "jurisdiction", "is_active")
    list_filter = ("kind", "is_active", "jurisdiction__level")
    search_fields = ("name_zh", "name_en", "jurisdiction__name_zh")
    autocomplete_fields = ("jurisdiction",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "display_name", "role", "jurisdiction", "department", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("username", "display_name")
    autocomplete_fields = ("jurisdiction", "department")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("redress", {"fields": ("display_name", "role", "jurisdiction", "department")}),
    )
