from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "redress.liaison"
    label = "liaison"
    verbose_name = "Liaison reports"

    def ready(self) -> None:
        from redress.clocks.passes import clock_pass_register
        from redress.liaison.services import liaison_reminders_run

        clock_pass_register("liaison_reminders", liaison_reminders_run)
