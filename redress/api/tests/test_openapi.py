"""The schema and the docs page are served without a network: the docs use the Swagger UI
files ninja ships, not a CDN."""

from __future__ import annotations

import pytest
from django.test import Client

from redress.cases.permissions import Action

pytestmark = pytest.mark.django_db


def test_the_schema_describes_every_operation(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for action in Action:
        if action != Action.READ_CONTACT:
            assert f"/api/v1/cases/{{case_id}}/actions/{action.value}" in paths
    for path in (
        "/api/v1/cases",
        "/api/v1/cases/{case_id}",
        "/api/v1/cases/{case_id}/events",
        "/api/v1/cases/{case_id}/actions",
        "/api/v1/cases/{case_id}/contact",
        "/api/v1/categories",
        "/api/v1/jurisdictions",
        "/api/v1/jurisdictions/{jurisdiction_id}",
        "/api/v1/departments",
        "/api/v1/departments/{department_id}",
    ):
        assert path in paths
    create = paths["/api/v1/cases"]["post"]
    header = next(p for p in create["parameters"] if p["name"] == "Idempotency-Key")
    assert header["in"] == "header" and header["required"] is True
    assert set(schema["components"]["securitySchemes"]) == {"BearerTokenAuth", "SessionCookieAuth"}
    case_fields = schema["components"]["schemas"]["CaseOut"]["properties"]
    assert not {"contact", "phone", "email", "name"} & set(case_fields)


def test_the_docs_page_uses_local_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_categories(cast, api_as):
    response = api_as(cast.a_handler).get("/categories")
    assert response.status_code == 200
    codes = [item["code"] for item in response.json()]
    assert codes[0] == "wage-arrears" and "pollution" in codes
    wages = response.json()[0]
    assert wages["name_zh"] == "欠薪" and wages["default_department_kind"] == "labour"


def test_unknown_endpoints_answer_json(cast, api_as):
    api = api_as(cast.a_handler)
    api.client = Client(enforce_csrf_checks=True)
    for response in (api.get("/nope"), api.post("/cases/1/actions/frobnicate")):
        assert response.status_code == 404
        assert response.json()["detail"][0]["code"] == "not_found"
