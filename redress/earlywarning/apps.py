from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyWarningConfig(AppConfig):
    name = "redress.earlywarning"
    label = "earlywarning"
    verbose_name = _("Early warning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from redress.clocks.passes import clock_pass_register
        from redress.earlywarning.worker import earlywarning_pass

        clock_pass_register("earlywarning", earlywarning_pass)

        from redress.earlywarning.linked import earlywarning_links_register

        earlywarning_links_register()
