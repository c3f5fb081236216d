from typing import Any

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "redress.supervision"
    label = "supervision"
    verbose_name = "Supervision"

    def ready(self) -> None:
        from redress.clocks.passes import clock_pass_register
        from redress.orgs.signals import jurisdiction_path_changed
        from redress.supervision.services import accountability_run_clocks, letters_run_clocks
        from redress.supervision.subjects import letter_subject_case_register

        clock_pass_register("letters", letters_run_clocks)
        letter_subject_case_register()
        clock_pass_register("accountability", accountability_run_clocks)
        jurisdiction_path_changed.connect(_rewrite_paths, dispatch_uid="supervision-paths")


def _rewrite_paths(sender: Any, *, old_path: str, new_path: str, **kwargs: Any) -> None:
    """Letters and records copy their units' paths for scoping; follow a moved subtree."""
    from redress.obligations.services import paths_rewrite
    from redress.supervision.models import AccountabilityRecord, Letter

    paths_rewrite(Letter, "unit_path", old_path, new_path)
    paths_rewrite(Letter, "issuer_path", old_path, new_path)
    paths_rewrite(AccountabilityRecord, "unit_path", old_path, new_path)
