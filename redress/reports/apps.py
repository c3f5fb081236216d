from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "redress.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.core.registry import BriefingSectionSpec, DemoBuilder, Schedule, WorkerPass
        from redress.demo.extensions import demo_builders
        from redress.reports.briefings import linked_sections
        from redress.reports.briefings.sections import section_specs
        from redress.reports.briefings.services import briefing_core_section
        from redress.reports.demo import seed_demo_extension
        from redress.reports.worker import briefings_pass

        for name, order in (("new", 10), ("matters", 20), ("backlog", 30), ("resolved", 40)):
            section_specs.register(
                BriefingSectionSpec(
                    name=name,
                    builder=briefing_core_section,
                    template=f"reports/briefings/section_{name}.html",
                    order=order,
                )
            )
        for name, builder, order in (
            ("alerts", linked_sections.alerts_section, 50),
            ("letters", linked_sections.letters_section, 60),
            ("liaison", linked_sections.liaison_section, 70),
        ):
            section_specs.register(
                BriefingSectionSpec(
                    name=name,
                    builder=builder,
                    template=f"reports/briefings/section_{name}.html",
                    order=order,
                )
            )
        worker_passes.register(
            WorkerPass(
                name="briefings", function=briefings_pass, schedule=Schedule.weekly(weekday=1)
            )
        )
        demo_builders.register(DemoBuilder(name="reports", order=80, function=seed_demo_extension))
