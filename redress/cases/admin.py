"""Configuration of categories and routing. Cases themselves are worked in the staff pages,
not the admin, so that every reading goes through the scoped getters."""

from django.contrib import admin

from redress.cases.models import Category, CategoryField, RoutingRule


class CategoryFieldInline(admin.StackedInline):
    model = CategoryField
    extra = 0
    fields = (
        ("code", "datatype", "required", "order"),
        ("label_zh", "label_en"),
        ("help_zh", "help_en"),
        "choices",
    )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    inlines = [CategoryFieldInline]
    list_display = (
        "code",
        "name_zh",
        "name_en",
        "default_department_kind",
        "urgency",
        "is_active",
        "answers_public_by_default",
        "sort_order",
    )
    list_filter = ("urgency", "is_active", "answers_public_by_default", "default_department_kind")
    search_fields = ("code", "name_zh", "name_en")
    list_editable = ("is_active", "sort_order")


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "jurisdiction", "department")
    list_filter = ("category",)
    autocomplete_fields = ("jurisdiction", "department")
