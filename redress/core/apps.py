from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "redress.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from redress.core.refcache import on_reference_change

        post_save.connect(on_reference_change, dispatch_uid="refcache-save")
        post_delete.connect(on_reference_change, dispatch_uid="refcache-delete")
