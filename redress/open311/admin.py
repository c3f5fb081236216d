from django.contrib import admin, messages
from django.http import HttpRequest

from redress.open311.keys import api_client_create, api_client_revoke
from redress.open311.models import ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "key_prefix",
        "is_active",
        "requests_per_minute",
        "may_comment_on_all",
        "created_at",
        "revoked_at",
    )
    list_filter = ("is_active", "may_comment_on_all")
    search_fields = ("name",)
    fields = (
        "name",
        "requests_per_minute",
        "queue_requests",
        "jurisdiction",
        "may_comment_on_all",
        "is_active",
    )
    actions = ["revoke"]

    def save_model(self, request: HttpRequest, obj: ApiClient, form: object, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        client, key = api_client_create(name=obj.name, requests_per_minute=obj.requests_per_minute)
        client.queue_requests, client.jurisdiction = obj.queue_requests, obj.jurisdiction
        client.may_comment_on_all = obj.may_comment_on_all
        client.save(update_fields=["queue_requests", "jurisdiction", "may_comment_on_all"])
        obj.pk = client.pk
        obj.key_prefix, obj.key_hash = client.key_prefix, client.key_hash
        messages.warning(request, f"The new API key is {key} — copy it now, it is not shown again.")

    @admin.action(description="Revoke the selected clients' keys")
    def revoke(self, request: HttpRequest, queryset: object) -> None:
        for client in ApiClient.objects.filter(pk__in=[c.pk for c in queryset]):  # type: ignore[attr-defined]
            api_client_revoke(client=client)
