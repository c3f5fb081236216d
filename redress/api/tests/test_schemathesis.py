"""Schemathesis against the served OpenAPI schema, in-process: every operation, valid and
invalid inputs, as a county director. No answer may be a 5xx, and every answer must match the
schema's description of it.

The run is derandomized (the same examples every time) and bounded, to keep the suite quick
and stable. To search deeper locally: REDRESS_FUZZ_EXAMPLES=200 REDRESS_FUZZ_RANDOM=1."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from redress.cases.testing import submit_case

# Loaded when the module is collected, from the schema the application serves. (Schemathesis'
# lazy `from_fixture` loader does not run under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@dataclass
class World:
    headers: dict[str, str]
    case_ids: list[int]
    jurisdiction_id: int
    department_id: int


@pytest.fixture
def same_connection():
    """Keep Django from closing the database connection around each request: the test's
    transaction lives on it (Django's own test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(cast, token_for, same_connection):
    cases = [submit_case(jurisdiction=place) for place in (cast.village_a, cast.village_b)]
    return World(
        headers={"Authorization": f"Bearer {token_for(cast.county_director)}"},
        case_ids=[case.pk for case in cases],
        jurisdiction_id=cast.county.pk,
        department_id=cast.a_labour.pk,
    )


def pick(ids: list[int], value: object) -> object:
    try:
        return ids[int(value) % len(ids)]
    except (TypeError, ValueError):
        return value


def aim(case, world: World) -> None:
    """Point valid generated requests at things that exist, so that they get past the 404s
    and the unknown codes and reach the services with the rest of their values still random.
    Invalid requests go as generated."""
    if case.meta is None or case.meta.generation.mode.is_negative:
        return
    if "case_id" in case.path_parameters:
        case.path_parameters = {"case_id": pick(world.case_ids, case.path_parameters["case_id"])}
    if case.operation.path == "/api/v1/cases" and case.method == "GET":
        query = dict(case.query)
        query.pop("category", None)
        if "jurisdiction" in query:
            query["jurisdiction"] = world.jurisdiction_id
        if "department" in query:
            query["department"] = world.department_id
        case.query = query
    if isinstance(case.body, dict):
        body = dict(case.body)
        if case.operation.path == "/api/v1/cases":
            body.update(category="wage-arrears", jurisdiction_id=world.jurisdiction_id)
        if body.get("department_id") is not None:
            body["department_id"] = world.department_id
        if "other_case_id" in body:
            body["other_case_id"] = pick(world.case_ids, body["other_case_id"])
        case.body = body


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("REDRESS_FUZZ_EXAMPLES", "10")),
    deadline=None,
    derandomize=os.environ.get("REDRESS_FUZZ_RANDOM") != "1",
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_within_its_schema(case, world):
    aim(case, world)
    case.call_and_validate(
        headers=world.headers, checks=[not_a_server_error, response_schema_conformance]
    )
