from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "redress.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from redress.clocks.passes import clock_pass_register
        from redress.reports.briefings.linked_sections import briefing_linked_sections_register
        from redress.reports.briefings.services import (
            briefing_core_sections_register,
            briefings_weekly_pass,
        )

        briefing_core_sections_register()
        briefing_linked_sections_register()
        clock_pass_register("briefings", briefings_weekly_pass)
