"""Scores pages and API: scoped to the directors, leaders and auditors of the jurisdiction;
the drill-down; the exports (a CJK font embedded in the PDF)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.urls import reverse

from redress.cases.testing import local_time
from redress.core import clock
from redress.orgs.testing import PASSWORD
from redress.scorecards.models import ScoreRun, ScoringScheme
from redress.scorecards.services import score_run_compute

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(cast, accepted_cases):  # type: ignore[no-untyped-def]
    with clock.frozen_at(local_time(2026, 1, 20, 9)):
        computed, _ = score_run_compute(
            jurisdiction=cast.county, year=2025, actor=cast.county_director
        )
    return computed


def login(client, username):  # type: ignore[no-untyped-def]
    assert client.login(username=username, password=PASSWORD)


@pytest.mark.parametrize("username", ["county_director", "county_leader", "auditor"])
def test_ranking_and_card_pages_for_the_county(client, cast, run, username):
    login(client, username)
    page = client.get(reverse("scorecards:ranking"), {"year": 2025})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="ranking"' in text and "东镇" in text
    card = run.cards.get(unit=cast.township_a)
    detail = client.get(reverse("scorecards:card", args=[card.pk])).content.decode()
    assert 'id="ind-acceptance_on_time"' in detail
    assert (
        run.cards.get(unit=cast.township_a).indicator("acceptance_on_time")["evidence"][0]["label"]
        in detail
    )


@pytest.mark.parametrize("username", ["a_director", "a_handler", "liaison", "a_operator"])
def test_others_get_404(client, cast, run, username):
    login(client, username)
    card = run.cards.first()
    assert client.get(reverse("scorecards:card", args=[card.pk])).status_code == 404
    assert client.get(reverse("scorecards:run", args=[run.pk])).status_code == 404
    assert client.get(reverse("scorecards:export", args=[run.pk, "csv"])).status_code == 404


def test_director_computes_from_the_page(client, cast, accepted_cases):
    login(client, "county_director")
    response = client.post(
        reverse("scorecards:compute"), {"year": 2025, "jurisdiction": cast.county.pk}
    )
    assert response.status_code == 302
    assert ScoreRun.objects.filter(jurisdiction=cast.county, year=2025).count() == 1


def test_exports(client, cast, run):
    login(client, "auditor")
    csv_response = client.get(reverse("scorecards:export", args=[run.pk, "csv"]))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("1,") and "东镇" in text
    xlsx = client.get(reverse("scorecards:export", args=[run.pk, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == 2 + run.cards.count()
    pdf = client.get(reverse("scorecards:export", args=[run.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("scorecards:export", args=[run.pk, "doc"])).status_code == 404
    if shutil.which("pdffonts"):
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf.content)
            handle.flush()
            fonts = subprocess.run(
                ["pdffonts", handle.name], capture_output=True, text=True, check=True
            ).stdout
        cjk = [line for line in fonts.splitlines() if "CJK" in line]
        assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column


def test_exports_write_formula_like_names_as_text(client, cast, run):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from redress.orgs.models import Jurisdiction

    unit = run.cards.order_by("rank").first().unit_id
    Jurisdiction.objects.filter(pk=unit).update(name_zh="=1+1", name_en="=1+1")
    Jurisdiction.objects.filter(pk=run.jurisdiction_id).update(name_zh="@x\x01", name_en="@x\x01")
    login(client, "auditor")
    csv_response = client.get(reverse("scorecards:export", args=[run.pk, "csv"]))
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert ",'=1+1," in text and ",=1+1," not in text
    xlsx = client.get(reverse("scorecards:export", args=[run.pk, "xlsx"]))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=1+1" in [cell.value for cell in cells]
    assert str(sheet["A1"].value).startswith("'@x\ufffd")


def test_scores_api(cast, run, api_as):
    auditor = api_as(cast.auditor)
    listed = auditor.get("/scores/runs", {"year": 2025}).json()["items"]
    assert [item["id"] for item in listed] == [run.pk]
    ranking = auditor.get("/scores/ranking", {"year": 2025}).json()
    assert [card["rank"] for card in ranking["cards"]] == [1, 2]
    card_id = ranking["cards"][0]["id"]
    detail = auditor.get(f"/scores/cards/{card_id}").json()
    assert {item["code"] for item in detail["indicators"]} >= {"acceptance_on_time"}
    assert "evidence" in detail["indicators"][0]
    assert api_as(cast.a_director).get(f"/scores/cards/{card_id}").status_code == 404
    assert api_as(cast.a_director).get(f"/scores/runs/{run.pk}").status_code == 404
    assert api_as(cast.liaison).get("/scores/runs").json()["items"] == []


def test_scores_api_compute_and_schemes(cast, accepted_cases, api_as):
    director = api_as(cast.county_director)
    body = {"jurisdiction_id": cast.county.pk, "year": 2025}
    first = director.post("/scores/runs", body, headers={"Idempotency-Key": "s-1"})
    again = director.post("/scores/runs", body, headers={"Idempotency-Key": "s-1"})
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    other = director.post(
        "/scores/runs",
        {"jurisdiction_id": cast.province.pk, "year": 2025},
        headers={"Idempotency-Key": "s-2"},
    )
    assert other.status_code == 400 and other.json()["detail"][0]["field"] == "jurisdiction_id"
    assert (
        api_as(cast.auditor)
        .post("/scores/runs", body, headers={"Idempotency-Key": "s-3"})
        .status_code
        == 403
    )

    schemes = director.get("/scores/schemes").json()["items"]
    assert any(item["level"] == "township" and not item["configured"] for item in schemes)
    admin = cast.auditor
    admin.role = "admin"
    admin.save()
    scheme = {
        "name": "乡镇考核",
        "indicators": [
            {"code": "acceptance_on_time", "weight": 60},
            {"code": "letters_on_time", "weight": 40},
        ],
        "veto_source": "unit_warnings",
        "veto_effect": "cap",
        "veto_cap": 60,
    }
    caller = api_as(admin)
    put = caller.client.put(
        "/api/v1/scores/schemes/township",
        data=__import__("json").dumps(scheme),
        content_type="application/json",
        headers={"Authorization": f"Bearer {caller.token}"},
    )
    assert put.status_code == 200, put.content
    assert ScoringScheme.objects.get(level="township").veto_effect == "cap"
    bad = dict(scheme, indicators=[{"code": "nope", "weight": 1}])
    refused = caller.client.put(
        "/api/v1/scores/schemes/township",
        data=__import__("json").dumps(bad),
        content_type="application/json",
        headers={"Authorization": f"Bearer {caller.token}"},
    )
    assert (
        refused.status_code == 400 and refused.json()["detail"][0]["field"] == "indicators[0].code"
    )


def test_the_ranking_page_queries_do_not_grow_with_units(
    client, cast, run, django_assert_max_num_queries
):
    login(client, "county_director")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("scorecards:run", args=[run.pk])).status_code == 200
