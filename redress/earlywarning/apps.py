from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyWarningConfig(AppConfig):
    name = "redress.earlywarning"
    label = "earlywarning"
    verbose_name = _("Early warning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.core.registry import DemoBuilder, Schedule, WorkerPass
        from redress.demo.extensions import demo_builders
        from redress.earlywarning.demo import seed_demo_extension
        from redress.earlywarning.worker import earlywarning_pass

        # Counts new cases every run; scans yesterday once, on the first run after midnight.
        worker_passes.register(
            WorkerPass(
                name="earlywarning", function=earlywarning_pass, schedule=Schedule.daily("00:00")
            )
        )
        demo_builders.register(
            DemoBuilder(name="earlywarning", order=20, function=seed_demo_extension)
        )

        from redress.earlywarning.linked import earlywarning_links_register

        earlywarning_links_register()
