from typing import Any

from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    name = "redress.conferences"
    label = "conferences"
    verbose_name = "Joint conferences"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.conferences.demo import seed_demo_extension
        from redress.conferences.worker import action_items_pass
        from redress.core.registry import DemoBuilder, WorkerPass
        from redress.demo.extensions import demo_builders
        from redress.orgs.signals import jurisdiction_path_changed

        worker_passes.register(WorkerPass(name="action_items", function=action_items_pass))
        demo_builders.register(
            DemoBuilder(name="conferences", order=50, function=seed_demo_extension)
        )
        jurisdiction_path_changed.connect(_rewrite_paths, dispatch_uid="conferences-paths")


def _rewrite_paths(sender: Any, *, old_path: str, new_path: str, **kwargs: Any) -> None:
    from redress.conferences.models import ActionItem, Conference
    from redress.obligations.services import paths_rewrite

    paths_rewrite(Conference, "jurisdiction_path", old_path, new_path)
    paths_rewrite(ActionItem, "unit_path", old_path, new_path)
    paths_rewrite(ActionItem, "conference_path", old_path, new_path)
