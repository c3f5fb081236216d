from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "redress.liaison"
    label = "liaison"
    verbose_name = "Liaison reports"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.core.registry import DemoBuilder, WorkerPass
        from redress.demo.extensions import demo_builders
        from redress.liaison.demo import seed_demo_extension
        from redress.liaison.worker import liaison_reminders_pass

        worker_passes.register(
            WorkerPass(name="liaison_reminders", function=liaison_reminders_pass)
        )
        demo_builders.register(DemoBuilder(name="liaison", order=60, function=seed_demo_extension))
