"""Loads N cases into PostgreSQL and times what grows with them: the staff work queue and a
pass of the clocks worker.

    bench/run_pg.sh [--cases 1000000]           # a private PostgreSQL 15, then this script
    DATABASE_URL=postgres://... .venv/bin/python bench/load_cases.py [--cases N]

It migrates, builds the demo county (redress.demo.county), then COPYs N cases whose text comes
from the demo generator and whose states follow a working office: about 8% open, the rest
answered or closed, and a backlog of about 1.2% due for the worker, as if it had been stopped
for --worker-lag-hours (a weekend). Each case gets its holding. After VACUUM ANALYZE it times
`redress.cases.selectors.case_queue` as the staff pages call it (first page of 50, open cases
in the user's scope, soonest due first) for township handlers, a township director and the
county director: median and p95 of --runs calls each, with EXPLAIN ANALYZE written to a file.
Then it times one `clocks_run_once` pass over everything that is due.

Targets: work queue under 100 ms; clocks pass under 60 s."""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import itertools
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# DEBUG stays off, as in production: Django then neither records nor formats every query.
os.environ.setdefault("REDRESS_SECRET_KEY", "bench-secret-key-not-for-production")

if TYPE_CHECKING:
    from redress.clocks.calendar import WorkingCalendar
    from redress.orgs.models import User

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # the tracking-code alphabet (cases.tracking)
QUEUE_USERS = ("handler", "handler2", "town_director", "director")
TEXTS_PER_VILLAGE = 600

# (state, share of all cases). "Window" states wait for the complainant; "pending" ones for
# the worker to close them. The open states add up to 8%.
STATES: tuple[tuple[str, float], ...] = (
    ("closed", 0.8765),
    ("merged", 0.005),
    ("resolved", 0.03),
    ("declined", 0.002),
    ("reviewed", 0.002),
    ("confirmed", 0.003),
    ("re_reviewed", 0.0015),
    ("received", 0.012),
    ("accepted", 0.006),
    ("assigned", 0.012),
    ("in_progress", 0.042),
    ("disputed", 0.004),
    ("under_review", 0.003),
    ("under_re_review", 0.001),
)
STAFF_STAGE = {
    "received": "acceptance",
    "accepted": "handling",
    "assigned": "handling",
    "in_progress": "handling",
    "under_review": "review",
    "under_re_review": "re_review",
}
WINDOW_STATES = {"resolved", "declined", "reviewed", "disputed"}
PENDING_STATES = {"confirmed", "re_reviewed"}
CHANNELS = ("web", "web", "web", "hotline", "hotline", "visit", "letter")


def setup() -> None:
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("load_cases.py measures PostgreSQL: set DATABASE_URL (bench/run_pg.sh does).")


@dataclass(frozen=True)
class Text:
    category_id: int
    default_kind: str
    urgency: str
    title: str
    description: str
    location_text: str
    people_affected: int
    latitude: float | None
    longitude: float | None
    answer: str


@dataclass(frozen=True)
class Village:
    pk: int
    path: str
    township_id: int


class Office:
    """What the loader needs to know about the county: its villages, who holds what, and the
    calendar deadlines run on."""

    def __init__(self) -> None:
        from redress.clocks.calendar import WorkingCalendar, weekend_days
        from redress.demo.holidays import holiday_days
        from redress.orgs.models import Department, Jurisdiction, Level, Role, User

        county = Jurisdiction.objects.get(level=Level.COUNTY, name_en="Qingshan County")
        self.villages = [
            Village(v.pk, v.path, v.parent_id or 0)
            for v in Jurisdiction.objects.filter(level=Level.VILLAGE, path__startswith=county.path)
        ]
        self.county_id = county.pk
        self.departments = {
            (d.jurisdiction_id, d.kind): d.pk for d in Department.objects.filter(is_active=True)
        }
        self.handlers = {u.department_id: u.pk for u in User.objects.filter(role=Role.HANDLER)}
        self.calendar: WorkingCalendar = WorkingCalendar(
            exceptions={day: kind for day, kind, _ in holiday_days()}, weekend_days=weekend_days()
        )


def make_texts(office: Office, *, seed: int, per_village: int) -> dict[int, list[Text]]:
    """Grievances written by the demo generator, per village (the text names its place)."""
    from redress.cases.models import Category
    from redress.demo.generator import GrievanceGenerator, Place
    from redress.orgs.models import Jurisdiction

    categories = {c.code: c for c in Category.objects.all()}
    generator = GrievanceGenerator(seed)
    places = Jurisdiction.objects.select_related("parent").in_bulk([v.pk for v in office.villages])
    texts: dict[int, list[Text]] = {}
    for village in office.villages:
        place_row = places[village.pk]
        assert place_row.parent is not None
        place = Place(
            place_row.name_zh,
            place_row.name_en,
            place_row.parent.name_zh,
            place_row.parent.name_en,
            place_row.latitude,
            place_row.longitude,
            0.015,
            0.012,
        )
        texts[village.pk] = []
        for number in range(per_village):
            grievance = generator.grievance(place=place, month=1 + number % 12)
            category = categories[grievance.category_code]
            texts[village.pk].append(
                Text(
                    category_id=category.pk,
                    default_kind=category.default_department_kind,
                    urgency=category.urgency,
                    title=grievance.title,
                    description=grievance.description,
                    location_text=grievance.location_text,
                    people_affected=grievance.people_affected,
                    latitude=grievance.latitude,
                    longitude=grievance.longitude,
                    answer=generator.answer(grievance),
                )
            )
    return texts


class CaseRows:
    """Rows for COPY into the cases table, in `columns` order. Fields this loader does not set
    take the model's default, so a new column does not break it. Written for speed: a million
    rows go through `row`."""

    def __init__(
        self,
        office: Office,
        texts: dict[int, list[Text]],
        *,
        now: dt.datetime,
        years: float,
        worker_lag: dt.timedelta,
        seed: int,
    ) -> None:
        from redress.cases.models import Case
        from redress.clocks.deadlines import ladder

        self.office = office
        self.texts = texts
        self.now = now
        self.span = dt.timedelta(days=365 * years)
        self.lag = worker_lag
        self.rng = random.Random(seed)
        self.ladder = [step.offset for step in ladder()]
        fields = [f for f in Case._meta.concrete_fields if not f.primary_key]
        self.columns = [f.column for f in fields]
        self.defaults: list[Any] = []
        for f in fields:
            value = f.get_default()
            self.defaults.append("{}" if isinstance(value, dict) else value)
        self.at = {f.attname: number for number, f in enumerate(fields)}
        self.state_names = [name for name, _ in STATES]
        self.state_cumulative = list(itertools.accumulate(share for _, share in STATES))
        # Tracking codes: base32 of random bytes, mapped onto the Crockford alphabet.
        self.to_crockford = bytes.maketrans(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", ALPHABET.encode("ascii")
        )

    def __iter__(self) -> Iterator[list[Any]]:
        rng = self.rng
        villages = self.office.villages
        names, cumulative = self.state_names, self.state_cumulative
        while True:
            state = rng.choices(names, cum_weights=cumulative)[0]
            village = rng.choice(villages)
            yield self.row(state, village, rng.choice(self.texts[village.pk]))

    def _tracking_code(self) -> str:
        encoded = base64.b32encode(self.rng.randbytes(8))[:12]
        return encoded.translate(self.to_crockford).decode("ascii")

    def _working_days(self, moment: dt.datetime, days: int) -> dt.datetime:
        return self.office.calendar.add_working_days(moment, days)

    def _due(self, start: dt.datetime, amount: int, unit: str) -> dt.datetime:
        if unit == "hours":
            return start + dt.timedelta(hours=amount)
        return self._working_days(start, amount)

    def _rung(self, due: dt.datetime, offset: int, unit: str) -> dt.datetime:
        if unit == "hours":
            return due + dt.timedelta(hours=offset)
        return self._working_days(due, offset)

    def row(self, state: str, village: Village, text: Text) -> list[Any]:
        rng, now, at, office = self.rng, self.now, self.at, self.office
        row = list(self.defaults)
        department = office.departments[(village.township_id, text.default_kind)]
        if rng.random() < 0.03:  # passed up to the county department
            department = office.departments.get((office.county_id, text.default_kind), department)

        recent = state not in ("closed", "merged")
        # Open and recently answered cases are recent, most of them very recent.
        age = RECENT * rng.random() ** 2 if recent else self.span * rng.random() ** 0.8
        submitted = now - age - dt.timedelta(minutes=rng.randint(0, 600))
        accepted = submitted + dt.timedelta(hours=rng.uniform(1, 200))
        answered = accepted + dt.timedelta(days=rng.uniform(3, 50))

        row[at["tracking_code"]] = self._tracking_code()
        row[at["title"]] = text.title
        row[at["description"]] = text.description
        row[at["category_id"]] = text.category_id
        row[at["jurisdiction_id"]] = village.pk
        row[at["jurisdiction_path"]] = village.path
        row[at["department_id"]] = department
        row[at["status"]] = state
        row[at["urgency"]] = text.urgency
        row[at["channel"]] = rng.choice(CHANNELS)
        row[at["location_text"]] = text.location_text
        row[at["latitude"]] = text.latitude
        row[at["longitude"]] = text.longitude
        row[at["people_affected"]] = text.people_affected
        row[at["is_anonymous"]] = rng.random() < 0.5
        row[at["submitted_at"]] = row[at["created_at"]] = row[at["updated_at"]] = submitted
        row[at["clock_stage"]] = "none"
        row[at["clock_unit"]] = "working_days"
        row[at["due_at"]] = row[at["next_action_at"]] = None
        if state != "received":
            row[at["accepted_at"]] = accepted
            row[at["assignee_id"]] = office.handlers.get(department)

        if not recent:
            closed = min(answered + dt.timedelta(days=rng.uniform(1, 40)), now)
            row[at["resolved_at"]] = answered
            row[at["answer"]] = text.answer
            row[at["closed_at"]] = row[at["updated_at"]] = closed
            return row
        if state in STAFF_STAGE:
            self._staff_clock(row, state, text, submitted, accepted, answered)
            return row
        if state in PENDING_STATES:
            # A final answer (confirmed, or re-reviewed) the worker has yet to close.
            moment = now - self.lag * rng.random()
            row[at["resolved_at"]] = moment - dt.timedelta(days=rng.uniform(20, 60))
            row[at["answer"]] = text.answer
            row[at["clock_stage"]] = "review_window"
            row[at["clock_started_at"]] = row[at["due_at"]] = row[at["next_action_at"]] = moment
            return row
        # Answered and waiting for the complainant. A window that lapsed before the worker
        # stopped would have been closed, so windows end after that.
        window_end = now - self.lag + WINDOW * rng.random()
        started = self._working_days(window_end, -30)
        row[at["resolved_at"]] = row[at["clock_started_at"]] = started
        if state == "declined":
            row[at["decline_reason"]] = DECLINE_REASON
        else:
            row[at["answer"]] = text.answer
        if state == "reviewed":
            row[at["review_answer"]] = REVIEW_ANSWER
        row[at["clock_stage"]] = "review_window"
        row[at["due_at"]] = row[at["next_action_at"]] = window_end
        return row

    def _staff_clock(
        self,
        row: list[Any],
        state: str,
        text: Text,
        submitted: dt.datetime,
        accepted: dt.datetime,
        answered: dt.datetime,
    ) -> None:
        """A running staff clock, and the escalation ladder as the worker would have left it
        when it stopped `lag` ago: rungs due before then are done, the next is pending."""
        rng, now, at = self.rng, self.now, self.at
        stage = STAFF_STAGE[state]
        start = submitted if stage == "acceptance" else accepted
        if stage in ("review", "re_review"):
            row[at["resolved_at"]] = answered
            row[at["answer"]] = text.answer
            start = min(answered + dt.timedelta(days=rng.uniform(1, 10)), now)
        if text.urgency == "urgent" and stage in ("acceptance", "handling"):
            amount, unit = (24 if stage == "acceptance" else 72), "hours"
        else:
            amount, unit = STAGE_WORKING_DAYS[stage], "working_days"
        due = self._due(start, amount, unit)
        row[at["clock_stage"]] = stage
        row[at["clock_started_at"]] = start
        row[at["clock_unit"]] = unit
        row[at["due_at"]] = due
        if stage == "handling" and rng.random() < 0.05:
            row[at["paused_at"]] = now - dt.timedelta(days=rng.uniform(0, 10))
            row[at["pause_reason"]] = "等待申请人补充材料。"
            return
        stopped = now - self.lag
        rungs = [self._rung(due, offset, unit) for offset in self.ladder]
        done = sum(1 for rung in rungs if rung <= stopped)
        row[at["escalation_step"]] = done
        row[at["next_action_at"]] = rungs[done] if done < len(rungs) else None


RECENT = dt.timedelta(days=120)
WINDOW = dt.timedelta(days=44)  # 30 working days, give or take holidays
STAGE_WORKING_DAYS = {"acceptance": 15, "handling": 60, "review": 30, "re_review": 30}
DECLINE_REASON = "该事项已进入诉讼程序，应通过诉讼途径解决，不予受理。"
REVIEW_ANSWER = "经复查，原处理意见认定事实清楚、处理恰当，予以维持。"


def load(office: Office, rows: CaseRows, count: int) -> float:
    """COPY the cases and their holdings; returns seconds taken."""
    from django.db import connection
    from tqdm import tqdm

    started = time.monotonic()
    connection.ensure_connection()
    raw = connection.connection
    columns = ", ".join(f'"{c}"' for c in rows.columns)
    with raw.cursor() as cursor:
        # The rows are consistent by construction; checking four foreign keys per row in
        # deferred triggers would hold millions of events and double the load time.
        cursor.execute("SET session_replication_role = replica")
        with cursor.copy(f"COPY cases_case ({columns}) FROM STDIN") as copy:
            for row in tqdm(
                _take(rows, count), total=count, unit="case", desc="COPY cases", mininterval=2
            ):
                copy.write_row(row)
        cursor.execute(
            "INSERT INTO cases_caseholding (case_id, department_id, started_at, ended_at, "
            "was_overdue) SELECT id, department_id, COALESCE(clock_started_at, submitted_at), "
            "closed_at, false FROM cases_case"
        )
        # A merged case points at an earlier case of the same village.
        cursor.execute(
            "UPDATE cases_case AS merged SET merged_into_id = ("
            " SELECT max(other.id) FROM cases_case AS other"
            " WHERE other.jurisdiction_id = merged.jurisdiction_id AND other.id < merged.id"
            " AND other.status <> 'merged') WHERE merged.status = 'merged'"
        )
        cursor.execute("SET session_replication_role = DEFAULT")
    raw.commit()
    return time.monotonic() - started


def _take(rows: CaseRows, count: int) -> Iterator[list[Any]]:
    for number, row in enumerate(rows):
        if number >= count:
            return
        yield row


def vacuum_analyze() -> float:
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        for table in ("cases_case", "cases_caseholding", "orgs_user", "orgs_department"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    return time.monotonic() - started


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def time_queue(user: User, runs: int) -> tuple[list[float], int, str]:
    """Times case_queue for one user; returns the samples in ms, rows and the SQL it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from redress.cases.selectors import case_queue

    with CaptureQueriesContext(connection) as captured:
        rows = case_queue(user=user)
    sql = captured.captured_queries[-1]["sql"]
    for _ in range(2):
        case_queue(user=user)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        case_queue(user=user)
        samples.append((time.perf_counter() - started) * 1000)
    return samples, len(rows), sql


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(line for (line,) in cursor.fetchall())


def measure_queues(runs: int, out: Path, label: str) -> dict[str, tuple[float, float]]:
    from redress.cases.selectors import case_list_for_user
    from redress.orgs.models import User

    results: dict[str, tuple[float, float]] = {}
    with out.open("a", encoding="utf-8") as report:
        for username in QUEUE_USERS:
            user = User.objects.select_related("jurisdiction", "department").get(username=username)
            in_scope = case_list_for_user(user=user).count()
            samples, count, sql = time_queue(user, runs)
            median, slowest = statistics.median(samples), p95(samples)
            results[username] = (median, slowest)
            unit = user.department or user.jurisdiction
            print(
                f"  {label:9} {username:14} {unit.name_en if unit else '':38} "
                f"scope {in_scope:>9,}  rows {count:2}  median {median:7.1f} ms  "
                f"p95 {slowest:7.1f} ms"
            )
            report.write(f"-- {label}: {username} ({in_scope:,} cases in scope)\n{sql};\n\n")
            report.write(explain(sql) + "\n\n")
    return results


# Indexes to try on the loaded data before proposing them for the models (--try-indexes).
# The last proposal, a partial index of open cases by due date, is now in the models.
PROPOSED_INDEXES: tuple[tuple[str, str], ...] = ()


def measure_pages(runs: int) -> None:
    """The work queue page as a user gets it: the whole view (scope, filters, count, first
    page of 50, template) through Django's test client, signed in."""
    from django.test import Client

    from redress.orgs.models import User

    for username in QUEUE_USERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        for _ in range(2):
            client.get("/staff/queue/")
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get("/staff/queue/")
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        print(
            f"  page      {username:14} median {statistics.median(samples):7.1f} ms  "
            f"p95 {p95(samples):7.1f} ms"
        )


def clocks_pass(now: dt.datetime) -> None:
    from redress.cases.models import Case
    from redress.cases.worker import clocks_run_once

    due = Case.objects.filter(next_action_at__lte=now).count()
    print(f"  due for the worker: {due:,} cases")
    started = time.monotonic()
    result = clocks_run_once(now=now)
    seconds = time.monotonic() - started
    print(
        f"  clocks pass: {seconds:.1f} s for {result.examined:,} cases "
        f"(reminders {result.reminders:,}, escalations {result.escalations:,}, "
        f"warnings {result.warnings:,}, closed {result.closed:,})"
    )
    started = time.monotonic()
    again = clocks_run_once(now=now)
    print(
        f"  next pass (nothing left due): {(time.monotonic() - started) * 1000:.1f} ms, "
        f"{again.examined} cases"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", type=float, default=4.0, help="span of the closed cases")
    parser.add_argument(
        "--worker-lag-hours",
        type=float,
        default=72.0,
        help="how long the worker has been stopped (a weekend): what it finds due",
    )
    parser.add_argument("--runs", type=int, default=20, help="timed calls per queue")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "queue_explain.txt")
    parser.add_argument(
        "--try-indexes",
        action="store_true",
        help="after the baseline, also time the queues with the proposed index",
    )
    args = parser.parse_args()

    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from redress.cases.models import Case
    from redress.demo.county import demo_county_build, demo_exists

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if Case.objects.exists():
        sys.exit("The database already holds cases; load_cases.py needs a fresh one.")
    if not demo_exists():
        demo_county_build(seed=args.seed)
    print(f"migrate and demo county: {time.monotonic() - started:.1f} s")

    office = Office()
    started = time.monotonic()
    texts = make_texts(office, seed=args.seed, per_village=TEXTS_PER_VILLAGE)
    print(
        f"texts: {sum(len(v) for v in texts.values()):,} grievances from the demo generator "
        f"in {time.monotonic() - started:.1f} s"
    )
    now = timezone.now()
    rows = CaseRows(
        office,
        texts,
        now=now,
        years=args.years,
        worker_lag=dt.timedelta(hours=args.worker_lag_hours),
        seed=args.seed,
    )
    seconds = load(office, rows, args.cases)
    print(f"loaded {args.cases:,} cases and holdings in {seconds:.1f} s")
    print(f"VACUUM ANALYZE: {vacuum_analyze():.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('cases_case'))")
        print(f"cases table with indexes: {cursor.fetchone()[0]}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(f"-- EXPLAIN ANALYZE of the work queue, {args.cases:,} cases\n\n")
    print(f"work queue (case_queue, first page of 50), {args.runs} runs each:")
    measure_queues(args.runs, args.out, "baseline")
    if args.try_indexes:
        with connection.cursor() as cursor:
            for name, ddl in PROPOSED_INDEXES:
                begun = time.monotonic()
                cursor.execute(ddl)
                cursor.execute("SELECT pg_size_pretty(pg_relation_size(%s))", [name])
                size = cursor.fetchone()[0]
                print(f"  created {name} ({size}) in {time.monotonic() - begun:.1f} s")
            cursor.execute("ANALYZE cases_case")
        measure_queues(args.runs, args.out, "proposed")
        with connection.cursor() as cursor:
            for name, _ in PROPOSED_INDEXES:
                cursor.execute(f"DROP INDEX {name}")
    print(f"  EXPLAIN ANALYZE written to {args.out}")
    print(f"work queue page (/staff/queue/, whole view), {args.runs} runs each:")
    measure_pages(args.runs)
    print("clocks worker:")
    clocks_pass(timezone.now())


if __name__ == "__main__":
    main()
