"""The projects API: scope, create with an idempotency key, the steps, and the gate's 409."""

from __future__ import annotations

import pytest

from redress.api.tests.conftest import ApiCaller
from redress.assessments.models import Project, ProjectEvent, ProjectEventKind, ProjectStatus
from redress.assessments.testing import assess_to_analysis, register_project
from redress.orgs.testing import Cast

pytestmark = pytest.mark.django_db


def _body(cast: Cast, **extra: object) -> dict[str, object]:
    return {
        "title": "东镇污水处理厂",
        "kind": "infrastructure",
        "level": "township",
        "initiator_id": cast.a_environment.pk,
        "jurisdiction_id": cast.township_a.pk,
        "affected_households": 120,
        "investment_wan": "3500.00",
        **extra,
    }


def test_create_needs_a_key_and_is_idempotent(cast: Cast, api_as) -> None:  # type: ignore[no-untyped-def]
    api: ApiCaller = api_as(cast.a_env_handler)
    missing = api.post("/projects", _body(cast))
    assert missing.status_code == 400
    assert missing.json()["detail"][0]["field"] == "Idempotency-Key"
    first = api.post("/projects", _body(cast), headers={"Idempotency-Key": "p-1"})
    assert first.status_code == 201, first.content
    again = api.post("/projects", _body(cast), headers={"Idempotency-Key": "p-1"})
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Project.objects.count() == 1
    assert first.json()["status"] == "draft"


def test_bad_input_names_the_field_and_writes_nothing(cast: Cast, api_as) -> None:  # type: ignore[no-untyped-def]
    api: ApiCaller = api_as(cast.a_director)
    outside = api.post(
        "/projects",
        _body(cast, jurisdiction_id=cast.township_b.pk),
        headers={"Idempotency-Key": "x1"},
    )
    assert outside.status_code == 400 and outside.json()["detail"][0]["field"] == "jurisdiction_id"
    negative = api.post(
        "/projects", _body(cast, affected_households=-1), headers={"Idempotency-Key": "x2"}
    )
    assert (
        negative.status_code == 422
        and negative.json()["detail"][0]["field"] == "affected_households"
    )
    late = api.post(
        "/projects",
        _body(cast, planned_start="2027-05-01", planned_end="2027-01-01"),
        headers={"Idempotency-Key": "x3"},
    )
    assert late.status_code == 400 and late.json()["detail"][0]["field"] == "planned_end"
    assert not Project.objects.exists()


def test_township_user_sees_only_their_townships_projects(cast: Cast, api_as) -> None:  # type: ignore[no-untyped-def]
    a = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    b = register_project(
        actor=cast.b_director,
        initiator=cast.b_labour,
        jurisdiction=cast.township_b,
        title="西镇项目",
    )
    listing = api_as(cast.a_director).get("/projects").json()
    assert [item["id"] for item in listing["items"]] == [a.pk] and listing["count"] == 1
    assert api_as(cast.a_director).get(f"/projects/{b.pk}").status_code == 404
    assert api_as(cast.a_director).post(f"/projects/{b.pk}/consultation", {}).status_code == 404
    assert api_as(cast.a_director).get(f"/projects/{b.pk}/events").status_code == 404
    assert api_as(cast.liaison).get(f"/projects/{a.pk}").status_code == 404
    assert {i["id"] for i in api_as(cast.county_leader).get("/projects").json()["items"]} == {
        a.pk,
        b.pk,
    }


def test_the_workflow_through_the_api_and_the_gates_409(cast: Cast, api_as) -> None:  # type: ignore[no-untyped-def]
    handler: ApiCaller = api_as(cast.a_env_handler)
    director: ApiCaller = api_as(cast.a_director)
    leader: ApiCaller = api_as(cast.county_leader)
    project_id = handler.post("/projects", _body(cast), headers={"Idempotency-Key": "w"}).json()[
        "id"
    ]
    refused = leader.post(
        f"/projects/{project_id}/approve", {"note": "同意"}, headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 409
    assert refused.json()["detail"][0]["code"] == "gate_unassessed"
    assert "not been assessed" in refused.json()["detail"][0]["message"]
    assert (
        ProjectEvent.objects.filter(
            project_id=project_id, kind=ProjectEventKind.APPROVAL_REFUSED
        ).count()
        == 1
    )

    assert handler.post(f"/projects/{project_id}/consultation", {}).status_code == 200
    survey = {
        "kind": "survey",
        "held_on": "2026-01-10",
        "summary": "入户调查",
        "households_reached": 120,
        "support_count": 70,
        "objection_count": 50,
        "neutral_count": 0,
    }
    created = handler.post(f"/projects/{project_id}/consultations", survey)
    assert created.status_code == 201, created.content
    record_id = created.json()["id"]
    bad = handler.post(f"/projects/{project_id}/consultations", {**survey, "neutral_count": 5})
    assert bad.status_code == 400 and bad.json()["detail"][0]["field"] == "objection_count"
    for dimension in ("legality", "reasonableness", "feasibility", "controllability"):
        assert (
            handler.post(
                f"/projects/{project_id}/dimensions", {"dimension": dimension, "findings": "可行"}
            ).status_code
            == 200
        )
    factor = {"factor": "environment", "findings": "臭气", "likelihood": "high", "impact": "medium"}
    assert handler.post(f"/projects/{project_id}/risk-factors", factor).status_code == 200
    assert handler.post(f"/projects/{project_id}/analysis", {}).status_code == 200
    assert handler.post(f"/projects/{project_id}/grade", {}).status_code == 403
    graded = director.post(f"/projects/{project_id}/grade", {})
    assert graded.status_code == 200 and graded.json()["grade"] == "high"
    assert director.post(f"/projects/{project_id}/review", {}).status_code == 200
    high = leader.post(f"/projects/{project_id}/approve", {})
    assert high.status_code == 409 and high.json()["detail"][0]["code"] == "gate_high_risk"

    # Fewer objections after the redesign: a changed survey count re-grades to low.
    changed = handler.client.put(
        f"/api/v1/projects/{project_id}/consultations/{record_id}",
        {**survey, "support_count": 118, "objection_count": 2},
        content_type="application/json",
        headers={"Authorization": f"Bearer {handler.token}"},
    )
    assert changed.status_code == 200, changed.content
    detail = leader.get(f"/projects/{project_id}").json()
    assert (detail["grade"], detail["status"], detail["gate_refusal"]) == (
        "low",
        "graded",
        "not_reviewed",
    )
    assert director.post(f"/projects/{project_id}/review", {}).status_code == 200
    assert "approve" in leader.get(f"/projects/{project_id}").json()["actions"]
    approved = leader.post(f"/projects/{project_id}/approve", {"note": "同意实施"})
    assert approved.status_code == 200 and approved.json()["status"] == ProjectStatus.APPROVED
    events = leader.get(f"/projects/{project_id}/events").json()["items"]
    assert [e["kind"] for e in events].count("approval_refused") == 2
    assert events[-1]["kind"] == "approved" and events[-1]["actor"]["id"] == cast.county_leader.pk


def test_medium_approved_with_conditions_over_the_api(cast: Cast, api_as) -> None:  # type: ignore[no-untyped-def]
    project = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    assess_to_analysis(project=project, actor=cast.a_env_handler, reached=100, objection=10)
    director: ApiCaller = api_as(cast.a_director)
    leader: ApiCaller = api_as(cast.county_leader)
    assert director.post(f"/projects/{project.pk}/grade", {}).json()["grade"] == "medium"
    director.post(f"/projects/{project.pk}/review", {})
    assert (
        leader.post(f"/projects/{project.pk}/approve", {}).json()["detail"][0]["code"]
        == "gate_medium_no_measures"
    )
    measure = director.post(
        f"/projects/{project.pk}/measures",
        {"description": "公开补偿标准", "owner_id": cast.a_labour.pk, "working_days": 5},
    )
    assert measure.status_code == 201, measure.content
    outside = director.post(
        f"/projects/{project.pk}/measures",
        {"description": "x", "owner_id": cast.b_labour.pk, "working_days": 5},
    )
    assert outside.status_code == 400 and outside.json()["detail"][0]["field"] == "owner_id"
    assert (
        leader.post(f"/projects/{project.pk}/approve", {}).json()["detail"][0]["code"]
        == "gate_medium_measures_open"
    )
    done = api_as(cast.a_handler).post(
        f"/projects/{project.pk}/measures/{measure.json()['id']}/complete", {}
    )
    assert done.status_code == 200 and done.json()["status"] == "completed"
    assert (
        leader.post(f"/projects/{project.pk}/approve", {}).json()["detail"][0]["code"]
        == "gate_medium_not_regraded"
    )
    director.post(f"/projects/{project.pk}/grade", {})
    director.post(f"/projects/{project.pk}/review", {})
    approved = leader.post(f"/projects/{project.pk}/approve", {})
    assert approved.status_code == 200 and approved.json()["status"] == "approved_conditions"


def test_projects_are_in_the_openapi_schema(client) -> None:  # type: ignore[no-untyped-def]
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/projects" in paths
    assert "/api/v1/projects/{project_id}/approve" in paths
    create = paths["/api/v1/projects"]["post"]
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in create["parameters"])
    assert "409" in paths["/api/v1/projects/{project_id}/approve"]["post"]["responses"]


def test_auditors_read_but_take_no_step(cast: Cast, api_as) -> None:  # type: ignore[no-untyped-def]
    project = register_project(
        actor=cast.a_env_handler, initiator=cast.a_environment, jurisdiction=cast.township_a
    )
    auditor: ApiCaller = api_as(cast.auditor)
    assert auditor.get(f"/projects/{project.pk}").json()["actions"] == []
    assert auditor.post(f"/projects/{project.pk}/consultation", {}).status_code == 403
    assert auditor.post(f"/projects/{project.pk}/approve", {}).status_code == 403
    created = auditor.post(
        "/projects",
        _body(cast),
        headers={"Idempotency-Key": "aud"},
    )
    assert created.status_code == 403
    assert Project.objects.count() == 1
