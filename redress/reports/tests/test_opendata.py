"""Open data: the fixed lattice, its suppression, and differencing attacks that must recover
nothing under the threshold."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from redress.cases.testing import local_time, submit_case
from redress.core.clock import frozen_at
from redress.reports.opendata import opendata_cells, opendata_dataset, totals_of

pytestmark = pytest.mark.django_db

NOW = local_time(2026, 11, 27, 10)
OCTOBER = local_time(2026, 10, 12, 10)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _make(cast, n: int, *, where=None, category: str = "wage-arrears", at=OCTOBER) -> None:  # type: ignore[no-untyped-def]
    with frozen_at(at):
        for _ in range(n):
            submit_case(
                jurisdiction=where or cast.village_a, category_code=category, title="私密标题"
            )


def _code(jurisdiction) -> str:  # type: ignore[no-untyped-def]
    return jurisdiction.code or str(jurisdiction.pk)


def _everything(client) -> list[bytes]:  # type: ignore[no-untyped-def]
    """Every answer the public can get, over every query shape the API accepts."""
    cache.clear()
    dataset = opendata_dataset(now=NOW)
    addresses = ["/stats/api/v1/", "/stats/api/v1/cells", "/stats/api/v1/cells.csv"]
    for by in ("", "month", "category", "area"):
        addresses.append(f"/stats/api/v1/totals?by={by}")
        addresses.append(f"/stats/api/v1/totals.csv?by={by}")
        for area in dataset.areas:
            addresses.append(f"/stats/api/v1/totals?by={by}&area={area.code}")
        for category in dataset.categories:
            addresses.append(f"/stats/api/v1/totals?by={by}&category={category.code}")
        for month in dataset.months:
            addresses.append(f"/stats/api/v1/totals?by={by}&month={month}")
    for area in dataset.areas:
        addresses.append(f"/stats/api/v1/cells?area={area.code}")
    answers = []
    with frozen_at(NOW):
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 200, address
            answers.append(response.content)
        page = client.get(reverse("reports:statistics"), HTTP_ACCEPT_LANGUAGE="en")
        # The page's language switch carries a fresh CSRF token each time; the figures do not.
        answers.append(re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page.content))
    return answers


def test_cells_are_published_above_the_threshold_only(client, cast):
    _make(cast, 6)
    _make(cast, 2, where=cast.village_b, category="pollution")
    _make(cast, 3, where=cast.county)  # on the county itself, not in a township
    _make(cast, 9, at=local_time(2026, 11, 20))  # this month: not yet published
    _make(cast, 7, at=local_time(2025, 10, 20))  # before the window
    dataset = opendata_dataset(now=NOW)
    assert dataset.months[0] == "2025-11" and dataset.months[-1] == "2026-10"
    cells = {(c.month, c.area, c.category): c.count for c in dataset.cells if c.count != 0}
    assert cells == {
        ("2026-10", _code(cast.township_a), "wage-arrears"): 6,
        ("2026-10", _code(cast.township_b), "pollution"): None,
        ("2026-10", _code(cast.county), "wage-arrears"): None,
    }
    with frozen_at(NOW):
        body = client.get("/stats/api/v1/cells?month=2026-10&category=pollution").json()
    west = next(c for c in body["cells"] if c["area"] == _code(cast.township_b))
    assert west == {
        "month": "2026-10",
        "area": _code(cast.township_b),
        "category": "pollution",
        "count": None,
        "suppressed": True,
    }
    assert body["suppressed_below"] == 5 and body["licence"]


def test_suppressed_values_do_not_change_any_answer(client, cast):
    """The strongest form of "no differencing": the whole output, over every query shape,
    is byte for byte the same whether a hidden cell holds 1 or 4; it changes when the cell
    reaches the threshold (so the comparison can fail)."""
    _make(cast, 6)
    _make(cast, 8, where=cast.village_b)
    _make(cast, 1, where=cast.village_b, category="pollution")
    before = _everything(client)
    _make(cast, 3, where=cast.village_b, category="pollution")  # 1 -> 4, still hidden
    assert _everything(client) == before
    _make(cast, 1, where=cast.village_b, category="pollution")  # 5: now published
    assert _everything(client) != before


def test_total_minus_visible_cells_recovers_nothing(client, cast):
    _make(cast, 6)
    _make(cast, 2, category="pollution")  # the only hidden cell of East Town in October
    with frozen_at(NOW):
        total = client.get(
            f"/stats/api/v1/totals?area={_code(cast.township_a)}&month=2026-10"
        ).json()["totals"][0]
        cells = client.get(
            f"/stats/api/v1/cells?area={_code(cast.township_a)}&month=2026-10"
        ).json()["cells"]
    visible = sum(c["count"] for c in cells if c["count"] is not None)
    assert total["published"] - visible == 0  # the attack yields zero, not 2
    assert (total["low"], total["high"], total["exact"]) == (7, 10, False)  # 6 + [1, 4]


def test_overlapping_queries_agree_on_shared_cells(client, cast):
    _make(cast, 6)
    _make(cast, 3, category="pollution")
    _make(cast, 5, where=cast.village_b, category="pollution")
    with frozen_at(NOW):
        by_area = client.get(f"/stats/api/v1/cells?area={_code(cast.township_a)}").json()
        by_category = client.get("/stats/api/v1/cells?category=pollution").json()
        all_areas = client.get("/stats/api/v1/totals?by=area&category=pollution").json()
        county = client.get("/stats/api/v1/totals?category=pollution").json()
    first = {(c["month"], c["area"], c["category"]): c["count"] for c in by_area["cells"]}
    second = {(c["month"], c["area"], c["category"]): c["count"] for c in by_category["cells"]}
    shared = first.keys() & second.keys()
    assert shared and all(first[key] == second[key] for key in shared)
    # The county's pollution total minus West Town's: only published cells remain.
    rest = county["totals"][0]["published"] - next(
        t["published"] for t in all_areas["totals"] if t["key"] == _code(cast.township_b)
    )
    assert rest == 0  # East Town's 3 pollution cases stay hidden
    east = next(t for t in all_areas["totals"] if t["key"] == _code(cast.township_a))
    assert east["published"] == 0 and east["suppressed_cells"] == 1


def test_formats_and_refusals(client, cast):
    _make(cast, 6)
    _make(cast, 2, category="pollution")
    with frozen_at(NOW):
        suffix = client.get("/stats/api/v1/cells.csv?month=2026-10")
        query = client.get("/stats/api/v1/cells?month=2026-10&format=csv")
        assert suffix.content == query.content
        assert suffix["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(suffix.content.decode())))
        east = next(
            r
            for r in rows
            if r["area"] == _code(cast.township_a) and r["category"] == "wage-arrears"
        )
        assert (
            east["count"] == "6"
            and east["suppressed"] == "false"
            and east["area_name_zh"] == "东镇"
        )
        hidden = next(r for r in rows if r["count"] == "" and r["suppressed"] == "true")
        assert hidden
        totals = client.get("/stats/api/v1/totals.csv?by=month").content.decode()
        assert totals.splitlines()[0] == "key,published,suppressed_cells,low,high,exact"
        for address, field in (
            ("/stats/api/v1/cells?month=2026-11", "month"),  # not completed
            ("/stats/api/v1/cells?month=2026-10-01", "month"),
            ("/stats/api/v1/cells?area=nowhere", "area"),
            ("/stats/api/v1/cells?category=nothing", "category"),
            ("/stats/api/v1/cells?format=xml", "format"),
            ("/stats/api/v1/totals?by=day", "by"),
        ):
            response = client.get(address)
            assert response.status_code == 400, address
            assert response.json()["detail"][0]["field"] == field
        everything = b"".join(_everything(client))
    assert "私密标题".encode() not in everything
    assert json.loads(client.get("/stats/api/v1/").content)["categories"]


def test_documentation_and_statistics_pages(client, cast):
    _make(cast, 6)
    _make(cast, 2, where=cast.village_b)
    with frozen_at(NOW):
        docs = client.get(reverse("reports:opendata_docs"), HTTP_ACCEPT_LANGUAGE="en")
        page = client.get(reverse("reports:statistics"), HTTP_ACCEPT_LANGUAGE="en")
    assert docs.status_code == 200 and "CC BY 4.0" in docs.content.decode()
    text = page.content.decode()
    assert page.status_code == 200
    assert "7–10" in text  # 6 visible + one hidden cell of 1 to 4
    assert reverse("reports:opendata_docs") in text


def test_totals_are_sums_of_published_cells(cast):
    _make(cast, 6)
    _make(cast, 4, category="pollution")
    dataset = opendata_dataset(now=NOW)
    cells = opendata_cells(dataset, month="2026-10")
    (total,) = totals_of(cells, by=None)
    assert total.published == 6 and total.suppressed_cells == 1


def test_csv_writes_formula_like_names_as_text(client, cast):  # type: ignore[no-untyped-def]
    from redress.orgs.models import Jurisdiction

    Jurisdiction.objects.filter(pk=cast.township_a.pk).update(name_zh="=1+1", name_en="+1")
    _make(cast, 6)
    with frozen_at(NOW):
        text = client.get("/stats/api/v1/cells.csv?month=2026-10").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    east = next(r for r in rows if r["area"] == _code(cast.township_a))
    assert east["area_name_zh"] == "'=1+1"
