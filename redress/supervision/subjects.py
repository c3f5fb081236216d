"""What a letter can be about, beyond cases: apps built later (alerts, major projects)
register a redress.core.registry.LetterSubjectKind in `subject_kinds` from their
AppConfig.ready(), so that "issue a letter about this" works from their pages and the letter
links back, without this app importing them."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext

from redress.cases.selectors import case_get_for_user
from redress.core.ids import id_parse
from redress.core.registry import LetterSubjectKind, Registry
from redress.orgs.models import User
from redress.supervision.models import Letter
from redress.supervision.services import Subject, subject_for_case


@dataclass(frozen=True)
class SubjectProposal:
    """A letter's subject as found for a user, with what the issue form starts from."""

    subject: Subject
    unit_id: int | None
    title: str


# resolve(*, user, object_id) fetches the object through its app's scoped getter (Http404
# outside the user's scope) and proposes the letter's subject, unit and title; issued(*,
# letter, actor) runs in the letter's transaction once it is issued: an alert, say, records
# that a letter was sent about it.
subject_kinds: Registry[LetterSubjectKind] = Registry("letter subject kind")


def letter_subject_issued(*, letter: Letter, actor: User) -> None:
    spec = subject_kinds.get(letter.subject_kind)
    if spec is not None and spec.issued is not None:
        spec.issued(letter=letter, actor=actor)


def letter_subject_kinds() -> list[LetterSubjectKind]:
    return subject_kinds.entries()


def letter_subject_resolve(*, kind: str, user: User, object_id: str) -> SubjectProposal:
    spec = subject_kinds.get(kind)
    found = id_parse(object_id)
    if spec is None or found is None:
        raise Http404
    return spec.resolve(user=user, object_id=found)


def letter_subject_url(*, kind: str, object_id: int | None) -> str:
    spec = subject_kinds.get(kind)
    if spec is None or object_id is None:
        return ""
    return reverse(spec.url_name, args=[object_id])


def letter_subject_case_resolve(*, user: User, object_id: int) -> SubjectProposal:
    case = case_get_for_user(user=user, case_id=object_id)
    return SubjectProposal(
        subject=subject_for_case(case),
        unit_id=case.department_id,
        title=gettext("Supervision letter on case %(code)s") % {"code": case.reference},
    )
