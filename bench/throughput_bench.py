"""Throughput of each wizard step's GET beside a bare Django view, under the same gunicorn in the same run.

Run from the project root:

    .venv/bin/python bench/throughput_bench.py [--rounds 3] [--seconds 3] [--connections 8] [--workers 2]

A throwaway SQLite file in a temporary directory; gunicorn with gunicorn.conf.py (2 sync workers by
default, DEBUG off) and bench/throughput_settings.py, whose urlconf adds /bench/bare/ (HttpResponse("ok"))
beside the app's URLs: the bare view never exists in the app. Every request carries the same signed-in
session cookie, so the bare view passes through the same middleware. Uses wrk when installed, else a small
load generator of threads on raw sockets. Each page is measured right after the bare view, in several
rounds, and its ratios are the medians of those neighbour ratios. See bench/README.md.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from machine import cpu_model, reference_loop_ms

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
BARE_PATH = "/bench/bare/"
TARGET_RATIO = 0.3
CLINIC_CASES = 40


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure_environment(tmp: Path, args: argparse.Namespace) -> dict:
    """Set the environment the bench and its server share (never the real database); return it."""
    env = {
        "DJANGO_SETTINGS_MODULE": "throughput_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        # Plain http on loopback, no collectstatic, no second factor: only the app's own work is timed.
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_HASHED_STATIC": "0",
        "DJANGO_REQUIRE_MFA": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_DATA_DIR": str(tmp / "data"),
        "DJANGO_SQLITE_PATH": str(tmp / "throughput.sqlite3"),
        "DJANGO_WORKERS": str(args.workers),
        "PORT": str(free_port()),
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT)]),
    }
    os.environ.pop("DJANGO_DATABASE_URL", None)
    os.environ.update(env)
    return env


def make_data() -> tuple[str, list[tuple[str, str]]]:
    """Create a clinic, fill the model cases in through the wizard; return a session key and step paths."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from wizard_bench import (
        CASE_FOR_STEP,
        CLINICIAN_NPI,
        FULL_CASE,
        bulk_create_cases,
        fill_in_wizard,
        make_clinic,
        make_clinician,
        step_url,
    )

    from wizard.session_limits import start_clocks
    from wizard.views.wizard import STEP_FORMS

    call_command("migrate", verbosity=0, interactive=False)
    clinic = make_clinic("Throughput Pain Clinic", npi="1543210987")
    clinician = make_clinician(clinic, "benchdoc", CLINICIAN_NPI)
    cases = bulk_create_cases(clinic, clinician, CLINIC_CASES, timezone.localdate())
    client = Client()
    client.force_login(clinician)
    for name in sorted({FULL_CASE, *CASE_FOR_STEP.values()}):
        fill_in_wizard(client, cases[name])
    session = SessionStore()
    session[SESSION_KEY] = str(clinician.pk)
    session[BACKEND_SESSION_KEY] = "wizard.auth.MembershipBackend"
    session[HASH_SESSION_KEY] = clinician.get_session_auth_hash()
    start_clocks(session)
    session.create()
    paths = [(step, step_url(cases[CASE_FOR_STEP.get(step, FULL_CASE)].pk, step)) for step, _ in STEP_FORMS]
    return session.session_key, paths


def start_server(env: dict, log: Path) -> subprocess.Popen:
    """Start gunicorn with the project's configuration (no worker recycling) and wait until it answers."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            str(BENCH / "throughput_gunicorn.py"),
            "--max-requests",
            "0",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", int(env["PORT"])), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer within 120 s")


def raw_request(port: int, path: str, cookie: str) -> bytes:
    """Return the bytes of a GET as a browser sends it, with the session cookie."""
    return (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
        "Accept: text/html\r\nConnection: close\r\n\r\n"
    ).encode()


def fetch(port: int, request: bytes) -> bytes:
    """Send one request on a new connection and return the whole response (sync workers close it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    """Return the HTTP status of a raw response (0 when there is none)."""
    match = re.match(rb"HTTP/1\.[01] (\d{3})", response)
    return int(match.group(1)) if match else 0


def check_page(port: int, path: str, cookie: str, marker: bytes) -> int:
    """Fail unless the path answers 200 with the marker; return the response size."""
    response = fetch(port, raw_request(port, path, cookie))
    if status_of(response) != 200 or marker not in response:
        raise SystemExit(f"GET {path}: HTTP {status_of(response)} without {marker!r}")
    return len(response)


def python_load(port: int, request: bytes, seconds: float, connections: int) -> dict:
    """Keep `connections` threads sending the request for `seconds`; return requests, errors and rate."""
    stop = time.monotonic() + seconds
    counts = [[0, 0] for _ in range(connections)]

    def loop(count: list[int]) -> None:
        while time.monotonic() < stop:
            ok = status_of(fetch(port, request)) == 200
            count[0 if ok else 1] += 1

    threads = [threading.Thread(target=loop, args=(count,)) for count in counts]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    done, errors = sum(c[0] for c in counts), sum(c[1] for c in counts)
    return {
        "requests": done,
        "errors": errors,
        "seconds": round(elapsed, 2),
        "per_s": round(done / elapsed, 1),
    }


def wrk_load(port: int, path: str, cookie: str, seconds: float, connections: int) -> dict:
    """Run wrk against the path; return requests, errors and rate."""
    out = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
         "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    done = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return {"requests": done, "errors": int(non_2xx.group(1)) if non_2xx else 0, "per_s": round(rate, 1)}


def server_cpu_seconds(server_pid: int) -> float:
    """Return the CPU time used so far by gunicorn's master and workers (user + system)."""
    pids = [server_pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server_pid:
            pids.append(int(stat.parent.name))
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(server_pid: int, port: int, path: str, cookie: str, args: argparse.Namespace, tool: str) -> dict:
    """Warm the workers up on the path, then measure its throughput and the server's CPU per request."""
    request = raw_request(port, path, cookie)
    python_load(port, request, args.warmup, args.connections)
    cpu_before = server_cpu_seconds(server_pid)
    if tool == "wrk":
        result = wrk_load(port, path, cookie, args.seconds, args.connections)
    else:
        result = python_load(port, request, args.seconds, args.connections)
    cpu = server_cpu_seconds(server_pid) - cpu_before
    # CPU per request is steadier than req/s on a shared machine: other jobs' load hardly changes it.
    result["server_cpu_ms"] = round(cpu * 1000 / max(1, result["requests"]), 2)
    return result


def with_ratios(result: dict, bare: dict) -> dict:
    """Return a page's result with its throughput and CPU per request as ratios to the bare view beside it."""
    return {
        **result,
        "ratio": round(result["per_s"] / bare["per_s"], 3),
        "cpu_ratio": round(bare["server_cpu_ms"] / result["server_cpu_ms"], 3),
    }


def summary(results: list[dict]) -> dict:
    """Return the medians of a page's runs (and of their ratios, when they have them), errors summed."""
    keys = [key for key in ("per_s", "server_cpu_ms", "ratio", "cpu_ratio") if key in results[0]]
    medians = {key: round(statistics.median(r[key] for r in results), 3) for key in keys}
    return {**medians, "errors": sum(r["errors"] for r in results), "runs": len(results)}


def run(args: argparse.Namespace, tmp: Path) -> dict:
    """Build the data, start gunicorn, measure the bare view around every step; return the report."""
    env = configure_environment(tmp, args)
    sys.path[:0] = [str(BENCH), str(ROOT)]
    import django

    django.setup()
    from django.db import connections

    session_key, steps = make_data()
    connections.close_all()
    cookie = f"sessionid={session_key}"
    tool = "wrk" if shutil.which("wrk") else "python"
    load_before, reference_before = os.getloadavg()[0], reference_loop_ms()
    servers = {"now": start_server(env, tmp / "gunicorn.log")}
    ports = {"now": int(env["PORT"])}
    if args.baseline:
        baseline_env = {**env, "PORT": str(free_port()), "THROUGHPUT_BASELINE": "1"}
        servers["baseline"] = start_server(baseline_env, tmp / "gunicorn-baseline.log")
        ports["baseline"] = int(baseline_env["PORT"])
    runs = {step: {name: [] for name in servers} for step, _ in steps}
    bare_runs = {name: [] for name in servers}

    def each_server(path: str) -> dict:
        # The servers take turns on each page, so a busy phase of the machine hits both alike.
        return {name: measure(servers[name].pid, ports[name], path, cookie, args, tool) for name in servers}

    try:
        for port in ports.values():
            check_page(port, BARE_PATH, cookie, b"ok")
            sizes = {step: check_page(port, path, cookie, b"step-form") for step, path in steps}
        for _ in range(args.rounds):
            for step, path in steps:
                # Each page is compared with the bare view measured just before it: a shared machine's
                # speed drifts by a fifth within minutes, and a ratio of neighbours cancels most of it.
                bare, results = each_server(BARE_PATH), each_server(path)
                for name, result in results.items():
                    bare_runs[name].append(bare[name])
                    runs[step][name].append(with_ratios(result, bare[name]))
                print(f"  {step:<10} " + "  ".join(
                    f"{n} {r['per_s']:7.1f} req/s {r['server_cpu_ms']:6.2f} CPU ms (bare {bare[n]['per_s']:.0f})"
                    for n, r in results.items()), file=sys.stderr)  # fmt: skip
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(timeout=60)
    rows = [
        {"step": step, "bytes": sizes[step], **summary(runs[step]["now"]), "servers": {
            name: {**summary(server_runs), "runs": server_runs} for name, server_runs in runs[step].items()
        }}
        for step, _ in steps
    ]  # fmt: skip
    logs = [tmp / "gunicorn.log", tmp / "gunicorn-baseline.log"]
    return {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool": tool,
        "cpu": f"{cpu_model()} x{os.cpu_count()}",
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "reference_loop_ms": {"before": reference_before, "after": reference_loop_ms()},
        "settings": {k: getattr(args, k) for k in ("seconds", "warmup", "connections", "workers", "rounds")},
        "bare": summary(bare_runs["now"]),
        "bare_by_server": bare_runs,
        "steps": rows,
        "server_log_tracebacks": sum(
            log.read_text(errors="replace").count("Traceback") for log in logs if log.exists()
        ),
    }


def markdown(report: dict) -> str:
    """Return the results as a Markdown table."""
    bare, settings = report["bare"], report["settings"]
    lines = [
        f"## Throughput — {report['started_at']}",
        "",
        f"{report['cpu']} · gunicorn {settings['workers']} sync workers · {settings['connections']} connections "
        f"({report['tool']}) · {settings['seconds']} s each after {settings['warmup']} s warm-up · load average "
        f"{report['load_average_1min']['before']} → {report['load_average_1min']['after']} · reference loop "
        f"{report['reference_loop_ms']['before']} → {report['reference_loop_ms']['after']} ms · "
        f"⚠ = under {TARGET_RATIO}× the bare view",
        "",
        f"Medians of {settings['rounds']} rounds; each page's ratios are to the bare view measured just before it.",
        "",
        "| GET | req/s | × bare (req/s) | server CPU ms | × bare (CPU) | errors | page KB |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| bare view | {bare['per_s']:.1f} | 1 | {bare['server_cpu_ms']:.2f} | 1 | {bare['errors']} | 0 |",
    ]
    for row in report["steps"]:
        flag = " ⚠" if row["ratio"] < TARGET_RATIO else ""
        cpu_flag = " ⚠" if row["cpu_ratio"] < TARGET_RATIO else ""
        lines.append(
            f"| {row['step']} | {row['per_s']:.1f} | {row['ratio']:.2f}{flag} | {row['server_cpu_ms']:.2f} | "
            f"{row['cpu_ratio']:.2f}{cpu_flag} | {row['errors']} | {row['bytes'] / 1024:.0f} |"
        )
    if "baseline" in report["bare_by_server"]:
        lines += [
            "",
            "Before (baseline server) and now, taking turns on each page:",
            "",
            baseline_table(report),
        ]
    return "\n".join(lines)


def baseline_table(report: dict) -> str:
    """Return before (baseline server) and now, page by page, from the same run."""
    lines = [
        "| GET | before req/s | now req/s | before × bare | now × bare | before CPU ms | now CPU ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["steps"]:
        before, now = row["servers"]["baseline"], row["servers"]["now"]
        lines.append(
            f"| {row['step']} | {before['per_s']:.1f} | {now['per_s']:.1f} | {before['ratio']:.2f} | "
            f"{now['ratio']:.2f} | {before['server_cpu_ms']:.2f} | {now['server_cpu_ms']:.2f} |"
        )
    return "\n".join(lines)


def parse_args() -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3, help="measured seconds per page (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every page (default 3)")
    parser.add_argument("--warmup", type=float, default=1, help="warm-up seconds per page (default 1)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also run a server with the step rendering as before issue 11's speed-ups, taking turns",
    )
    return parser.parse_args()


def main() -> None:
    """Run the benchmark in a throwaway database and print and save the results."""
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="throughput-bench-") as tmp:
        report = run(args, Path(tmp))
    print(markdown(report))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"throughput-{report['started_at'].replace('-', '').replace(':', '')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nSaved {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
