from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "redress.scorecards"
    label = "scorecards"
    verbose_name = "Year-end scores"

    def ready(self) -> None:
        # The built-in indicators and veto sources register themselves on import.
        from redress.core.registry import DemoBuilder
        from redress.demo.extensions import demo_builders
        from redress.scorecards import indicators, linked_indicators  # noqa: F401
        from redress.scorecards.demo import seed_demo_extension

        demo_builders.register(
            DemoBuilder(name="scorecards", order=70, function=seed_demo_extension)
        )
