"""GeoReport v2 conformance over HTTP, in both formats: every method and its error cases."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.core.management import call_command

from redress.cases.models import Case, CaseStatus, Category, CategoryField, EventKind
from redress.cases.testing import submit_case
from redress.contacts.models import ComplainantContact
from redress.open311.keys import api_client_create
from redress.open311.models import ApiClient

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture
def api_key(cast):
    cache.clear()
    _client, key = api_client_create(name="test client")
    return key


@pytest.fixture
def places(cast):
    # East Village as a small square, and codes to use as jurisdiction_id and address_id.
    cast.county.code = "330100"
    cast.county.save()
    cast.village_a.code = "330100001"
    cast.village_a.latitude, cast.village_a.longitude = 30.25, 120.15
    cast.village_a.boundary_geojson = {
        "type": "Polygon",
        "coordinates": [
            [[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3], [120.1, 30.2]]
        ],
    }
    cast.village_a.save()
    from redress.orgs.geo import forget_cached_places

    forget_cached_places()
    return cast


def get(client, path, fmt="json", **params):
    return client.get(f"{BASE}/{path}.{fmt}", params)


def body(response):
    if response["Content-Type"].startswith("text/xml"):
        return ET.fromstring(response.content)
    return json.loads(response.content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery(client, cast, fmt):
    response = get(client, "discovery", fmt)
    assert response.status_code == 200
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        data = body(response)
        assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert data["endpoints"][0]["formats"] == ["text/xml", "application/json"]
    else:
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        root = body(response)
        assert root.tag == "discovery"
        assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
            "text/xml",
            "application/json",
        ]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_list_every_active_category(client, cast, fmt):
    response = get(client, "services", fmt)
    codes = (
        [s["service_code"] for s in body(response)]
        if fmt == "json"
        else [s.findtext("service_code") for s in body(response).findall("service")]
    )
    assert "wage-arrears" in codes and len(codes) == Category.objects.filter(is_active=True).count()


@pytest.fixture
def wage_fields(cast):
    category = Category.objects.get(code="wage-arrears")
    CategoryField.objects.create(
        category=category,
        code="workers",
        datatype="number",
        required=True,
        label_zh="欠薪人数",
        label_en="Workers owed",
    )
    CategoryField.objects.create(
        category=category,
        code="sector",
        datatype="singlevaluelist",
        label_zh="行业",
        label_en="Sector",
        choices=[
            {"key": "construction", "name_zh": "建筑", "name_en": "Building"},
            {"key": "factory", "name_zh": "工厂", "name_en": "Factory"},
        ],
    )
    CategoryField.objects.create(
        category=category,
        code="evidence",
        datatype="multivaluelist",
        label_zh="证据",
        choices=[{"key": "contract", "name_zh": "合同"}, {"key": "payslip", "name_zh": "工资条"}],
    )
    CategoryField.objects.create(
        category=category, code="since", datatype="datetime", label_zh="开始欠薪时间"
    )
    CategoryField.objects.create(
        category=category, code="site", datatype="string", label_zh="工地名称"
    )
    CategoryField.objects.create(category=category, code="story", datatype="text", label_zh="经过")
    return category


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_service_definition_has_every_datatype(client, wage_fields, fmt):
    response = get(client, "services/wage-arrears", fmt)
    assert response.status_code == 200
    if fmt == "json":
        data = body(response)
        types = {a["code"]: a["datatype"] for a in data["attributes"]}
        sector = next(a for a in data["attributes"] if a["code"] == "sector")
        assert sector["values"][0] == {"key": "construction", "name": "建筑"}
        assert next(a for a in data["attributes"] if a["code"] == "workers")["required"] is True
    else:
        root = body(response)
        assert root.tag == "service_definition"
        types = {
            a.findtext("code"): a.findtext("datatype") for a in root.findall("attributes/attribute")
        }
        assert root.find("attributes/attribute/required").text in {"true", "false"}
    assert set(types.values()) == {
        "number",
        "singlevaluelist",
        "multivaluelist",
        "datetime",
        "string",
        "text",
    }


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_404_in_the_spec_error_shape(client, cast, fmt):
    response = get(client, "services/no-such-thing", fmt)
    assert response.status_code == 404
    if fmt == "json":
        assert body(response)[0]["code"] == 404 and body(response)[0]["description"]
    else:
        root = body(response)
        assert root.tag == "errors" and root.find("error/code").text == "404"


def _post(client, fmt="json", **params):
    return client.post(f"{BASE}/requests.{fmt}", params)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_request_creates_a_case_with_attributes_and_contact_in_the_vault(
    client, places, wage_fields, api_key, fmt
):
    response = client.post(
        f"{BASE}/requests.{fmt}",
        {
            "api_key": api_key,
            "jurisdiction_id": "330100",
            "service_code": "wage-arrears",
            "lat": "30.25",
            "long": "120.15",
            "description": "工地拖欠二十名工人工资\n已三个月",
            "attribute[workers]": "20",
            "attribute[sector]": "construction",
            "attribute[evidence][]": ["contract", "payslip"],
            "email": "worker@example.org",
            "first_name": "建国",
            "last_name": "李",
            "phone": "13800001111",
            "media_url": "https://example.org/photo.jpg",
        },
    )
    assert response.status_code == 200, response.content
    case = Case.objects.get()
    assert case.jurisdiction == places.village_a
    assert case.extra_fields == {
        "workers": 20,
        "sector": "construction",
        "evidence": ["contract", "payslip"],
    }
    assert case.title == "工地拖欠二十名工人工资"
    assert ComplainantContact.objects.filter(case=case).exists()
    if fmt == "json":
        data = body(response)
        assert list(data[0].keys()) == ["service_request_id", "service_notice", "account_id"]
        assert data[0]["service_request_id"] == str(case.pk)
    else:
        root = body(response)
        assert root.tag == "service_requests"
        assert root.find("request/service_request_id").text == str(case.pk)
    if fmt == "json":
        public = body(get(client, f"requests/{case.pk}"))[0]
        assert (public["lat"], public["long"]) == (30.25, 120.15)  # already coarse here
    listing = get(client, f"requests/{case.pk}", fmt).content.decode()
    assert "13800001111" not in listing and "worker@example.org" not in listing
    assert "建国" not in listing


def _good_request(api_key):
    return {
        "api_key": api_key,
        "jurisdiction_id": "330100",
        "service_code": "wage-arrears",
        "lat": "30.25",
        "long": "120.15",
        "description": "欠薪",
        "attribute[workers]": "3",
    }


@pytest.mark.parametrize(
    ("params", "status", "mentions"),
    [
        ({"api_key": ""}, 403, "api_key"),
        ({"api_key": "wrong"}, 403, "api_key"),
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "nope"}, 404, "service_code"),
        ({"jurisdiction_id": "999"}, 404, "jurisdiction_id"),
        ({"lat": "", "long": ""}, 400, "location"),
        ({"lat": "91"}, 400, "lat"),
        ({"long": "abc"}, 400, "long"),
        ({"long": ""}, 400, "lat and long"),
        ({"lat": "10", "long": "10"}, 400, "outside"),
        ({"description": "x" * 4001}, 400, "description"),
        ({"attribute[workers]": "many"}, 400, "workers"),
        ({"attribute[sector]": "mine"}, 400, "sector"),
        ({"attribute[bogus]": "1"}, 400, "bogus"),
        ({"attribute[workers]": ""}, 400, "workers"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"address_id": "nowhere", "lat": "", "long": ""}, 400, "address_id"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_posts_get_spec_errors_and_write_nothing(
    client, places, wage_fields, api_key, params, status, mentions, fmt
):
    data = {**_good_request(api_key), **params}
    response = client.post(f"{BASE}/requests.{fmt}", data)
    assert response.status_code == status, response.content
    text = response.content.decode()
    assert mentions in text
    assert Case.objects.count() == 0


def test_address_string_and_address_id_locate_the_request(client, places, api_key):
    by_string = _post(
        client,
        api_key=api_key,
        jurisdiction_id="330100",
        service_code="pollution",
        address_string="河边化工厂",
        description="夜间排污",
    )
    by_id = _post(
        client,
        api_key=api_key,
        jurisdiction_id="330100",
        service_code="pollution",
        address_id="330100001",
        description="夜间排污，河水发黑",
    )
    assert by_string.status_code == 200 and by_id.status_code == 200
    first, second = Case.objects.order_by("pk")
    assert first.jurisdiction == places.county and first.location_text == "河边化工厂"
    public = body(get(client, f"requests/{first.pk}"))[0]
    assert public["address"] == places.county.name_zh  # the street address stays inside
    assert second.jurisdiction == places.village_a


def test_queued_client_gets_a_token_that_resolves(client, places):
    cache.clear()
    api_client, key = api_client_create(name="queued")
    ApiClient.objects.filter(pk=api_client.pk).update(queue_requests=True)
    response = _post(
        client,
        api_key=key,
        jurisdiction_id="330100",
        service_code="pollution",
        address_string="河边",
        description="排污",
    )
    token = body(response)[0]["token"]
    resolved = get(client, f"tokens/{token}")
    assert body(resolved) == [{"service_request_id": str(Case.objects.get().pk), "token": token}]
    xml = body(get(client, f"tokens/{token}", "xml"))
    assert xml.find("request/token").text == token
    assert get(client, "tokens/unknown").status_code == 404


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_requests_filters(client, places, fmt):
    wage = submit_case(jurisdiction=places.village_a)
    pollution = submit_case(
        jurisdiction=places.village_b, category_code="pollution", title="河水发黑"
    )
    from redress.cases import services

    services.case_accept(case=wage, actor=places.a_handler)
    services.case_resolve(case=wage, actor=places.a_handler, answer="已补发工资", public=True)

    def ids(response):
        if fmt == "json":
            return {item["service_request_id"] for item in body(response)}
        return {r.findtext("service_request_id") for r in body(response).findall("request")}

    assert ids(get(client, "requests", fmt)) == {str(wage.pk), str(pollution.pk)}
    assert ids(get(client, "requests", fmt, status="closed")) == {str(wage.pk)}
    assert ids(get(client, "requests", fmt, status="open")) == {str(pollution.pk)}
    assert ids(get(client, "requests", fmt, service_code="pollution")) == {str(pollution.pk)}
    assert ids(get(client, "requests", fmt, service_request_id=f"{wage.pk}")) == {str(wage.pk)}
    assert (
        ids(
            get(
                client,
                "requests",
                fmt,
                start_date="2000-01-01T00:00:00Z",
                end_date="2000-02-01T00:00:00Z",
            )
        )
        == set()
    )
    detail = get(client, f"requests/{wage.pk}", fmt)
    if fmt == "json":
        item = body(detail)[0]
        assert item["status"] == "closed" and item["status_notes"] == "已补发工资"
        assert item["agency_responsible"] == places.a_labour.name_zh
        assert item["requested_datetime"].endswith("+08:00")
    else:
        assert body(detail).find("request/status").text == "closed"


@pytest.mark.parametrize(
    "params",
    [
        {"status": "maybe"},
        {"start_date": "yesterday"},
        {"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
    ],
)
def test_get_requests_bad_filters_are_400(client, cast, params):
    response = get(client, "requests", **params)
    assert response.status_code == 400
    assert body(response)[0]["code"] == 400


def test_unknown_request_is_404(client, cast):
    assert get(client, "requests/999999").status_code == 404
    assert get(client, "requests/abc", "xml").status_code == 404


def test_wrong_method_is_405_in_format(client, cast):
    response = client.post(f"{BASE}/services.json", {})
    assert response.status_code == 405 and body(response)[0]["code"] == 405


def test_service_request_updates_follow_a_case_and_take_comments(client, places, api_key):
    case = submit_case(jurisdiction=places.village_a)
    from redress.cases import services

    services.case_accept(case=case, actor=places.a_handler)
    services.case_add_note(case=case, actor=places.a_handler, note="内部：已约谈包工头")
    updates = body(get(client, "servicerequestupdates", service_request_id=str(case.pk)))
    descriptions = [u["description"] for u in updates]
    assert all("内部" not in d for d in descriptions)
    assert updates[-1]["status"] == "OPEN"
    ApiClient.objects.update(may_comment_on_all=True)  # the case came through another door
    response = client.post(
        f"{BASE}/servicerequestupdates.json",
        {"api_key": api_key, "service_request_id": str(case.pk), "description": "工资还没到账"},
    )
    assert response.status_code == 200
    assert case.events.filter(kind=EventKind.COMMENT, note="工资还没到账").exists()
    xml = body(get(client, "servicerequestupdates", "xml", service_request_id=str(case.pk)))
    assert xml.tag == "service_request_updates"
    assert xml.findall("request_update")[-1].findtext("description") == "工资还没到账"
    no_key = client.post(
        f"{BASE}/servicerequestupdates.json",
        {"service_request_id": str(case.pk), "description": "x"},
    )
    assert no_key.status_code == 403


def test_rate_limit_answers_429(client, places):
    cache.clear()
    _c, key = api_client_create(name="slow", requests_per_minute=2)
    for expected in (200, 200, 429):
        response = _post(
            client,
            api_key=key,
            jurisdiction_id="330100",
            service_code="pollution",
            address_string="河边",
            description="排污",
        )
        assert response.status_code == expected


def test_revoked_key_is_refused(client, places):
    cache.clear()
    call_command("open311_key", "--name", "tmp", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client_row = ApiClient.objects.get(name="tmp")
    call_command("open311_key", "--name", "tmp", "--revoke", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client_row.refresh_from_db()
    assert not client_row.is_active


def test_open311_key_command_prints_a_working_key(client, places, capsys):
    cache.clear()
    call_command("open311_key", "--name", "fixmystreet")
    key = capsys.readouterr().out.strip()
    response = _post(
        client,
        api_key=key,
        jurisdiction_id="330100",
        service_code="pollution",
        address_string="河边",
        description="排污",
    )
    assert response.status_code == 200
    assert Case.objects.get().status == CaseStatus.RECEIVED


def test_idempotency_key_header_does_not_duplicate(client, places, api_key):
    params = {
        "api_key": api_key,
        "jurisdiction_id": "330100",
        "service_code": "pollution",
        "address_string": "河边",
        "description": "排污",
    }
    first = client.post(f"{BASE}/requests.json", params, HTTP_IDEMPOTENCY_KEY="abc-1")
    second = client.post(f"{BASE}/requests.json", params, HTTP_IDEMPOTENCY_KEY="abc-1")
    assert body(first) == body(second)
    assert Case.objects.count() == 1


@pytest.mark.parametrize("language", [None, "zh-CN", "zh-hans"])
def test_errors_stay_english_whatever_the_accept_language(
    client, places, wage_fields, api_key, language
):
    headers = {"Accept-Language": language} if language else {}
    data = {**_good_request(api_key), "attribute[workers]": "many"}
    # Refused by the services' extra-field check, passed on by the adapter.
    response = client.post(f"{BASE}/requests.json", data, headers=headers)
    assert response.status_code == 400
    assert body(response)[0]["description"] == "attribute[workers]: Give a number."
    # Refused by the adapter itself.
    missing = client.get(f"{BASE}/requests/0.json", headers=headers)
    assert missing.status_code == 404 and "does not exist" in body(missing)[0]["description"]
    assert Case.objects.count() == 0
