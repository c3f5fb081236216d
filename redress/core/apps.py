from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "redress.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from redress.core.refcache import on_reference_change
        from redress.core.sessions import stamp_on_sign_in

        post_save.connect(on_reference_change, dispatch_uid="refcache-save")
        post_delete.connect(on_reference_change, dispatch_uid="refcache-delete")
        user_logged_in.connect(stamp_on_sign_in, dispatch_uid="idle-session-stamp")
