"""A real Open311 client from PyPI (georeport) reads services and requests from a live server."""

from __future__ import annotations

import pytest
from georeport import GeoReport

from redress.cases.testing import submit_case


@pytest.fixture
def live_cast(live_server):
    from redress.orgs.testing import build_cast

    cast = build_cast()
    cast.county.code = "330100"
    cast.county.save()
    return cast


# serialized_rollback keeps the categories made by the data migration for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_client_reads_services_and_requests(live_server, live_cast, output_format):
    case = submit_case(jurisdiction=live_cast.village_a)
    other = submit_case(
        jurisdiction=live_cast.village_a, category_code="pollution", title="河水发黑"
    )
    client = GeoReport(
        f"{live_server.url}/open311/v2/", jurisdiction="330100", output_format=output_format
    )

    services = client.get_service_list()
    assert "wage-arrears" in {service["service_code"] for service in services}
    definition = client.get_service_definition("wage-arrears")
    assert definition["service_code"] == "wage-arrears"

    requests = client.get_service_requests()
    assert {r["service_request_id"] for r in requests} == {str(case.pk), str(other.pk)}
    one = client.get_service_requests(service_request_id=str(case.pk))
    one = one if isinstance(one, list) else [one]  # xmltodict gives a dict for one element
    assert one[0]["description"] == case.title
    assert one[0]["status"] == "open"
