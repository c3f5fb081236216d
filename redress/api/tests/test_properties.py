"""Properties of the JSON API's writes, over generated bodies: `POST /cases` and every case
action. Whatever the body, the answer is never a 5xx; a refusal comes in the API's one error
shape ({"detail": [{field, message, code}]}); and a refused request writes nothing.

Bodies mix the schema's own field names with values of every JSON type, lengths around each
limit, text the database may not store, ids that exist and ids that do not, and unknown keys.
Examples are derandomized and bounded so that the file runs in well under a minute; search
deeper locally with REDRESS_PROPERTY_EXAMPLES=300 REDRESS_PROPERTY_RANDOM=1."""

from __future__ import annotations

import itertools
import json
import os
from typing import Any

import pytest
from django.db import models
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from redress.cases import api_schemas as schemas
from redress.cases import services
from redress.cases.models import Case, CaseEvent, CaseHolding, CaseLink
from redress.cases.testing import submit_case
from redress.contacts.models import ComplainantContact, ContactReading

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("REDRESS_PROPERTY_EXAMPLES", "12"))
PROPERTY_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=not os.environ.get("REDRESS_PROPERTY_RANDOM"),
    deadline=None,
    database=None,
    # The cast and the cases are made once per test; examples share them, and each example
    # checks its own effect by comparing rows before and after.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Each action's body, as the endpoints declare it.
ACTIONS: dict[str, type[BaseModel]] = {
    "accept": schemas.NoteIn,
    "decline": schemas.ReasonIn,
    "assign": schemas.AssignIn,
    "start": schemas.NoteIn,
    "transfer": schemas.TransferIn,
    "extend": schemas.ExtendIn,
    "pause": schemas.PauseIn,
    "resume": schemas.NoteIn,
    "resolve": schemas.ResolveIn,
    "review": schemas.AnswerIn,
    "re_review": schemas.AnswerIn,
    "close": schemas.NoteIn,
    "note": schemas.RequiredNoteIn,
    "link": schemas.OtherCaseIn,
    "merge": schemas.MergeIn,
}
# The rows a write through these endpoints could add or change.
WRITTEN: tuple[type[models.Model], ...] = (
    Case,
    CaseEvent,
    CaseHolding,
    CaseLink,
    ComplainantContact,
    ContactReading,
)

# Text the doors must refuse or store whole: empties, blanks, control characters, a lone
# surrogate, non-characters, and lengths on each side of the limits the schemas use.
_AWKWARD = st.sampled_from(
    ["", " ", "\t\n", "\x00", "a\x00b", "\x1b[31m", "\ud800", "\ufffe", "\uffff", "\u200b", "字"]
)
_LONG = st.builds(
    lambda char, count: char * count,
    st.sampled_from(["x", "字", " "]),
    st.sampled_from([1, 40, 41, 60, 199, 200, 201, 300, 301, 2000, 2001, 5000, 5001, 10001]),
)
TEXT = st.one_of(st.text(st.characters(exclude_categories=()), max_size=30), _AWKWARD, _LONG)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, -1, 30, 31, 366, 367, 2**31, 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)


# Values a field could well take, so that many bodies get past the schema to the services.
_WORDS = st.text(st.sampled_from("工资拖欠已补发复查 abcXYZ019,.。"), min_size=1, max_size=40)


def _plausible(ids: dict[str, list[int]]) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "note": _WORDS | st.just(""),
        "reason": _WORDS,
        "answer": _WORDS,
        "days": st.integers(min_value=0, max_value=40),
        "department_id": st.sampled_from(ids["departments"]),
        "assignee_id": st.sampled_from(ids["users"]) | st.none(),
        "other_case_id": st.sampled_from(ids["cases"]),
        "public": st.booleans() | st.none(),
        "title": _WORDS,
        "description": _WORDS,
        "category": st.sampled_from(["wage-arrears", "pollution", "work-safety"] * 2 + ["no-such"]),
        "jurisdiction_id": st.sampled_from(ids["places"]),
        "channel": st.sampled_from(["hotline", "letter", "visit"]),
        "location_text": _WORDS | st.just(""),
        "latitude": st.just(30.25) | st.floats(min_value=-90, max_value=90),
        "longitude": st.just(120.15) | st.floats(min_value=-180, max_value=180),
        "people_affected": st.integers(min_value=1, max_value=1_000_000),
        "urgency": st.sampled_from(["normal", "urgent"]) | st.none(),
        "extra_fields": st.just({}) | st.dictionaries(_WORDS, SCALARS, max_size=2),
        "contact": st.fixed_dictionaries(
            {},
            optional={
                "name": _WORDS,
                "phone": st.sampled_from(["13800138000", "+86 571 1234567"]),
                "email": st.sampled_from(["a@example.org", ""]),
                "address": _WORDS,
            },
        )
        | st.none(),
        "consent_to_contact": st.just(True) | st.booleans(),
    }


@st.composite
def bodies(draw: Any, schema: type[BaseModel], ids: dict[str, list[int]]) -> Any:
    """A body with every field of the schema at a plausible value; then, most of the time,
    one or two fields given any JSON value instead, some fields left out, an unknown key
    added, or the whole body replaced by any JSON at all."""
    plausible = _plausible(ids)
    fields = list(schema.model_fields)
    body = {name: draw(plausible.get(name, JSON)) for name in fields}
    shape = draw(st.sampled_from(["plausible"] * 3 + ["wild field"] * 3 + ["missing", "any"]))
    if shape == "any":
        return draw(JSON)
    if shape == "wild field":
        for name in draw(st.lists(st.sampled_from(fields), min_size=1, max_size=2, unique=True)):
            body[name] = draw(JSON)
        if draw(st.booleans()):
            body[draw(st.sampled_from(["unknown", ""]) | TEXT)] = draw(JSON)
    elif shape == "missing":
        for name in draw(st.lists(st.sampled_from(fields), min_size=1, unique=True)):
            body.pop(name)
    return body


def snapshot(case_ids: list[int]) -> tuple[object, ...]:
    return (
        [model.objects.count() for model in WRITTEN],
        list(Case.objects.filter(pk__in=case_ids).order_by("pk").values()),
    )


def check(response: Any, before: tuple[object, ...], case_ids: list[int]) -> None:
    assert response.status_code < 500, response.content
    if response.status_code < 400:
        return
    assert response["Content-Type"].startswith("application/json"), response.content
    detail = json.loads(response.content)["detail"]
    assert isinstance(detail, list) and detail, detail
    for item in detail:
        assert set(item) == {"field", "message", "code"}, item
        assert item["field"] is None or isinstance(item["field"], str)
        assert isinstance(item["message"], str) and item["message"]
        assert isinstance(item["code"], str) and item["code"]
    assert snapshot(case_ids) == before, response.content


@pytest.fixture
def world(cast, api_as):
    """Cases in the states each action starts from, a director and a handler to act."""
    handler, director = cast.a_handler, cast.a_director

    def at(*steps: Any) -> Case:
        case = submit_case(jurisdiction=cast.village_a)
        for step in steps:
            case = step(case)
        return case

    def accept(case: Case) -> Case:
        return services.case_accept(case=case, actor=handler)

    def resolve(case: Case) -> Case:
        return services.case_resolve(case=case, actor=handler, answer="已补发。")

    def review(case: Case) -> Case:
        return services.case_request_review(case=case, reason="只发了一半")

    cases = [
        at(),
        at(accept),
        at(accept, lambda c: services.case_start(case=c, actor=handler)),
        at(accept, lambda c: services.case_pause(case=c, actor=handler, reason="等材料")),
        at(accept, resolve),
        at(accept, resolve, review),
        at(
            accept,
            resolve,
            review,
            lambda c: services.case_review_answer(case=c, actor=director, answer="复查属实"),
            lambda c: services.case_request_re_review(case=c, reason="仍未结清"),
        ),
        submit_case(jurisdiction=cast.village_b),
    ]
    case_ids = [case.pk for case in cases]
    return {
        "callers": [api_as(handler), api_as(director), api_as(cast.county_director)],
        "cases": case_ids,
        "ids": {
            "cases": [*case_ids, 0, 2**31],
            "departments": [cast.a_labour.pk, cast.county_labour.pk, cast.b_labour.pk, 0],
            "users": [handler.pk, cast.b_handler.pk, director.pk],
            "places": [cast.village_a.pk] * 3 + [cast.village_b.pk, cast.county.pk, 0],
        },
    }


@pytest.mark.parametrize("action", list(ACTIONS))
def test_case_action_bodies(world, action):
    @PROPERTY_SETTINGS
    @given(
        body=bodies(ACTIONS[action], world["ids"]),
        target=st.sampled_from(world["cases"]),
        caller=st.sampled_from(world["callers"]),
    )
    def run(body: Any, target: int, caller: Any) -> None:
        before = snapshot(world["cases"])
        response = caller.post(f"/cases/{target}/actions/{action}", body)
        check(response, before, world["cases"])

    run()


_KEYS = itertools.count()


def test_create_case_bodies(world):
    @PROPERTY_SETTINGS
    @given(
        body=bodies(schemas.CaseCreateIn, world["ids"]),
        key=st.one_of(st.just("fresh"), st.just("fresh"), st.none(), st.just("reused"), TEXT),
        caller=st.sampled_from(world["callers"]),
    )
    def run(body: Any, key: str | None, caller: Any) -> None:
        headers = {}
        if key == "fresh":
            headers["Idempotency-Key"] = f"property-{next(_KEYS)}"
        elif key is not None:
            headers["Idempotency-Key"] = key
        before = snapshot(world["cases"])
        response = caller.post("/cases", body, headers=headers)
        check(response, before, world["cases"])

    run()
