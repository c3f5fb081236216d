"""The import pages (upload, map, check, commit, progress) and the export downloads: scoping,
streaming, no contact details, and round trips through export and import."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from redress.cases.models import Case
from redress.cases.services import ContactDetails
from redress.cases.testing import submit_case
from redress.dataio.models import ImportBatch, ImportStatus
from redress.dataio.testing import csv_bytes, hotline_row, table_counts
from redress.orgs.testing import Cast


def _upload(client: Client, data: bytes, name: str = "records.csv") -> ImportBatch:
    response = client.post(
        reverse("dataio:batches"),
        {
            "file": SimpleUploadedFile(name, data),
            "source_name": "12345 hotline",
            "channel": "hotline",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("id")


def test_upload_map_check_and_commit(client: Client, cast: Cast) -> None:
    client.force_login(cast.a_operator)
    batch = _upload(client, csv_bytes([hotline_row(1), hotline_row(2, received="bad")]))
    page = client.get(reverse("dataio:batch", args=[batch.pk])).content.decode()
    assert 'value="来电时间" selected' in page
    response = client.post(reverse("dataio:batch", args=[batch.pk]), batch.mapping)
    assert response.status_code == 302
    page = client.get(reverse("dataio:batch", args=[batch.pk])).content.decode()
    assert "commit-button" not in page and 'id="problems"' in page
    download = client.get(reverse("dataio:problems", args=[batch.pk]))
    assert isinstance(download, StreamingHttpResponse)
    lines = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert lines[1][:3] == ["3", "来电时间", "bad_date"]
    before = table_counts()
    client.post(reverse("dataio:commit", args=[batch.pk]))
    assert table_counts() == before

    good = _upload(client, csv_bytes([hotline_row(1), hotline_row(2)]))
    mapping = dict(good.mapping)
    client.post(reverse("dataio:batch", args=[good.pk]), mapping)
    page = client.get(reverse("dataio:batch", args=[good.pk])).content.decode()
    assert "commit-button" in page
    client.post(reverse("dataio:commit", args=[good.pk]))
    good.refresh_from_db()
    assert good.status == ImportStatus.COMMITTED and Case.objects.count() == 2
    progress = client.get(reverse("dataio:progress", args=[good.pk])).json()
    assert progress == {
        "status": "committed",
        "done": 2,
        "total": 2,
        "percent": 100,
        "imported": 2,
        "skipped": 0,
    }
    # The case page names the record it was imported from.
    case = Case.objects.get(source_record_id="RX000001")
    client.force_login(cast.a_director)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="source-record"' in page and "12345 hotline" in page and "RX000001" in page


def test_mapping_errors_are_field_named(client: Client, cast: Cast) -> None:
    client.force_login(cast.a_operator)
    batch = _upload(client, csv_bytes([hotline_row(1)]))
    mapping = dict(batch.mapping)
    mapping["description"] = mapping["received_at"]
    response = client.post(reverse("dataio:batch", args=[batch.pk]), mapping)
    assert response.status_code == 200
    assert "description" in response.context["form"].errors


def test_a_file_that_is_not_a_table_is_a_field_error(client: Client, cast: Cast) -> None:
    client.force_login(cast.a_operator)
    response = client.post(
        reverse("dataio:batches"),
        {
            "file": SimpleUploadedFile("x.xlsx", b"not a zip"),
            "source_name": "s",
            "channel": "letter",
        },
    )
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not ImportBatch.objects.exists()


def test_others_batches_are_404(client: Client, cast: Cast) -> None:
    client.force_login(cast.a_operator)
    batch = _upload(client, csv_bytes([hotline_row(1)]))
    for user in (cast.b_director, cast.a_handler):
        other = Client()
        other.force_login(user)
        for name in ("dataio:batch", "dataio:progress", "dataio:problems"):
            assert other.get(reverse(name, args=[batch.pk])).status_code == 404
        assert other.post(reverse("dataio:commit", args=[batch.pk])).status_code == 404
    assert Client().get(reverse("dataio:batch", args=[batch.pk])).status_code == 302
    county = Client()
    county.force_login(cast.county_director)
    assert county.get(reverse("dataio:batch", args=[batch.pk])).status_code == 200


def _read_csv(response: Any) -> list[dict[str, str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _cases(cast: Cast) -> list[Case]:
    contact = ContactDetails(name="张三", phone="13812345678")
    return [
        submit_case(jurisdiction=cast.village_a, contact=contact),
        submit_case(jurisdiction=cast.village_a, category_code="pollution", title="河道排污"),
        submit_case(jurisdiction=cast.village_b),
    ]


def test_case_export_is_streamed_scoped_and_has_no_contacts(client: Client, cast: Cast) -> None:
    mine, pollution, _other_town = _cases(cast)
    client.force_login(cast.a_handler)  # labour office of East Town: only its queue
    response = client.get(reverse("dataio:export", args=["cases", "csv"]))
    rows = _read_csv(response)
    assert [row["tracking_code"] for row in rows] == [mine.tracking_code]
    assert "description" not in rows[0]
    client.force_login(cast.a_director)
    url = reverse("dataio:export", args=["cases", "csv"]) + "?description=1"
    body = json.dumps(_read_csv(client.get(url)), ensure_ascii=False)
    assert "张三" not in body and "13812345678" not in body and "包工头失联" in body
    filtered = _read_csv(
        client.get(
            reverse("dataio:export", args=["cases", "csv"]) + f"?category={pollution.category_id}"
        )
    )
    assert [row["tracking_code"] for row in filtered] == [pollution.tracking_code]


def test_timelines_statistics_and_geojson(client: Client, cast: Cast) -> None:
    _cases(cast)
    client.force_login(cast.county_director)
    timeline = _read_csv(client.get(reverse("dataio:export", args=["timelines", "csv"])))
    assert [row["kind"] for row in timeline] == ["submitted"] * 3
    stats = _read_csv(client.get(reverse("dataio:export", args=["statistics", "csv"])))
    assert sorted((row["category_code"], row["area"], row["cases"]) for row in stats) == [
        ("pollution", "东村", "1"),
        ("wage-arrears", "东村", "1"),
        ("wage-arrears", "西村", "1"),
    ]
    assert {row["month"] for row in stats} == {"2026-03"}
    cast.village_a.latitude, cast.village_a.longitude = 30.1, 120.2
    cast.village_a.save()
    response = client.get(reverse("dataio:export", args=["cases", "geojson"]))
    collection = json.loads(b"".join(response.streaming_content))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["location"] for f in collection["features"]] == ["area", "area"]
    assert collection["features"][0]["geometry"]["coordinates"] == [120.2, 30.1]
    assert client.get(reverse("dataio:export", args=["statistics", "geojson"])).status_code == 404


def test_xlsx_export(client: Client, cast: Cast) -> None:
    _cases(cast)
    client.force_login(cast.county_director)
    response = client.get(reverse("dataio:export", args=["cases", "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "tracking_code" and len(rows) == 4


ROUND_TRIP_MAPPING = {
    "record_id": "tracking_code",
    "received_at": "submitted_at",
    "title": "title",
    "description": "description",
    "category": "category_code",
    "area": "area",
    "urgency": "urgency",
    "people_affected": "people_affected",
    "latitude": "latitude",
    "longitude": "longitude",
}
KEY_FIELDS = (
    "title",
    "description",
    "category_id",
    "jurisdiction_id",
    "urgency",
    "people_affected",
)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exports_round_trip_through_import(client: Client, cast: Cast, file_format: str) -> None:
    cases = _cases(cast)
    Case.objects.filter(pk=cases[1].pk).update(latitude=30.5, longitude=120.5)
    client.force_login(cast.county_director)
    url = reverse("dataio:export", args=["cases", file_format]) + "?description=1&sort=submitted"
    response = client.get(url)
    data = b"".join(response.streaming_content)
    expected = {
        case.tracking_code: row
        for case in cases
        for row in Case.objects.filter(pk=case.pk).values(*KEY_FIELDS, "latitude", "submitted_at")
    }
    # A fresh database: the cases go, the organisation stays.
    Case.objects.all().delete()
    batch = _upload(client, data, name=f"export.{file_format}")
    response = client.post(reverse("dataio:batch", args=[batch.pk]), ROUND_TRIP_MAPPING)
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.rows_bad == 0, list(batch.problems.values_list("line", "column", "message"))
    client.post(reverse("dataio:commit", args=[batch.pk]))
    imported = {
        values.pop("source_record_id"): values
        for values in Case.objects.filter(source_system=batch.source_name).values(
            "source_record_id", *KEY_FIELDS, "latitude", "submitted_at"
        )
    }
    assert imported == expected


def test_api_exports_are_scoped_and_streamed(client: Client, cast: Cast) -> None:
    mine, _pollution, _other = _cases(cast)
    client.force_login(cast.a_handler)
    response = client.get("/api/v1/exports/cases.csv")
    assert response.status_code == 200
    assert [row["tracking_code"] for row in _read_csv(response)] == [mine.tracking_code]
    assert client.get("/api/v1/exports/statistics.geojson").status_code == 404
    assert client.get("/api/v1/exports/people.csv").status_code == 422
    assert Client().get("/api/v1/exports/cases.csv").status_code == 401


def test_a_running_imports_progress_is_read_beside_the_batch(client: Client, cast: Cast) -> None:
    """The import's own transaction holds the batch row's lock; its progress is written to
    ImportProgress by a second connection and shown from there while it runs."""
    from redress.dataio.models import ImportProgress

    client.force_login(cast.a_operator)
    batch = _upload(client, csv_bytes([hotline_row(n) for n in range(1, 5)]))
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.COMMITTING, rows_total=4)
    ImportProgress.objects.create(batch=batch, done=3)
    progress = client.get(reverse("dataio:progress", args=[batch.pk])).json()
    assert (progress["done"], progress["percent"]) == (3, 75)
    page = client.get(reverse("dataio:batch", args=[batch.pk])).content.decode()
    assert '<span id="progress-done">3</span>' in page
