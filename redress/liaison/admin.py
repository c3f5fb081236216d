from django.contrib import admin

from redress.liaison.models import LiaisonPost


@admin.register(LiaisonPost)
class LiaisonPostAdmin(admin.ModelAdmin):
    list_display = ("__str__", "user", "area", "starts_on", "ends_on")
    list_filter = ("starts_on",)
    raw_id_fields = ("user", "area")
