from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "redress.assessments"
    label = "assessments"
    verbose_name = "Social-risk assessments"

    def ready(self) -> None:
        from redress.assessments.demo import seed_demo_extension
        from redress.assessments.letters import letter_subject_project_resolve
        from redress.assessments.worker import mitigation_measures_pass
        from redress.clocks.passes import worker_passes
        from redress.core.registry import DemoBuilder, LetterSubjectKind, WorkerPass
        from redress.demo.extensions import demo_builders
        from redress.supervision.subjects import subject_kinds

        worker_passes.register(
            WorkerPass(name="mitigation_measures", function=mitigation_measures_pass)
        )
        demo_builders.register(
            DemoBuilder(name="assessments", order=30, function=seed_demo_extension)
        )
        subject_kinds.register(
            LetterSubjectKind(
                name="project",
                resolve=letter_subject_project_resolve,
                url_name="assessments:detail",
            )
        )
