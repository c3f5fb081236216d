from django.apps import AppConfig


class ClocksConfig(AppConfig):
    name = "redress.clocks"
    label = "clocks"
    verbose_name = "Clocks"

    def ready(self) -> None:
        # Imported once the models are loaded, as Django requires of anything that uses them.
        from redress.clocks.selectors import worker_health
        from redress.core.health import health_checks
        from redress.core.registry import HealthCheck

        health_checks.register(HealthCheck(name="worker", check=worker_health))
