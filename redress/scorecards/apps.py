from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "redress.scorecards"
    label = "scorecards"
    verbose_name = "Year-end scores"

    def ready(self) -> None:
        # The built-in indicators and veto sources register themselves on import.
        from redress.scorecards import indicators, linked_indicators  # noqa: F401
