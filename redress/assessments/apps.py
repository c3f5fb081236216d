from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "redress.assessments"
    label = "assessments"
    verbose_name = "Social-risk assessments"

    def ready(self) -> None:
        from redress.assessments.worker import mitigation_clock_pass
        from redress.clocks.passes import clock_pass_register

        clock_pass_register("mitigation_measures", mitigation_clock_pass)

        from redress.assessments.letters import letter_subject_project_register

        letter_subject_project_register()
