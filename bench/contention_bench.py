"""Contention benchmark: clinicians issuing letters and saving steps at once, through gunicorn.

Starts gunicorn (gunicorn.conf.py, 4 workers) on a throwaway SQLite file, or with --postgres URL on a
throwaway PostgreSQL database; creates a clinic, a clinician and ready cases with the ORM; then for
--seconds, --issuers threads POST /cases/<id>/letters/issue/ and --savers threads POST a wizard step with
changed data, each signed in with a session made with the ORM. Reports errors (any status but 2xx/3xx,
"database is locked" anywhere), p50/p95 times and requests done. See bench/README.md.
"""

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from machine import cpu_model, reference_loop_ms
from wizard_bench import EXAMPLES, BrowserForm, make_clinic, make_clinician, patient_name

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BENCH_DATABASE = "pain_lmn_contention_bench"
SAVED_STEP = "patient"
CHANGED_FIELD = "patient-member_id"
LOCKED = "database is locked"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=45, help="how long the load runs (default 45)")
    parser.add_argument("--issuers", type=int, default=6, help="threads issuing letters (default 6)")
    parser.add_argument("--savers", type=int, default=6, help="threads saving wizard steps (default 6)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--postgres", metavar="URL", help="postgres://user:password@host:port/any (CREATEDB)")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure_environment(tmp: Path, args: argparse.Namespace) -> dict:
    """Set the environment the bench and its server share; return it."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        # Plain http on loopback, no collectstatic and no second factor: only the app's own work is timed.
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_HASHED_STATIC": "0",
        "DJANGO_REQUIRE_MFA": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_DATA_DIR": str(tmp / "data"),
        "DJANGO_WORKERS": str(args.workers),
        "PORT": str(free_port()),
    }
    os.environ.pop("DJANGO_SQLITE_PATH", None)
    os.environ.pop("DJANGO_DATABASE_URL", None)
    if args.postgres:
        env["DJANGO_DATABASE_URL"] = urlsplit(args.postgres)._replace(path=f"/{BENCH_DATABASE}").geturl()
        recreate_postgres_database(args.postgres, create=True)
    os.environ.update(env)
    return env


def recreate_postgres_database(url: str, *, create: bool) -> None:
    """Drop the bench's own database and, if asked, create it empty."""
    from psycopg import sql
    from wizard_bench import postgres_admin_connection

    with postgres_admin_connection(url) as conn:
        name = sql.Identifier(BENCH_DATABASE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


# ---- Data, made with the ORM ----------------------------------------------------------------------


def make_data(cases_per_thread: int, threads: int):
    """Create a clinic, a clinician and ready cases; return (session key, case ids per thread)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from wizard.case_files import adopt_for_clinic, read_case_file, stored_case_file
    from wizard.models import Case
    from wizard.session_limits import start_clocks

    call_command("migrate", verbosity=0, interactive=False)
    clinic = make_clinic("Contention Pain Clinic", npi="1543210987")
    clinician = make_clinician(clinic, "benchdoc", "1987654328")
    models = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        facts, steps = read_case_file(path.read_bytes(), timezone.localdate())
        models[path.stem] = stored_case_file(adopt_for_clinic(facts, clinic, clinician).facts, steps)
    names = sorted(models)
    rows = []
    for index in range(cases_per_thread * threads):
        facts = json.loads(json.dumps(models[names[index % len(names)]]))
        facts["patient"]["name"] = patient_name(index)
        case = Case(clinic=clinic, facts=facts, status=Case.Status.READY, created_by=clinician)
        case.refresh_list_columns()
        rows.append(case)
    Case.objects.bulk_create(rows)
    session = SessionStore()
    session[SESSION_KEY] = str(clinician.pk)
    session[BACKEND_SESSION_KEY] = "wizard.auth.MembershipBackend"
    session[HASH_SESSION_KEY] = clinician.get_session_auth_hash()
    start_clocks(session)
    session.create()
    ids = [str(case.pk) for case in rows]
    return session.session_key, [ids[i::threads] for i in range(threads)]


# ---- The server --------------------------------------------------------------------------------------


def start_server(env: dict, log: Path) -> subprocess.Popen:
    """Start gunicorn with the project's configuration and wait until it answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
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
            urllib.request.urlopen(f"http://127.0.0.1:{env['PORT']}/accounts/login/", timeout=5).close()
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer within 120 s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One signed-in browser: the session cookie, a CSRF cookie and the matching header."""

    def __init__(self, base: str, session_key: str):
        self.base = base
        self.csrf = secrets.token_hex(16)
        self.cookie = f"sessionid={session_key}; csrftoken={self.csrf}"
        self.opener = urllib.request.build_opener(NoRedirect)

    def send(self, path: str, data: list[tuple[str, str]] | None = None) -> tuple[int, str, float]:
        """Return (status, body, seconds) of a GET, or of a POST when data is given."""
        body = None if data is None else urlencode([*data, ("csrfmiddlewaretoken", self.csrf)]).encode()
        request = urllib.request.Request(self.base + path, data=body, headers={"Cookie": self.cookie})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                status, text = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        return status, text, time.perf_counter() - started


# ---- The load ----------------------------------------------------------------------------------------


def issue_loop(client: Client, case_ids: list[str], stop: float, out: dict) -> None:
    """Issue letters on the thread's cases in turn until the time is up."""
    turn = 0
    while time.monotonic() < stop:
        case_id = case_ids[turn % len(case_ids)]
        turn += 1
        status, text, seconds = client.send(
            f"/cases/{case_id}/letters/issue/", [("override_reason", "Contention benchmark.")]
        )
        out["issue"].append((status, seconds, LOCKED in text))


def save_loop(client: Client, case_ids: list[str], stop: float, out: dict) -> None:
    """Open the patient step of the thread's cases and save it with a new member id until the time is up."""
    turn = 0
    while time.monotonic() < stop:
        case_id = case_ids[turn % len(case_ids)]
        turn += 1
        url = f"/cases/{case_id}/edit/{SAVED_STEP}/"
        # Opened afresh each time, as a clinician would: the form carries the version it was opened at.
        status, page, seconds = client.send(url)
        out["open"].append((status, seconds, LOCKED in page))
        if status != 200:
            continue
        parser = BrowserForm("step-form")
        parser.feed(page)
        data = [
            (name, f"BN{turn:08d}" if name == CHANGED_FIELD else value)
            for name, value in parser.pairs
            if name != "csrfmiddlewaretoken"
        ]
        status, text, seconds = client.send(url, data)
        out["save"].append((status, seconds, LOCKED in text))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else float("nan")


def summarise(results: list[tuple[int, float, bool]]) -> dict:
    times = [seconds * 1000 for _, seconds, _ in results]
    statuses: dict[str, int] = {}
    for status, _, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "requests": len(results),
        "errors": sum(1 for status, _, locked in results if not 200 <= status < 400 or locked),
        "locked": sum(1 for _, _, locked in results if locked),
        "statuses": statuses,
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "mean_ms": round(statistics.fmean(times), 1) if times else None,
    }


def run(args: argparse.Namespace, tmp: Path) -> dict:
    env = configure_environment(tmp, args)
    import django

    django.setup()
    from django.db import connection, connections

    from wizard.models import Case, IssuedLetter

    session_key, issuer_cases = make_data(cases_per_thread=3, threads=args.issuers + args.savers)
    saver_cases, issuer_cases = issuer_cases[args.issuers :], issuer_cases[: args.issuers]
    connection.ensure_connection()
    vendor = connection.vendor
    db_version = connection.pg_version if vendor == "postgresql" else connection.Database.sqlite_version
    connections.close_all()

    log = tmp / "gunicorn.log"
    server = start_server(env, log)
    try:
        base = f"http://127.0.0.1:{env['PORT']}"
        out = {"issue": [], "open": [], "save": []}
        load_before, reference_before = os.getloadavg()[0], reference_loop_ms()
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=issue_loop, args=(Client(base, session_key), ids, stop, out))
            for ids in issuer_cases
        ] + [
            threading.Thread(target=save_loop, args=(Client(base, session_key), ids, stop, out))
            for ids in saver_cases
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=60)
    server_log = log.read_text(errors="replace")
    letters = IssuedLetter.objects.count()
    saved = sum(
        Case.objects.get(pk=case_id).facts["patient"].get("member_id", "").startswith("BN")
        for ids in saver_cases
        for case_id in ids
    )
    connections.close_all()
    return {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "database": f"{vendor} {db_version}",
        "cpu": f"{cpu_model()} x{os.cpu_count()}",
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "reference_loop_ms": {"before": reference_before, "after": reference_loop_ms()},
        "settings": {k: getattr(args, k) for k in ("seconds", "issuers", "savers", "workers")},
        "elapsed_s": round(elapsed, 1),
        "issue": summarise(out["issue"]),
        "open": summarise(out["open"]),
        "save": summarise(out["save"]),
        "letters_stored": letters,
        "saved_cases_changed": f"{saved} of {sum(len(ids) for ids in saver_cases)}",
        "server_log": {
            "locked": server_log.count(LOCKED),
            "tracebacks": server_log.count("Traceback"),
        },
    }


def markdown(report: dict) -> str:
    rows = [
        f"Database: {report['database']}; {report['settings']['workers']} gunicorn workers; "
        f"{report['settings']['issuers']} issuing + {report['settings']['savers']} saving clients for "
        f"{report['elapsed_s']} s; load {report['load_average_1min']['before']} -> "
        f"{report['load_average_1min']['after']}; {report['cpu']}",
        "",
        "| Request | Done | Per s | Errors | Locked | p50 ms | p95 ms | Statuses (302: saved or issued) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in ("issue", "open", "save"):
        part = report[name]
        rate = part["requests"] / report["elapsed_s"]
        rows.append(
            f"| {name} | {part['requests']} | {rate:.1f} | {part['errors']} | {part['locked']} | "
            f"{part['p50_ms']} | {part['p95_ms']} | {part['statuses']} |"
        )
    rows += [
        "",
        f"Letters stored: {report['letters_stored']}. Saved cases changed: {report['saved_cases_changed']}. Server log: {report['server_log']['locked']} "
        f"'{LOCKED}', {report['server_log']['tracebacks']} tracebacks.",
    ]
    return "\n".join(rows)


def main() -> None:
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="contention-bench-") as tmp:
        try:
            report = run(args, Path(tmp))
        finally:
            if args.postgres:
                recreate_postgres_database(args.postgres, create=False)
    print(markdown(report))
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"contention-{report['started_at'].replace(':', '')}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"\nSaved {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
