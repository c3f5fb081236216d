"""Imports a million hotline records from CSV into PostgreSQL and exports them again, printing
rows per second and each step's peak memory.

    bench/dataio_pg.sh [--rows 1000000]             # a private, durable PostgreSQL 15
    DATABASE_URL=postgres://... .venv/bin/python bench/dataio_bench.py [--rows N]

It migrates and builds the demo county (redress.demo.county), writes a seeded CSV of N records
whose Chinese text comes from the demo generator (record number, time received, description,
category, township, village, place, urgency, and for some a caller's name and phone), then runs
each step in a child process of its own, so that each peak (ru_maxrss) is that step's alone:

1. import: `manage.py import_records` as an operator would run it (the same service the import
   page uses: every row checked, all rows written in one transaction, contacts to the vault);
2. re-import of the same file: nothing added;
3. export: the work queue's CSV export of all the cases through the view (streamed);
4. (with --xlsx) the XLSX export.

Targets: import at least 5,000 rows/s; peak memory under 500 MB for each step."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("REDRESS_SECRET_KEY", "bench-secret-key-not-for-production")
# A throwaway vault key (the same for the child processes, which inherit it).
os.environ.setdefault("REDRESS_VAULT_KEYS", "YmVuY2gtdmF1bHQta2V5LW5vdC1mb3ItcHJvZHVjdGk=")

USERNAME = "director"  # the demo county's director: the whole county is in scope
SOURCE = "12345 hotline"
TEXTS_PER_VILLAGE = 60
HEADERS = [
    "工单编号",
    "来电时间",
    "诉求内容",
    "类别",
    "乡镇",
    "村",
    "地址",
    "紧急程度",
    "来电人",
    "联系电话",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def setup() -> None:
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("dataio_bench.py measures PostgreSQL: set DATABASE_URL (bench/dataio_pg.sh).")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(path: Path, *, rows: int, seed: int) -> None:
    from redress.cases.models import Category
    from redress.demo.generator import GrievanceGenerator, Place
    from redress.orgs.models import Jurisdiction, Level

    categories = {c.code: c.name_zh for c in Category.objects.all()}
    generator = GrievanceGenerator(seed, english_share=0.0)
    rng = random.Random(seed)
    pool: list[tuple[str, str, str, str, str, str]] = []
    villages = Jurisdiction.objects.filter(level=Level.VILLAGE).select_related("parent")
    for village in villages:
        township = village.parent
        assert township is not None
        place = Place(
            village.name_zh,
            village.name_en,
            township.name_zh,
            township.name_en,
            village.latitude,
            village.longitude,
            0.015,
            0.012,
        )
        for number in range(TEXTS_PER_VILLAGE):
            grievance = generator.grievance(place=place, month=1 + number % 12)
            urgency = "紧急" if grievance.people_affected >= 20 else "普通"
            pool.append(
                (
                    grievance.description,
                    categories[grievance.category_code],
                    township.name_zh,
                    village.name_zh,
                    grievance.location_text,
                    urgency,
                )
            )
    end = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1)
    span = 365 * 24 * 3600
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for number in range(rows):
            description, category, township, village, place, urgency = rng.choice(pool)
            received = end - dt.timedelta(seconds=rng.randrange(span))
            name = phone = ""
            if rng.random() < 0.6:
                name = rng.choice(SURNAMES) + rng.choice(("先生", "女士"))
                phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
            writer.writerow(
                [
                    f"12345-{number:08d}",
                    f"{received:%Y-%m-%d %H:%M:%S}",
                    description,
                    category,
                    township,
                    village,
                    place,
                    urgency,
                    name,
                    phone,
                ]
            )


def phase_import(path: Path) -> None:
    from django.core.management import call_command

    from redress.cases.models import Case

    before = Case.objects.count()
    started = time.monotonic()
    call_command(
        "import_records",
        str(path),
        user=USERNAME,
        source=SOURCE,
        channel="hotline",
        no_progress=True,
    )
    seconds = time.monotonic() - started
    added = Case.objects.count() - before
    with path.open("rb") as handle:
        rows = sum(1 for _ in handle) - 1
    print(
        f"RESULT import rows={rows} added={added} seconds={seconds:.1f} "
        f"rows_per_s={rows / seconds:,.0f} peak_mb={peak_mb():.0f}"
    )


def phase_export(file_format: str) -> None:
    from django.test import Client

    from redress.orgs.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    started = time.monotonic()
    response = client.get(f"/staff/data/exports/cases.{file_format}?status=all&sort=submitted")
    assert response.status_code == 200, response.status_code
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.monotonic() - started
    from redress.cases.models import Case

    rows = Case.objects.count()
    print(
        f"RESULT export_{file_format} rows={rows} bytes={size:,} seconds={seconds:.1f} "
        f"rows_per_s={rows / seconds:,.0f} peak_mb={peak_mb():.0f}"
    )


def child(*args: str) -> None:
    completed = subprocess.run(
        [sys.executable, __file__, *args], check=False, capture_output=True, text=True
    )
    if completed.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr[-4000:]}")
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT") or line.startswith("batch"):
            print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xlsx", action="store_true", help="also time the XLSX export")
    parser.add_argument("--csv", type=Path, default=ROOT / "var" / "bench" / "dataio_records.csv")
    parser.add_argument("--phase", choices=["import", "export_csv", "export_xlsx"])
    args = parser.parse_args()
    setup()
    if args.phase == "import":
        phase_import(args.csv)
        return
    if args.phase:
        phase_export(args.phase.removeprefix("export_"))
        return

    from django.core.management import call_command

    from redress.cases.models import Case
    from redress.demo.county import demo_county_build, demo_exists

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if Case.objects.exists():
        sys.exit("The database already holds cases; dataio_bench.py needs a fresh one.")
    if not demo_exists():
        demo_county_build(seed=args.seed)
    print(f"migrate and demo county: {time.monotonic() - started:.1f} s")
    args.csv.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    generate(args.csv, rows=args.rows, seed=args.seed)
    size = args.csv.stat().st_size / 1e6
    print(f"CSV of {args.rows:,} records, {size:,.0f} MB, in {time.monotonic() - started:.1f} s")
    print("import (manage.py import_records, one transaction, durable PostgreSQL):")
    child("--phase", "import", "--csv", str(args.csv))
    print("re-import of the same file (nothing to add):")
    child("--phase", "import", "--csv", str(args.csv))
    print("export of all the cases (work queue export view, streamed):")
    child("--phase", "export_csv")
    if args.xlsx:
        child("--phase", "export_xlsx")


if __name__ == "__main__":
    main()
