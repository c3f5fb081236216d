from typing import Any

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "redress.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from redress.cases.worker import CASE_PASS, cases_clock_pass
        from redress.clocks.passes import clock_pass_register
        from redress.orgs.signals import jurisdiction_path_changed

        jurisdiction_path_changed.connect(_rewrite_case_paths, dispatch_uid="cases-paths")
        # Before the other apps' passes (cases comes first in INSTALLED_APPS among them), so
        # the ladder runs first, as it always has.
        clock_pass_register(CASE_PASS, cases_clock_pass)


def _rewrite_case_paths(sender: Any, *, old_path: str, new_path: str, **kwargs: Any) -> None:
    """Cases copy their place's path for scoping; follow a moved subtree."""
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    from redress.cases.models import Case

    Case.objects.filter(jurisdiction_path__startswith=old_path).update(
        jurisdiction_path=Concat(Value(new_path), Substr("jurisdiction_path", len(old_path) + 1))
    )
