"""Open311 intake under load, through the production server, into durable PostgreSQL.

    bench/with_postgres.sh .venv/bin/python bench/open311_load.py [--seconds 20]

Starts gunicorn (2 workers) on loopback, drives it from a second process (wrk) first at a
trivial endpoint (/healthz: the server's ceiling) and then with Open311 POST requests, side by
side in one run, and checks that every accepted request is a row in the database."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("REDRESS_SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("REDRESS_VAULT_KEYS", "X2Nvbm5lY3Rpb24tYmVuY2gta2V5LTAwMDAwMDAwMDA=")


def setup_database() -> str:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from redress.cases.models import Case
    from redress.open311.keys import api_client_create
    from redress.open311.models import ApiClient
    from redress.orgs.models import Jurisdiction
    from redress.orgs.testing import build_cast

    if not Jurisdiction.objects.filter(code="330100").exists():
        cast = build_cast()
        cast.county.code = "330100"
        cast.county.save()
        cast.village_a.latitude, cast.village_a.longitude = 30.25, 120.15
        cast.village_a.boundary_geojson = {
            "type": "Polygon",
            "coordinates": [
                [[120.1, 30.2], [120.2, 30.2], [120.2, 30.3], [120.1, 30.3], [120.1, 30.2]]
            ],
        }
        cast.village_a.save()
    Case.objects.all().delete()
    ApiClient.objects.filter(name="bench").delete()
    _client, key = api_client_create(name="bench", requests_per_minute=10_000_000)
    from django.db import connection

    connection.close()
    return key


def count_cases() -> int:
    from redress.cases.models import Case

    return Case.objects.filter(channel="open311").count()


def wait_for(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def worker_cpu_seconds(master_pid: int) -> dict[int, float]:
    """CPU time used so far by each worker process of the server (children of its master)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return used


def worker_shares(before: dict[int, float], after: dict[int, float]) -> str:
    spent = [after[pid] - before.get(pid, 0.0) for pid in sorted(after)]
    total = sum(spent) or 1.0
    return " / ".join(f"{share / total:.0%}" for share in spent)


def run_wrk(
    url: str, seconds: int, connections: int, script: Path | None, env: dict[str, str]
) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, env=env, check=True
    ).stdout
    result: dict[str, float] = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "requests": float(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
    }
    for label, key in (("50%", "p50"), ("99%", "p99")):
        match = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s)", output)
        if match:
            value, unit = float(match.group(1)), match.group(2)
            result[key] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    for name in ("ACCEPTED", "REFUSED"):
        match = re.search(rf"{name} (\d+)", output)
        if match:
            result[name.lower()] = float(match.group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = float(errors.group(1)) if errors else 0.0
    socket_errors = re.search(r"Socket errors: (.*)", output)
    result["socket_errors"] = socket_errors.group(1) if socket_errors else "none"  # type: ignore[assignment]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=18311)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=4, help="gunicorn threads per worker (gthread)"
    )
    args = parser.parse_args()
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        raise SystemExit("Set DATABASE_URL to PostgreSQL (run through bench/with_postgres.sh).")
    key = setup_database()
    env = dict(os.environ, OPEN311_API_KEY=key, REDRESS_LOG_LEVEL="WARNING")
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--worker-class",
            "gthread" if args.threads > 1 else "sync",
            # A listening socket per worker, so the kernel spreads wrk's keep-alive connections
            # over both. On one shared socket the worker that wakes first may accept all of
            # them, and the other serves nothing while its core idles.
            "--reuse-port",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_for(f"{base}/healthz")
        run_wrk(f"{base}/healthz", 3, args.connections, None, env)  # warm-up
        before = worker_cpu_seconds(server.pid)
        ceiling = run_wrk(f"{base}/healthz", args.seconds, args.connections, None, env)
        middle = worker_cpu_seconds(server.pid)
        intake = run_wrk(base, args.seconds, args.connections, ROOT / "bench/open311_post.lua", env)
        after = worker_cpu_seconds(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    rows = count_cases()
    share = intake["rps"] / ceiling["rps"] * 100
    print(
        f"server: gunicorn, {args.workers} workers x {args.threads} threads; "
        f"wrk 2 threads, {args.connections} connections, {args.seconds} s each"
    )
    print(
        f"ceiling  GET /healthz         {ceiling['rps']:8.0f} req/s  "
        f"p50 {ceiling.get('p50', 0):6.2f} ms  p99 {ceiling.get('p99', 0):6.2f} ms"
    )
    print(
        f"intake   POST requests.json   {intake['rps']:8.0f} req/s  "
        f"p50 {intake.get('p50', 0):6.2f} ms  p99 {intake.get('p99', 0):6.2f} ms  "
        f"({share:.0f}% of ceiling)"
    )
    print(
        f"workers' shares of the server's CPU: ceiling {worker_shares(before, middle)}, "
        f"intake {worker_shares(middle, after)}"
    )
    accepted = int(intake.get("accepted", 0))
    print(
        f"accepted {accepted}, refused {int(intake.get('refused', 0))}, "
        f"rows in database {rows}, socket errors {intake['socket_errors']}"
    )
    # wrk stops counting at the deadline while requests are still in flight; those may commit
    # after it, so rows may exceed the answers counted by at most the number of connections.
    if rows < accepted:
        raise SystemExit(f"LOST: {accepted} requests were answered 200 but only {rows} rows")
    if rows - accepted > args.connections:
        raise SystemExit(f"EXTRA ROWS: {rows} rows for {accepted} accepted requests")
    print(f"no request lost ({rows - accepted} in flight at the deadline also committed)")


if __name__ == "__main__":
    main()
