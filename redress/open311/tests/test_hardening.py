"""The Open311 door from an outside client's side: dates that do not exist, control characters,
XML that always parses, GeoReport answers for every path and failure, and the spec's loose
edges (address-only posts, repeated attributes, empty parameters, optional description)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache

from redress.cases.models import Case, CaseEvent, Category, CategoryField
from redress.cases.testing import submit_case, unchanged
from redress.open311 import views
from redress.open311.keys import api_client_create
from redress.open311.models import ApiClient

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture
def places(cast):
    cache.clear()
    cast.county.code = "330100"
    cast.county.save()
    cast.village_a.code = "330100001"
    cast.village_a.save()
    return cast


@pytest.fixture
def api_key(places):
    return api_client_create(name="hardening client")[1]


@pytest.fixture
def since_field(places):
    category = Category.objects.get(code="wage-arrears")
    CategoryField.objects.create(
        category=category, code="since", datatype="datetime", label_zh="开始欠薪时间"
    )
    CategoryField.objects.create(
        category=category,
        code="evidence",
        datatype="multivaluelist",
        label_zh="证据",
        choices=[{"key": "contract", "name_zh": "合同"}, {"key": "payslip", "name_zh": "工资条"}],
    )
    CategoryField.objects.create(category=category, code="site", datatype="string", label_zh="工地")
    return category


def errors(response):
    """The GeoReport error list, read in the answer's own format."""
    if response["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        return [
            {"code": int(e.findtext("code")), "description": e.findtext("description")}
            for e in root.findall("error")
        ]
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert isinstance(data, list) and set(data[0]) == {"code", "description"}
    return data


def good_post(api_key, **overrides):
    return {
        "api_key": api_key,
        "jurisdiction_id": "330100",
        "service_code": "wage-arrears",
        "address_string": "东村",
        "description": "工地欠薪",
        **overrides,
    }


BAD_DATES = [
    "2026-02-30T00:00:00+08:00",
    "2026-01-01T00:00:00+25:00",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00+08:00",
    "9999-12-31T23:59:59-08:00",
    "9999-12-31T23:59:59+00:00",
    "2026-13-01T00:00:00Z",
    "2026-01-01T24:61:00Z",
]


# --- 1. dates that do not exist or lie beyond any grievance -------------------------------


@pytest.mark.parametrize("moment", BAD_DATES)
@pytest.mark.parametrize("name", ["start_date", "end_date"])
@pytest.mark.parametrize("path", ["requests", "servicerequestupdates"])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_impossible_dates_in_listings_are_400_naming_the_parameter(
    client, places, moment, name, path, fmt
):
    response = client.get(f"{BASE}/{path}.{fmt}", {name: moment})
    assert response.status_code == 400, response.content
    assert name in errors(response)[0]["description"]


@pytest.mark.parametrize("moment", BAD_DATES)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_impossible_dates_in_a_datetime_question_are_400_and_write_nothing(
    client, since_field, api_key, moment, fmt
):
    with unchanged():
        response = client.post(
            f"{BASE}/requests.{fmt}", good_post(api_key, **{"attribute[since]": moment})
        )
    assert response.status_code == 400, response.content
    assert "attribute[since]" in errors(response)[0]["description"]
    assert not Case.objects.exists()


def test_a_real_date_in_a_datetime_question_is_kept(client, since_field, api_key):
    response = client.post(
        f"{BASE}/requests.json",
        good_post(api_key, **{"attribute[since]": "2026-02-28T08:00:00+08:00"}),
    )
    assert response.status_code == 200, response.content
    assert Case.objects.get().extra_fields == {"since": "2026-02-28T08:00:00+08:00"}


@pytest.mark.parametrize("moment", ["2026-01-01T00:00:00", "2026-01-01"])
@pytest.mark.parametrize("path", ["requests", "servicerequestupdates"])
def test_datetimes_without_a_zone_are_refused(client, places, moment, path):
    response = client.get(f"{BASE}/{path}.json", {"start_date": moment})
    assert response.status_code == 400
    assert "start_date" in errors(response)[0]["description"]
    assert "zone" in errors(response)[0]["description"]


def test_a_plus_sign_read_as_a_space_still_means_an_offset(client, places):
    case = submit_case(jurisdiction=places.village_a)
    since = (case.submitted_at - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    response = client.get(f"{BASE}/requests.json?start_date={since}+08:00")
    assert response.status_code == 200, response.content
    assert [item["service_request_id"] for item in json.loads(response.content)] == [str(case.pk)]


# --- 2. control characters in any parameter, names included --------------------------------


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1f", "\ufffe"])
@pytest.mark.parametrize(
    "name",
    [
        "api_key",
        "jurisdiction_id",
        "service_code",
        "description",
        "address_string",
        "address_id",
        "email",
        "first_name",
        "media_url",
        "attribute[site]",
        "account_id",
        "device_id",
    ],
)
def test_control_characters_in_a_post_are_400_naming_the_parameter(
    client, since_field, api_key, character, name
):
    data = good_post(api_key)
    data[name] = f"a{character}b"
    with unchanged():
        response = client.post(f"{BASE}/requests.xml", data)
    assert response.status_code == 400, response.content
    assert name in errors(response)[0]["description"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("key", ["attribute[si\x00te]", "att\x00ribute[site]", "x\x01"])
def test_control_characters_in_parameter_names_are_400(client, since_field, api_key, key):
    data = {**good_post(api_key), key: "1"}
    response = client.post(f"{BASE}/requests.json", data)
    assert response.status_code == 400, response.content
    assert "\\x0" in errors(response)[0]["description"]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("requests", {"service_code": "wage\x00"}),
        ("requests", {"jurisdiction_id": "\x00"}),
        ("requests", {"status": "open\x00"}),
        ("services", {"jurisdiction_id": "33\x00"}),
        ("servicerequestupdates", {"service_request_id": "1\x00"}),
        ("discovery", {"x\x00": "1"}),
        ("services/wage\x00arrears", {}),
        ("tokens/a\x00b", {}),
        ("requests/1\x00", {}),
    ],
)
def test_control_characters_in_gets_are_400(client, places, path, params):
    response = client.get(f"{BASE}/{path}.json", params)
    assert response.status_code == 400, response.content
    assert errors(response)[0]["code"] == 400


def test_control_characters_in_a_comment_are_refused(client, places, api_key):
    case = submit_case(jurisdiction=places.village_a)
    with unchanged(case):
        response = client.post(
            f"{BASE}/servicerequestupdates.json",
            {"api_key": api_key, "service_request_id": str(case.pk), "description": "a\x00b"},
        )
    assert response.status_code == 400
    assert "description" in errors(response)[0]["description"]


# --- 3. XML answers parse whatever is stored ------------------------------------------------


def test_every_xml_answer_parses_with_control_characters_already_stored(client, places):
    case = submit_case(jurisdiction=places.village_a)
    Case.objects.filter(pk=case.pk).update(title="bad\x01title\x0b", answer="a\x02nswer")
    CaseEvent.objects.filter(case=case).update(note="n\x01ote")
    category = Category.objects.get(code="wage-arrears")
    Category.objects.filter(pk=category.pk).update(name_en="Wages\x01", description_zh="欠\x1f薪")
    for path in [
        "requests",
        f"requests/{case.pk}",
        "servicerequestupdates",
        "services",
        "services/wage-arrears",
    ]:
        response = client.get(f"{BASE}/{path}.xml")
        assert response.status_code == 200, path
        ET.fromstring(response.content)  # raises on a character XML 1.0 cannot hold
        json_answer = client.get(f"{BASE}/{path}.json")
        assert json_answer.status_code == 200
        json.loads(json_answer.content)
    root = ET.fromstring(client.get(f"{BASE}/requests/{case.pk}.xml").content)
    assert root.findtext("request/description") == "bad\ufffdtitle\ufffd"


# --- 4. every answer under /open311/ in GeoReport form --------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "path",
    [
        "nothing-here",
        "requests/1/extra",
        "requests/" + "9" * 60,
        "services/" + "x" * 80,
        "tokens/" + "t" * 80,
        "requests/999999",
        "services/no-such-service",
        "requests/abc",
    ],
)
def test_unknown_paths_are_georeport_404s(client, places, path, fmt):
    response = client.get(f"{BASE}/{path}.{fmt}")
    assert response.status_code == 404
    assert errors(response)[0]["code"] == 404


def test_unknown_paths_without_a_format_answer_json(client, places):
    for path in ["/open311/v2/", "/open311/v2/requests", "/open311/v2/x/y/z.html"]:
        response = client.get(path)
        assert response.status_code == 404
        assert errors(response)[0]["code"] == 404


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "services"), ("put", "requests"), ("delete", "requests/1"), ("post", "discovery")],
)
def test_wrong_methods_are_georeport_405s(client, places, method, path, fmt):
    response = getattr(client, method)(f"{BASE}/{path}.{fmt}")
    assert response.status_code == 405
    assert errors(response)[0]["code"] == 405


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unexpected_failure_is_a_logged_georeport_500(client, places, monkeypatch, caplog, fmt):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "request_item", broken)
    submit_case(jurisdiction=places.village_a)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = client.get(f"{BASE}/requests.{fmt}")
    assert response.status_code == 500
    assert errors(response)[0]["code"] == 500
    assert "boom" not in response.content.decode()
    assert any("boom" in (record.exc_text or str(record.exc_info)) for record in caplog.records)


def test_too_many_fields_is_a_georeport_400(client, places, api_key, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    data = {**good_post(api_key), **{f"x{i}": "1" for i in range(20)}}
    response = client.post(f"{BASE}/requests.xml", data)
    assert response.status_code == 400
    assert errors(response)[0]["code"] == 400


# --- 5. the spec's loose edges --------------------------------------------------------------


def post(client, data, fmt="json"):
    return client.post(f"{BASE}/requests.{fmt}", data)


def test_an_address_alone_finds_the_most_specific_place_named_in_it(client, places, api_key):
    data = good_post(api_key, address_string="示范县东镇东村村口的建筑工地")
    del data["jurisdiction_id"]
    response = post(client, data)
    assert response.status_code == 200, response.content
    assert Case.objects.get().jurisdiction == places.village_a


def test_an_address_naming_no_place_goes_to_the_clients_area(client, places):
    api_client, key = api_client_create(name="county app")
    ApiClient.objects.filter(pk=api_client.pk).update(jurisdiction=places.county)
    data = good_post(key, address_string="人民路12号")
    del data["jurisdiction_id"]
    response = post(client, data)
    assert response.status_code == 200, response.content
    case = Case.objects.get()
    assert case.jurisdiction == places.county
    assert case.department.jurisdiction == places.county


def test_an_address_names_a_place_only_inside_the_jurisdiction_given(client, places, api_key):
    response = post(client, good_post(api_key, address_string="西村", jurisdiction_id="330100001"))
    assert response.status_code == 200, response.content
    assert Case.objects.get().jurisdiction == places.village_a


def test_repeated_attributes_are_a_list(client, since_field, api_key):
    response = client.post(
        f"{BASE}/requests.json",
        {**good_post(api_key), "attribute[evidence]": ["contract", "payslip"]},
    )
    assert response.status_code == 200, response.content
    assert Case.objects.get().extra_fields == {"evidence": ["contract", "payslip"]}


def test_repeated_single_values_are_refused_not_truncated(client, since_field, api_key):
    response = client.post(
        f"{BASE}/requests.json", {**good_post(api_key), "attribute[site]": ["one", "two"]}
    )
    assert response.status_code == 400
    assert "attribute[site]" in errors(response)[0]["description"]


def test_empty_optional_parameters_are_absent(client, since_field, api_key):
    data = {
        **good_post(api_key),
        "attribute[evidence][]": "",
        "attribute[since]": "",
        "attribute[site][]": "",
        "lat": "",
        "long": "",
        "address_id": "",
        "media_url": "",
        "email": "",
    }
    response = client.post(f"{BASE}/requests.json", data)
    assert response.status_code == 200, response.content
    assert Case.objects.get().extra_fields == {}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_description_is_optional(client, places, api_key, fmt):
    data = good_post(api_key, address_string="东村村口")
    del data["description"]
    response = post(client, data, fmt)
    assert response.status_code == 200, response.content
    case = Case.objects.get()
    assert case.description == case.title
    assert "东村村口" in case.title and case.category.name_zh in case.title


def test_listing_ids_answers_the_ones_that_exist(client, places):
    case = submit_case(jurisdiction=places.village_a)
    for ids in [f"{case.pk},abc", f"abc,{case.pk},²,{'9' * 30}", "abc"]:
        response = client.get(f"{BASE}/requests.json", {"service_request_id": ids})
        assert response.status_code == 200, response.content
        expected = [] if ids == "abc" else [str(case.pk)]
        assert [item["service_request_id"] for item in json.loads(response.content)] == expected
    updates = client.get(
        f"{BASE}/servicerequestupdates.json", {"service_request_id": f"{case.pk},abc"}
    )
    assert updates.status_code == 200


@pytest.mark.parametrize("request_id", ["²", "١", "9" * 30])
def test_odd_digits_in_a_request_id_are_404(client, places, request_id):
    response = client.get(f"{BASE}/requests/{request_id}.json")
    assert response.status_code == 404


def test_the_demo_client_places_address_only_requests_in_the_county(client, places):
    from types import SimpleNamespace

    from redress.open311.demo import seed_demo_extension

    summary = seed_demo_extension(demo=SimpleNamespace(county=places.county), seed=1)
    key = summary.rsplit(" ", 1)[1]
    response = post(client, {"api_key": key, "service_code": "pollution", "address_string": "河边"})
    assert response.status_code == 200, response.content
    assert Case.objects.get().jurisdiction == places.county


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_lost_database_is_a_georeport_503_with_retry_after(client, places, monkeypatch, fmt):
    from django.db import OperationalError

    def unreachable():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "_active_categories", unreachable)
    response = client.get(f"{BASE}/services.{fmt}")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert errors(response)[0]["code"] == 503
