from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "redress.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.core.registry import DemoBuilder, Schedule, WorkerPass
        from redress.demo.extensions import demo_builders
        from redress.reports.briefings.linked_sections import briefing_linked_sections_register
        from redress.reports.briefings.services import briefing_core_sections_register
        from redress.reports.demo import seed_demo_extension
        from redress.reports.worker import briefings_pass

        briefing_core_sections_register()
        briefing_linked_sections_register()
        worker_passes.register(
            WorkerPass(
                name="briefings", function=briefings_pass, schedule=Schedule.weekly(weekday=1)
            )
        )
        demo_builders.register(DemoBuilder(name="reports", order=80, function=seed_demo_extension))
