"""earlywarning_scan: strictly prospective, and bad input is a CommandError naming the line
and column, never a traceback."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from redress.earlywarning.synthetic import generate

FIRST = dt.date(2025, 1, 1)


def write_counts(path: Path, rows: list[tuple[str, str, dt.date, int]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["area", "category", "date", "count"])
        for area, category, day, count in rows:
            writer.writerow([area, category, day.isoformat(), count])


def synthetic_rows(days: int = 300) -> list[tuple[str, str, dt.date, int]]:
    table = generate(seed=4, rows=3, cols=3, categories=2, days=days)
    table.counts[table.series(4, 1), 250:257] += 8
    rows = []
    for series, day in zip(*np.nonzero(table.counts), strict=True):
        area, category = divmod(int(series), 2)
        rows.append(
            (
                f"A{area}",
                f"c{category}",
                FIRST + dt.timedelta(days=int(day)),
                int(table.counts[series, day]),
            )
        )
    return rows


def scan(
    tmp_path: Path, rows, *, date_from: str, date_to: str, name: str, neighbours=None
) -> list[dict]:
    counts = tmp_path / f"{name}.csv"
    out = tmp_path / f"{name}-alerts.csv"
    write_counts(counts, rows)
    arguments = ["--counts", str(counts), "--from", date_from, "--to", date_to, "--out", str(out)]
    if neighbours:
        neighbour_file = tmp_path / f"{name}-neighbours.csv"
        neighbour_file.write_text("area,neighbor\n" + "".join(f"{a},{b}\n" for a, b in neighbours))
        arguments += ["--neighbors", str(neighbour_file)]
    call_command("earlywarning_scan", *arguments)
    with out.open() as handle:
        return list(csv.DictReader(handle))


def test_finds_the_surge_and_writes_the_required_columns(tmp_path):
    rows = synthetic_rows()
    found = scan(tmp_path, rows, date_from="2025-08-20", date_to="2025-10-27", name="all")
    assert set(found[0]) >= {"area", "category", "date", "score"}
    surge_days = {(FIRST + dt.timedelta(days=d)).isoformat() for d in range(250, 257)}
    assert any(
        r["area"] == "A4" and r["category"] == "c1" and r["date"] in surge_days for r in found
    )


def test_output_for_earlier_days_is_unchanged_by_later_counts(tmp_path):
    """Prospective: the rows of days up to D are the same whether the file ends at D or goes on
    (with more counts, a new area and a new category appearing only later)."""
    rows = synthetic_rows()
    cut = FIRST + dt.timedelta(days=255)
    early = [row for row in rows if row[2] <= cut]
    pairs = [("A3", "A4"), ("A4", "A5"), ("A0", "A1"), ("A1", "NEW")]
    before = scan(
        tmp_path,
        early,
        date_from="2025-08-01",
        date_to=cut.isoformat(),
        name="early",
        neighbours=pairs,
    )
    later = [
        *rows,
        ("A0", "c0", cut + dt.timedelta(days=1), 40),
        ("NEW", "c0", cut + dt.timedelta(days=2), 5),
        ("A1", "NEWCAT", cut + dt.timedelta(days=3), 9),
    ]
    after = scan(
        tmp_path,
        later,
        date_from="2025-08-01",
        date_to="2025-10-27",
        name="later",
        neighbours=pairs,
    )
    assert before
    assert [r for r in after if r["date"] <= cut.isoformat()] == before


def test_neighbours_join_a_cluster(tmp_path):
    rows = synthetic_rows()
    rows += [("A3", "c1", FIRST + dt.timedelta(days=d), 9) for d in range(250, 257)]
    pairs = [("A3", "A4"), ("A4", "A5")]
    found = scan(
        tmp_path, rows, date_from="2025-09-05", date_to="2025-09-15", name="n", neighbours=pairs
    )
    clusters = {r["cluster"] for r in found if r["area"] == "A4" and r["category"] == "c1"}
    assert "A3 A4" in clusters


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("area,category,date,count\nA,c,2025-13-01,3\n", "line 2: column 'date'"),
        (
            "area,category,date,count\nA,c,2025-01-01,3\nA,c,2025-01-02,-1\n",
            "line 3: column 'count' is negative",
        ),
        ("area,category,date,count\nA,c,2025-01-01,many\n", "line 2: column 'count'"),
        ("area,category,day,count\nA,c,2025-01-01,3\n", "line 1: unknown column 'day'"),
        ("area,category,date\nA,c,2025-01-01\n", "line 1: missing column 'count'"),
        ("area,category,date,count\n,c,2025-01-01,3\n", "line 2: column 'area' is empty"),
    ],
)
def test_bad_csv_is_a_command_error_naming_line_and_column(tmp_path, content, message):
    counts = tmp_path / "bad.csv"
    counts.write_text(content)
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message):
        call_command(
            "earlywarning_scan",
            "--counts",
            str(counts),
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-05",
            "--out",
            str(out),
        )
    assert not out.exists()


def test_bad_dates_and_files_are_command_errors(tmp_path):
    out = str(tmp_path / "out.csv")
    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "earlywarning_scan",
            "--counts",
            "x",
            "--from",
            "soon",
            "--to",
            "2025-01-01",
            "--out",
            out,
        )
    with pytest.raises(CommandError, match="after"):
        call_command(
            "earlywarning_scan",
            "--counts",
            "x",
            "--from",
            "2025-02-01",
            "--to",
            "2025-01-01",
            "--out",
            out,
        )
    with pytest.raises(CommandError, match="cannot read"):
        call_command(
            "earlywarning_scan",
            "--counts",
            str(tmp_path / "none.csv"),
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-02",
            "--out",
            out,
        )
    neighbours = tmp_path / "nb.csv"
    neighbours.write_text("area,next\n")
    counts = tmp_path / "c.csv"
    counts.write_text("area,category,date,count\n")
    with pytest.raises(CommandError, match="unknown column 'next'"):
        call_command(
            "earlywarning_scan",
            "--counts",
            str(counts),
            "--neighbors",
            str(neighbours),
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-02",
            "--out",
            out,
        )
