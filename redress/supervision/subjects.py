"""What a letter can be about, beyond cases: apps built later (alerts, major projects)
register a kind here in their AppConfig.ready(), so that "issue a letter about this" works
from their pages and the letter links back, without this app importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse

from redress.core.ids import id_parse
from redress.orgs.models import User
from redress.supervision.models import Letter
from redress.supervision.services import Subject


@dataclass(frozen=True)
class SubjectProposal:
    """A letter's subject as found for a user, with what the issue form starts from."""

    subject: Subject
    unit_id: int | None
    title: str


# resolve(*, user, object_id) fetches the object through its app's scoped getter (Http404
# outside the user's scope) and proposes the letter's subject, unit and title.
SubjectResolver = Callable[..., SubjectProposal]


# issued(*, letter, actor) runs in the letter's transaction once it is issued: an alert,
# say, records that a letter was sent about it.
SubjectIssued = Callable[..., None]


@dataclass(frozen=True)
class SubjectKindSpec:
    kind: str
    resolve: SubjectResolver
    url_name: str  # the object's page, reversed with its id
    issued: SubjectIssued | None = None


_kinds: dict[str, SubjectKindSpec] = {}


def letter_subject_kind_register(
    kind: str,
    *,
    resolve: SubjectResolver,
    url_name: str,
    issued: SubjectIssued | None = None,
) -> None:
    _kinds[kind] = SubjectKindSpec(kind=kind, resolve=resolve, url_name=url_name, issued=issued)


def letter_subject_issued(*, letter: Letter, actor: User) -> None:
    spec = _kinds.get(letter.subject_kind)
    if spec is not None and spec.issued is not None:
        spec.issued(letter=letter, actor=actor)


def letter_subject_kinds() -> list[SubjectKindSpec]:
    return list(_kinds.values())


def letter_subject_resolve(*, kind: str, user: User, object_id: str) -> SubjectProposal:
    spec = _kinds.get(kind)
    found = id_parse(object_id)
    if spec is None or found is None:
        raise Http404
    return spec.resolve(user=user, object_id=found)


def letter_subject_url(*, kind: str, object_id: int | None) -> str:
    spec = _kinds.get(kind)
    if spec is None or object_id is None:
        return ""
    return reverse(spec.url_name, args=[object_id])


def _case_subject(*, user: User, object_id: int) -> SubjectProposal:
    from django.utils.translation import gettext

    from redress.cases.selectors import case_get_for_user
    from redress.supervision.services import subject_for_case

    case = case_get_for_user(user=user, case_id=object_id)
    return SubjectProposal(
        subject=subject_for_case(case),
        unit_id=case.department_id,
        title=gettext("Supervision letter on case %(code)s") % {"code": case.reference},
    )


def letter_subject_case_register() -> None:
    letter_subject_kind_register("case", resolve=_case_subject, url_name="cases:detail")
