"""Mitigation measures on the clocks: reminder, escalation and warning, each once."""

from __future__ import annotations

from redress.assessments import services
from redress.assessments.models import MeasureRecordEntry, ProjectEventKind
from redress.assessments.testing import assess_to_analysis, register_project
from redress.assessments.worker import mitigation_measures_pass as mitigation_clock_pass
from redress.cases.testing import local_time
from redress.clocks.calendar import calendar_for
from redress.clocks.passes import clock_passes
from redress.core.clock import frozen_at
from redress.orgs.testing import Cast


def test_the_pass_is_registered() -> None:
    assert ("mitigation_measures", mitigation_clock_pass) in clock_passes()


def test_overdue_measure_climbs_the_ladder_once(cast: Cast) -> None:
    start = local_time(2026, 3, 2)  # a Monday
    with frozen_at(start):
        project = register_project(
            actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
        )
        assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=10)
        measure = services.mitigation_add(
            project=project,
            actor=cast.a_director,
            description="设立补偿协调小组",
            owner=cast.a_labour,
            working_days=10,
        )
    calendar = calendar_for(cast.township_a)
    assert measure.due_at == calendar.add_working_days(start, 10)

    def kinds() -> list[str]:
        return list(
            project.events.filter(kind__startswith="measure_")
            .exclude(kind=ProjectEventKind.MEASURE_ADDED)
            .values_list("kind", flat=True)
        )

    before_reminder = calendar.add_working_days(measure.due_at, -3)
    assert mitigation_clock_pass(now=before_reminder) == {
        "reminder": 0,
        "escalation": 0,
        "warning": 0,
    }
    at_reminder = calendar.add_working_days(measure.due_at, -2)
    assert mitigation_clock_pass(now=at_reminder)["reminder"] == 1
    assert mitigation_clock_pass(now=at_reminder)["reminder"] == 0
    assert kinds() == [ProjectEventKind.MEASURE_REMINDER]
    long_after = calendar.add_working_days(measure.due_at, 6)
    counts = mitigation_clock_pass(now=long_after)
    assert counts == {"reminder": 0, "escalation": 1, "warning": 1}
    assert mitigation_clock_pass(now=long_after) == {"reminder": 0, "escalation": 0, "warning": 0}
    assert kinds() == [
        ProjectEventKind.MEASURE_REMINDER,
        ProjectEventKind.MEASURE_ESCALATED,
        ProjectEventKind.MEASURE_WARNING,
    ]
    entry = MeasureRecordEntry.objects.get()
    assert entry.department == cast.a_labour and entry.measure_id == measure.pk


def test_completed_measures_are_left_alone(cast: Cast) -> None:
    project = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=10)
    measure = services.mitigation_add(
        project=project,
        actor=cast.a_director,
        description="公示补偿方案",
        owner=cast.a_labour,
        working_days=1,
    )
    services.mitigation_complete(project=project, actor=cast.a_handler, measure_id=measure.pk)
    measure.refresh_from_db()
    assert measure.next_action_at is None
    later = calendar_for(cast.township_a).add_working_days(measure.due_at, 30)
    assert mitigation_clock_pass(now=later) == {"reminder": 0, "escalation": 0, "warning": 0}
