"""The demo's projects: one in each state, one blocked after a refused approval, one approved
with conditions and its grievances linked; nothing approved without assessment."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from redress.assessments.models import (
    MeasureStatus,
    Project,
    ProjectEventKind,
    ProjectStatus,
)
from redress.assessments.selectors import project_gate_lists
from redress.orgs.models import User


@pytest.mark.django_db
def test_seed_demo_makes_a_project_in_each_state() -> None:
    out = io.StringIO()
    call_command("seed_demo", cases=60, seed=5, verbosity=0, stdout=out)
    assert "seed_demo: assessments: 8 major projects" in out.getvalue()
    states = set(Project.objects.values_list("status", flat=True))
    assert states == set(ProjectStatus.values)
    blocked = Project.objects.get(status=ProjectStatus.BLOCKED)
    assert blocked.events.filter(kind=ProjectEventKind.APPROVAL_REFUSED).exists()
    conditional = Project.objects.get(status=ProjectStatus.APPROVED_WITH_CONDITIONS)
    assert conditional.measures.count() == 2
    assert not conditional.measures.filter(status=MeasureStatus.OPEN).exists()
    assert len(Project.objects.values_list("jurisdiction", flat=True).distinct()) >= 7
    director = User.objects.get(username="director")
    lists = project_gate_lists(user=director)
    assert not lists["unassessed_approved"].exists()
    assert lists["blocked"].count() == 1
    assert lists["pending"].count() == 5
