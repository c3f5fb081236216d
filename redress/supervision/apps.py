from typing import Any

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "redress.supervision"
    label = "supervision"
    verbose_name = "Supervision"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.core.registry import DemoBuilder, LetterSubjectKind, WorkerPass
        from redress.demo.extensions import demo_builders
        from redress.orgs.signals import jurisdiction_path_changed
        from redress.supervision.demo import seed_demo_extension
        from redress.supervision.subjects import letter_subject_case_resolve, subject_kinds
        from redress.supervision.worker import accountability_pass, letters_pass

        worker_passes.register(WorkerPass(name="letters", function=letters_pass))
        subject_kinds.register(
            LetterSubjectKind(
                name="case", resolve=letter_subject_case_resolve, url_name="cases:detail"
            )
        )
        worker_passes.register(WorkerPass(name="accountability", function=accountability_pass))
        demo_builders.register(
            DemoBuilder(name="supervision", order=40, function=seed_demo_extension)
        )
        jurisdiction_path_changed.connect(_rewrite_paths, dispatch_uid="supervision-paths")


def _rewrite_paths(sender: Any, *, old_path: str, new_path: str, **kwargs: Any) -> None:
    """Letters and records copy their units' paths for scoping; follow a moved subtree."""
    from redress.obligations.services import paths_rewrite
    from redress.supervision.models import AccountabilityRecord, Letter

    paths_rewrite(Letter, "unit_path", old_path, new_path)
    paths_rewrite(Letter, "issuer_path", old_path, new_path)
    paths_rewrite(AccountabilityRecord, "unit_path", old_path, new_path)
