"""Faults under load: what is acknowledged is stored once, and the worker comes back by itself.

    .venv/bin/python bench/faults.py            # about 3 minutes
    .venv/bin/python bench/faults.py --quick    # under 90 s

Needs root (the private PostgreSQL runs as the postgres user) and /usr/lib/postgresql/15/bin.
Everything runs on 127.0.0.1: a durable PostgreSQL 15 of its own in a temporary directory (fsync
and synchronous commit on), gunicorn (2 workers x 4 threads) and `run_clocks`, and a load
generator in this process (threads + http.client, one connection each, every POST with a
description no other request has, so each stored row names the request it came from).

  1. gunicorn: intake load; kill -9 of one worker, later kill -9 of the master and a restart.
  2. PostgreSQL: intake load with the worker looping; pg_ctl restart -m fast, later
     -m immediate (a crash: the server recovers from its WAL). The worker is never restarted:
     its recovery is the time from PostgreSQL answering again to the worker's next successful
     pass on its heartbeat (clocks_workerpass).
  3. run_clocks: the first 6,000 stored cases (2,000 quick) made due for their whole ladder;
     `run_clocks --once` killed with -9 in the middle of the pass, then started again.

Then it compares the requests answered 200 with a service_request_id with the rows stored
(lost: acknowledged but absent; doubled: one description stored twice), counts the 5xx and
refused connections during each outage, and looks for a ladder step written twice (same case,
same step). Targets: nothing acknowledged lost or doubled; the worker back within 30 s of
PostgreSQL's return without a restart; no ladder step twice. Exits 1 if a target is missed."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import open311_load  # noqa: E402  (sets the environment Django needs, then builds the county)

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PYTHON = str(ROOT / ".venv/bin/python")
LADDER = ("reminder", "escalated", "warning")
AS_POSTGRES = ("runuser", "-u", "postgres", "--")
INITDB = ("--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")


@dataclass
class Answer:
    at: float
    status: int  # 0: no HTTP answer (refused, reset, timed out)
    request_id: str | None
    description: str


@dataclass
class Load:
    """Threads posting Open311 requests until stopped; every answer kept, in order."""

    port: int
    key: str
    threads: int
    phase: str
    answers: list[Answer] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _workers: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        for number in range(self.threads):
            thread = threading.Thread(target=self._run, args=(number,), daemon=True)
            thread.start()
            self._workers.append(thread)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._workers:
            thread.join(timeout=15)

    def _run(self, number: int) -> None:
        connection: http.client.HTTPConnection | None = None
        sent = 0
        while not self._stop.is_set():
            sent += 1
            description = f"fault bench {self.phase} {number}-{sent}"
            body = urllib.parse.urlencode(
                {
                    "api_key": self.key,
                    "jurisdiction_id": "330100",
                    "service_code": "pollution",
                    "lat": "30.25",
                    "long": "120.15",
                    "description": description,
                    "email": "bench@example.org",
                }
            )
            status, request_id = 0, None
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request(
                    "POST",
                    "/open311/v2/requests.json",
                    body,
                    {"Content-Type": "application/x-www-form-urlencoded"},
                )
                response = connection.getresponse()
                payload = response.read()
                status = response.status
                if status in (200, 201):
                    request_id = json.loads(payload)[0].get("service_request_id")
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException, ValueError):
                if connection is not None:
                    connection.close()
                connection = None
                time.sleep(0.05)  # a refused connection answers at once; do not spin
            with self._lock:
                self.answers.append(Answer(time.monotonic(), status, request_id, description))

    def between(self, start: float, end: float) -> list[Answer]:
        with self._lock:
            return [answer for answer in self.answers if start <= answer.at < end]


class Postgres:
    def __init__(self, port: int) -> None:
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="redress-faults-pg."))
        shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self.url = f"postgres://postgres@127.0.0.1:{port}/redress"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                *args,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def start(self) -> None:
        subprocess.run(
            [*AS_POSTGRES, str(PG_BIN / "initdb"), "-D", str(self.data), *INITDB],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # Durability at its defaults (fsync, synchronous_commit, full_page_writes on).
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
            "-c shared_buffers=256MB -c max_connections=100"
        )
        self._ctl("-l", str(self.dir / "log"), "-w", "-o", options, "start")
        subprocess.run(
            [
                *AS_POSTGRES,
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                f"{self.port}",
                "redress",
            ],
            check=True,
        )

    def restart(self, mode: str) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
            "-c shared_buffers=256MB -c max_connections=100"
        )
        self._ctl("-l", str(self.dir / "log"), "-w", "-m", mode, "-o", options, "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def query(url: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as connection:
        return list(connection.execute(sql).fetchall())


SPAWNED: list[subprocess.Popen[bytes]] = []  # ended however the bench ends
LOG = Path(tempfile.gettempdir()) / "redress-faults.log"


def spawn(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    with LOG.open("ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    SPAWNED.append(process)
    return process


def end_spawned() -> None:
    for process in SPAWNED:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in SPAWNED:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for_server(port: int, timeout: float = 90.0) -> None:
    """Until the server answers at all: /healthz may rightly say 503 (the worker is stale)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            body = response.read()
            connection.close()
            if response.status == 200:
                return
            print(f"  /healthz answered {response.status}: {body.decode()!r}", flush=True)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer on port {port}; see {LOG}")


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return spawn(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"),
            *("--worker-class", "gthread", "--reuse-port", "--log-level", "error"),
        ],
        env,
    )


def server_workers(master: int) -> list[int]:
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                workers.append(int(entry.name))
    return sorted(workers)


def outage(answers: list[Answer]) -> tuple[int, int, float]:
    """5xx answers, answers that never came (refused, reset), and the longest run of seconds
    without an acknowledged request."""
    errors = sum(1 for a in answers if a.status >= 500)
    no_answer = sum(1 for a in answers if a.status == 0)
    longest, last_ok = 0.0, answers[0].at if answers else 0.0
    for answer in answers:
        if answer.request_id is not None:
            longest = max(longest, answer.at - last_ok)
            last_ok = answer.at
    return errors, no_answer, longest


def phase_server(args: argparse.Namespace, key: str, env: dict[str, str]) -> tuple[Load, list[str]]:
    seconds = args.seconds
    server = start_server(args.port, env)
    wait_for_server(args.port)
    load = Load(args.port, key, args.load_threads, "server")
    lines = []
    try:
        load.start()
        time.sleep(seconds / 3)
        victim = server_workers(server.pid)[0]
        killed = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        time.sleep(seconds / 3)
        errors, no_answer, gap = outage(load.between(killed, time.monotonic()))
        lines.append(
            f"gunicorn worker kill -9     5xx {errors:4d}  no answer {no_answer:4d}  "
            f"longest gap {gap:5.2f} s"
        )
        killed = time.monotonic()
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        time.sleep(1)  # an operator's (or systemd's) restart
        server = start_server(args.port, env)
        wait_for_server(args.port)
        time.sleep(seconds / 3)
        errors, no_answer, gap = outage(load.between(killed, time.monotonic()))
        lines.append(
            f"gunicorn master kill -9     5xx {errors:4d}  no answer {no_answer:4d}  "
            f"longest gap {gap:5.2f} s  (restarted after 1 s)"
        )
    finally:
        load.stop()
    return load, lines


def worker_heartbeat(url: str) -> float | None:
    rows = query(
        url, "SELECT extract(epoch FROM last_success_at) FROM clocks_workerpass WHERE name='cases'"
    )
    return float(rows[0][0]) if rows and rows[0][0] is not None else None  # type: ignore[arg-type]


def wait_for_heartbeat_after(url: str, moment: float, timeout: float) -> float | None:
    """Seconds from `moment` (wall clock) to the worker's next successful pass, or None."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            beat = worker_heartbeat(url)
        except Exception:
            beat = None
        if beat is not None and beat > moment:
            return beat - moment
        time.sleep(0.2)
    return None


def phase_postgres(
    args: argparse.Namespace, key: str, env: dict[str, str], postgres: Postgres
) -> tuple[Load, list[str], list[float | None], bool]:
    worker = spawn([PYTHON, "manage.py", "run_clocks", "--interval", "1"], env)
    lines: list[str] = []
    recoveries: list[float | None] = []
    load = Load(args.port, key, args.load_threads, "postgres")
    try:
        if wait_for_heartbeat_after(postgres.url, time.time() - 1, 60) is None:
            raise SystemExit("the worker never made a first pass")
        load.start()
        for mode in ("fast", "immediate"):
            time.sleep(args.seconds / 3)
            down = time.monotonic()
            postgres.restart(mode)
            back_wall, back = time.time(), time.monotonic()
            recovery = wait_for_heartbeat_after(postgres.url, back_wall, 45)
            recoveries.append(recovery)
            time.sleep(max(0.0, args.seconds / 3 - (time.monotonic() - back)))
            window = load.between(down, time.monotonic())
            errors, no_answer, gap = outage(window)
            statuses = sorted({a.status for a in window if a.status >= 500})
            after = [a for a in window if a.at >= back + 1]
            late = sum(1 for a in after if a.status >= 500 or a.status == 0)
            shown = f"{recovery:5.2f} s" if recovery is not None else "NOT BACK"
            lines.append(
                f"PostgreSQL restart -m {mode:9s} down {back - down:4.1f} s  "
                f"5xx {errors:4d} {statuses}  "
                f"no answer {no_answer:4d}  errors >1 s after {late:3d}  longest gap "
                f"{gap:5.2f} s  worker back {shown}"
            )
        time.sleep(args.seconds / 3)
    finally:
        load.stop()
        same_worker = worker.poll() is None
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
    return load, lines, recoveries, same_worker


def phase_worker_kill(env: dict[str, str], url: str, due: int) -> tuple[list[str], int]:
    """Make every case due for its whole ladder (as of a time far ahead), kill -9 the pass when
    about a third of the steps are written, run it again, and look for a step written twice."""
    # Bounded in time: only the first `due` cases keep a clock, the others are left alone.
    query(
        url,
        "UPDATE cases_case SET next_action_at = NULL WHERE id NOT IN "
        f"(SELECT id FROM cases_case WHERE next_action_at IS NOT NULL ORDER BY id LIMIT {due}) "
        "RETURNING 1",
    )
    cases = int(
        query(url, "SELECT count(*) FROM cases_case WHERE next_action_at IS NOT NULL")[0][0]
    )  # type: ignore[call-overload]
    expected = cases * len(LADDER)
    ahead = (dt.datetime.now(dt.UTC) + dt.timedelta(days=120)).isoformat()
    command = [PYTHON, "manage.py", "run_clocks", "--now", ahead, "--batch-size", "500"]
    ladder_sql = (
        "SELECT count(*) FROM cases_caseevent WHERE kind IN ("
        + ", ".join(f"'{kind}'" for kind in LADDER)
        + ")"
    )
    started = time.monotonic()
    first = spawn(command, env)
    written = 0
    while first.poll() is None:
        written = int(query(url, ladder_sql)[0][0])  # type: ignore[call-overload]
        if written >= expected / 3:
            first.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    first.wait()
    killed_at = int(query(url, ladder_sql)[0][0])  # type: ignore[call-overload]
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
    total = int(query(url, ladder_sql)[0][0])  # type: ignore[call-overload]
    doubled = int(
        query(
            url,
            "SELECT count(*) FROM (SELECT case_id, kind, data->>'step' FROM cases_caseevent "
            "WHERE kind IN (" + ", ".join(f"'{kind}'" for kind in LADDER) + ") "
            "GROUP BY 1, 2, 3 HAVING count(*) > 1) AS twice",
        )[0][0]  # type: ignore[call-overload]
    )
    records_doubled = int(
        query(
            url,
            "SELECT count(*) FROM (SELECT case_id, kind, due_at FROM clocks_unitrecordentry "
            "GROUP BY 1, 2, 3 HAVING count(*) > 1) AS twice",
        )[0][0]  # type: ignore[call-overload]
    )
    line = (
        f"run_clocks kill -9 mid-pass  {cases} cases due x {len(LADDER)} steps: "
        f"{killed_at} written when killed, {total} after the rerun (expected {expected}), "
        f"steps twice {doubled}, warnings twice {records_doubled} "
        f"({time.monotonic() - started:.1f} s)"
    )
    return [line], doubled + records_doubled + (expected - total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="shorter phases (under 90 s)")
    parser.add_argument("--port", type=int, default=18312)
    parser.add_argument("--pg-port", type=int, default=55447)
    parser.add_argument("--load-threads", type=int, default=8)
    args = parser.parse_args()
    args.seconds = 9 if args.quick else 45
    args.due = 2000 if args.quick else 6000
    begun = time.monotonic()
    postgres = Postgres(args.pg_port)
    LOG.write_bytes(b"")
    try:
        postgres.start()
        os.environ["DATABASE_URL"] = postgres.url
        key = open311_load.setup_database()
        env = dict(os.environ, REDRESS_LOG_LEVEL="ERROR")  # production settings otherwise
        server_load, lines = phase_server(args, key, env)
        pg_load, pg_lines, recoveries, same_worker = phase_postgres(args, key, env, postgres)
        lines += pg_lines
        worker_lines, ladder_problems = phase_worker_kill(env, postgres.url, args.due)
        lines += worker_lines
        answers = server_load.answers + pg_load.answers
        acknowledged = {a.description: a.request_id for a in answers if a.request_id}
        stored: dict[str, list[int]] = {}
        for case_id, description in query(
            postgres.url, "SELECT id, description FROM cases_case WHERE channel = 'open311'"
        ):
            stored.setdefault(str(description), []).append(int(case_id))  # type: ignore[call-overload]
        lost = [d for d in acknowledged if d not in stored]
        wrong_id = [
            d for d, rid in acknowledged.items() if d in stored and int(rid) not in stored[d]
        ]
        doubled = [d for d, ids in stored.items() if len(ids) > 1]
        unacknowledged = [d for d in stored if d not in acknowledged]
    finally:
        end_spawned()
        postgres.stop()
    print(f"faults bench ({'quick' if args.quick else 'full'}), {args.load_threads} client threads")
    for line in lines:
        print("  " + line)
    print(
        f"  requests sent {len(answers)}, acknowledged {len(acknowledged)}, stored "
        f"{sum(len(ids) for ids in stored.values())}; lost {len(lost)}, doubled {len(doubled)}, "
        f"wrong id {len(wrong_id)}, stored without an answer {len(unacknowledged)}"
    )
    worst = max((r if r is not None else float("inf")) for r in recoveries)
    shown = ", ".join(f"{r:.2f} s" if r is not None else "never" for r in recoveries)
    print(
        f"  worker: recovered in {shown}"
        f" without a restart ({'same process' if same_worker else 'THE WORKER DIED'})"
    )
    print(f"  whole bench {time.monotonic() - begun:.0f} s")
    missed = []
    if lost or doubled or wrong_id:
        missed.append("acknowledged requests lost or doubled")
    if worst > 30 or not same_worker:
        missed.append("worker not back within 30 s without a restart")
    if ladder_problems:
        missed.append("a ladder step missing or written twice")
    if missed:
        raise SystemExit("MISSED: " + "; ".join(missed))
    print("  targets met: nothing acknowledged lost or doubled, worker back < 30 s, no step twice")


if __name__ == "__main__":
    main()
