from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "redress.scorecards"
    label = "scorecards"
    verbose_name = "Year-end scores"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from redress.core.registry import DemoBuilder, IndicatorSpec
        from redress.demo.extensions import demo_builders
        from redress.scorecards import indicators, linked_indicators
        from redress.scorecards.demo import seed_demo_extension

        for code, function in (
            ("acceptance_on_time", indicators.acceptance_on_time),
            ("handling_on_time", indicators.handling_on_time),
            ("resolution_rate", indicators.resolution_rate),
            ("confirmation_rate", indicators.confirmation_rate),
            ("review_outcomes", indicators.review_outcomes),
            ("repeat_grievances", indicators.repeat_grievances),
            ("liaison_completeness", indicators.liaison_completeness_indicator),
            ("letters_on_time", linked_indicators.letters_on_time),
            ("assessments_before_approval", linked_indicators.assessments_before_approval),
        ):
            indicators.indicator_specs.register(
                IndicatorSpec(name=code, function=function, label=indicators.KNOWN_INDICATORS[code])
            )
        for code, source, label in (
            ("unit_warnings", indicators.unit_warnings, _("Warnings on the unit's record")),
            (
                "serious_incidents",
                linked_indicators.serious_incidents,
                _("Supervised matters neglected to a warning"),
            ),
        ):
            indicators.veto_source_specs.register(
                IndicatorSpec(name=code, function=source, label=label)
            )
        demo_builders.register(
            DemoBuilder(name="scorecards", order=70, function=seed_demo_extension)
        )
