from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "redress.open311"
    label = "open311"
    verbose_name = "Open311 GeoReport v2"

    def ready(self) -> None:
        from redress.core.registry import DemoBuilder
        from redress.demo.extensions import demo_builders
        from redress.open311.demo import seed_demo_extension

        demo_builders.register(DemoBuilder(name="open311", order=10, function=seed_demo_extension))
