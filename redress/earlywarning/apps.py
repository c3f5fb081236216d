from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyWarningConfig(AppConfig):
    name = "redress.earlywarning"
    label = "earlywarning"
    verbose_name = _("Early warning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.core.registry import (
            DemoBuilder,
            LetterSubjectKind,
            RuleSource,
            Schedule,
            WorkerPass,
        )
        from redress.demo.extensions import demo_builders
        from redress.earlywarning import linked, services
        from redress.earlywarning.demo import seed_demo_extension
        from redress.earlywarning.worker import earlywarning_pass
        from redress.supervision.subjects import subject_kinds

        # Counts new cases every run; scans yesterday once, on the first run after midnight.
        worker_passes.register(
            WorkerPass(
                name="earlywarning", function=earlywarning_pass, schedule=Schedule.daily("00:00")
            )
        )
        for name, function in (
            ("group", services.group_signals),
            ("repeat", services.repeat_signals),
            ("backlog", services.backlog_signals),
            ("project", linked.project_signals),
        ):
            services.rule_signals.register(RuleSource(name=name, function=function))
        subject_kinds.register(
            LetterSubjectKind(
                name="alert",
                resolve=linked.letter_subject_alert_resolve,
                url_name="earlywarning:detail",
                issued=linked.letter_subject_alert_issued,
            )
        )
        demo_builders.register(
            DemoBuilder(name="earlywarning", order=20, function=seed_demo_extension)
        )
