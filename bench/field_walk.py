"""Count the fields a clinician meets per request type: a scripted walk of every step in a real browser.

Run from the project root:

    .venv/bin/python bench/field_walk.py [--payer aetna]

A throwaway SQLite file in a temporary directory, `manage.py runserver` on a free loopback port (DEBUG on, for
the static files only), and Debian's Chromium driven by Playwright. For each request type a new case names
only its procedure and payer; the walk opens every step the request needs, adds one row to each repeating
group, and counts what a clinician sees: fields (a radio group is one field), fields needed to save the step
(`*`), fields the payer requires ("Required by …") and recommends. See bench/README.md.
"""

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
# Visible controls a person fills: one per radio group or field name.
COUNT_FIELDS = """() => {
  const seen = new Set();
  for (const el of document.querySelectorAll('#step-form input, #step-form select, #step-form textarea')) {
    if (['hidden', 'submit', 'button'].includes(el.type) || !el.name || el.name.endsWith('-DELETE')) continue;
    if (!el.checkVisibility()) continue;
    seen.add(el.type === 'radio' || el.type === 'checkbox' ? el.name : el.id || el.name);
  }
  const visible = (selector) => [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility()).length;
  return {
    fields: seen.size,
    needed: visible('#step-form .asteriskField'),
    required_by_payer: visible('#step-form .payer-mark.payer-required'),
    recommended: visible('#step-form .payer-mark.payer-recommended'),
  };
}"""


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def set_up(tmp: Path) -> dict:
    """Point Django at a throwaway database, migrate it and return the environment the server shares."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "1",
        "DJANGO_REQUIRE_MFA": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_DATA_DIR": str(tmp / "data"),
        "DJANGO_SQLITE_PATH": str(tmp / "walk.sqlite3"),
    }
    os.environ.pop("DJANGO_DATABASE_URL", None)
    os.environ.update(env)
    sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return env


def make_cases(payer: str) -> tuple[str, list[tuple[str, str, list[str]]]]:
    """Create a clinician and one case per request type; return a session key and (procedure, id, steps)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from wizard_bench import make_clinic, make_clinician

    from wizard.core.choices import Payer, Procedure
    from wizard.core.facts import CaseFacts, Request
    from wizard.core.steps import applicable_steps
    from wizard.models import Case
    from wizard.session_limits import start_clocks

    clinic = make_clinic("Field Walk Clinic", npi="1543210987")
    clinician = make_clinician(clinic, "walkdoc", "1987654328")
    cases = []
    for procedure in Procedure:
        has_existing = procedure == Procedure.DRG_TRIAL or None
        facts = CaseFacts(
            request=Request(procedure=procedure, payer=Payer(payer), has_existing_stimulator=has_existing)
        )
        case = Case(clinic=clinic, created_by=clinician, updated_by=clinician)
        case.set_case_facts(facts)
        case.facts.setdefault("request", {})
        case.save()
        steps = [s for s in applicable_steps(procedure, has_existing) if s != "review"]
        cases.append((procedure.label, str(case.pk), steps))
    session = SessionStore()
    session[SESSION_KEY] = str(clinician.pk)
    session[BACKEND_SESSION_KEY] = "wizard.auth.MembershipBackend"
    session[HASH_SESSION_KEY] = clinician.get_session_auth_hash()
    start_clocks(session)
    session.create()
    return session.session_key, cases


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    """Start the development server (static files served) and wait until it answers."""
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"the server did not answer; see {log}")


def walk(port: int, session_key: str, cases) -> list[dict]:
    """Open every step of every case in Chromium, add one row per repeating group, and count its fields."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_cookies([{"name": "sessionid", "value": session_key, "url": f"http://127.0.0.1:{port}"}])
        page = context.new_page()
        for procedure, case_id, steps in cases:
            per_step = {}
            for step in steps:
                page.goto(f"http://127.0.0.1:{port}/cases/{case_id}/edit/{step}/")
                for button in page.locator("[data-add-row]").all():
                    if button.is_visible():
                        button.click()
                per_step[step] = page.evaluate(COUNT_FIELDS)
            totals = {key: sum(s[key] for s in per_step.values()) for key in next(iter(per_step.values()))}
            rows.append({"procedure": procedure, "steps": len(steps), **totals, "per_step": per_step})
            print(f"  {procedure:<70} {totals}", file=sys.stderr)
        browser.close()
    return rows


def markdown(report: dict) -> str:
    """Return the walk as a Markdown table."""
    lines = [
        f"## Field walk — {report['started_at']} · payer {report['payer']} · one row added per repeating group",
        "",
        "| Request | Steps | Fields shown | Needed to save (`*`) | Required by the payer | Recommended |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in report["requests"]:
        lines.append(
            f"| {row['procedure']} | {row['steps']} | {row['fields']} | {row['needed']} | "
            f"{row['required_by_payer']} | {row['recommended']} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run the walk and print and save its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payer", default="aetna", help="the payer every case names (default aetna)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="field-walk-") as folder:
        tmp = Path(folder)
        env = set_up(tmp)
        session_key, cases = make_cases(args.payer)
        from django.db import connections

        connections.close_all()
        port = free_port()
        server = start_server(env, port, tmp / "server.log")
        try:
            requests = walk(port, session_key, cases)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report = {"started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "payer": args.payer}
    report["requests"] = requests
    print(markdown(report))
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"field-walk-{report['started_at'].replace(':', '').replace('-', '')}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"\nSaved {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
