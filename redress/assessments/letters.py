"""A supervision letter about a major project: the kind registered with the supervision app,
so a director can press the unit that initiated it (for its mitigation measures, say)."""

from __future__ import annotations

from django.utils.translation import gettext

from redress.assessments.selectors import project_get_for_user
from redress.orgs.models import User
from redress.supervision.models import SubjectKind
from redress.supervision.services import Subject
from redress.supervision.subjects import SubjectProposal


def letter_subject_project_resolve(*, user: User, object_id: int) -> SubjectProposal:
    project = project_get_for_user(user=user, project_id=object_id)
    return SubjectProposal(
        subject=Subject(kind=SubjectKind.PROJECT, id=project.pk, label=project.title[:200]),
        unit_id=project.initiator_id,
        title=gettext("Supervision letter on the project %(title)s") % {"title": project.title},
    )
