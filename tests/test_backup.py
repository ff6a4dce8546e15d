"""manage.py backup and restore: a consistent private copy, a checked and confirmed restore, audited."""

import hashlib
import io
import json
import os
import sqlite3
import stat
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import Action, AuditEvent
from tests.django_env import clinic_env, manage

ON_POSTGRES = urlsplit(os.environ.get("DJANGO_DATABASE_URL", "")).scheme in {"postgres", "postgresql"}
MARK = "RESULT "
SETUP = """
import datetime, io
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wizard.issuing import issue_letter
from wizard.models import Case
call_command("load_demo", password="round-trip-password", stdout=io.StringIO())
case = Case.objects.order_by("patient_name").first()
clinician = get_user_model().objects.get(username="clinician")
issue_letter(case.pk, case.clinic_id, clinician, "round trip", datetime.date(2026, 11, 22))
"""
SNAPSHOT = """
import hashlib, json
from audit.models import AuditEvent
from wizard.models import Case, IssuedLetter
def digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()
last = AuditEvent.objects.order_by("-pk").first()
print("RESULT " + json.dumps({
    "cases": sorted([str(c.pk), c.status, digest(c.facts), digest(c.wizard_state)] for c in Case.objects.all()),
    "letters": sorted(
        [str(l.case_id), l.version, l.sha256, hashlib.sha256(bytes(l.pdf)).hexdigest()]
        for l in IssuedLetter.objects.all()
    ),
    "last_event": [last.action, last.username, last.detail] if last else None,
}))
"""
CHANGE = """
from wizard.models import Case, IssuedLetter
IssuedLetter.objects.all().delete()
first, second = Case.objects.order_by("patient_name")[:2]
first.delete()
second.facts = {}
second.save()
"""


def shell(code: str, env: dict) -> dict:
    """Run code in manage.py shell and return what it printed after the mark."""
    completed = manage("shell", "-c", code, env=env)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.split(MARK, 1)[1]) if MARK in completed.stdout else {}


def round_trip(env: dict, out) -> None:
    """Fill a database, back it up, damage it, restore it and compare."""
    migrated = manage("migrate", "--noinput", "-v", "0", env=env, timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    before = shell(SETUP + SNAPSHOT, env)
    assert len(before["letters"]) == 1
    assert before["letters"][0][2] == before["letters"][0][3], "the stored hash is the PDF's"

    backed_up = manage("backup", str(out), env=env)
    assert backed_up.returncode == 0, backed_up.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    sha256 = hashlib.sha256(out.read_bytes()).hexdigest()
    assert sha256 in backed_up.stdout

    changed = shell(CHANGE + SNAPSHOT, env)
    assert changed["letters"] == []
    assert changed["cases"] != before["cases"]

    restored = manage("restore", str(out), "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    after = shell(SNAPSHOT, env)
    assert after["cases"] == before["cases"]
    assert after["letters"] == before["letters"]
    action, username, detail = after["last_event"]
    assert action == Action.RESTORE_BACKUP
    assert username.startswith("os:")
    assert detail["sha256"] == sha256


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite round trip runs in the SQLite suite")
def test_sqlite_round_trip_restores_cases_and_letters_byte_for_byte(tmp_path):
    env = clinic_env(tmp_path, DJANGO_HASHED_STATIC="0")
    round_trip(env, tmp_path / "backup.sqlite3")
    with sqlite3.connect(tmp_path / "backup.sqlite3") as backup_db:
        assert backup_db.execute("PRAGMA journal_mode").fetchone()[0] == "delete", "one self-contained file"
    assert stat.S_IMODE((tmp_path / "data" / "db.sqlite3").stat().st_mode) == 0o600


@pytest.fixture
def scratch_postgres_url():
    """A fresh database beside the test database, dropped afterwards."""
    parts = urlsplit(os.environ["DJANGO_DATABASE_URL"])
    name = f"{parts.path.lstrip('/')}_backup_round_trip"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not ON_POSTGRES, reason="needs DJANGO_DATABASE_URL=postgres://... (bin/test sets it)")
def test_postgresql_round_trip_restores_cases_and_letters_byte_for_byte(tmp_path, scratch_postgres_url):
    env = clinic_env(tmp_path, DJANGO_HASHED_STATIC="0", DJANGO_DATABASE_URL=scratch_postgres_url)
    round_trip(env, tmp_path / "backup.pgdump")
    assert (tmp_path / "backup.pgdump").read_bytes().startswith(b"PGDMP")


# ---- In the test database: what is written, what is refused -------------------------------------


@pytest.fixture
def backup_file(transactional_db, tmp_path):
    """A backup of the test database, taken outside a transaction as the command is."""
    out = tmp_path / "made.backup"
    call_command("backup", str(out), stdout=io.StringIO())
    return out


def test_backup_is_private_recognisable_and_audited(backup_file):
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    assert backup_file.read_bytes()[:5] in {b"SQLit", b"PGDMP"}
    event = AuditEvent.objects.get(action=Action.BACKUP)
    assert event.user is None
    assert event.route == "manage.py backup"
    assert event.detail["sha256"] == hashlib.sha256(backup_file.read_bytes()).hexdigest()
    assert event.detail["file"] == str(backup_file)


def test_backup_replaces_an_older_backup_and_keeps_it_private(backup_file):
    backup_file.chmod(0o644)
    call_command("backup", str(backup_file), stdout=io.StringIO())
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    assert AuditEvent.objects.filter(action=Action.BACKUP).count() == 2


def test_backup_inside_a_transaction_is_refused_rather_than_waiting(db, tmp_path):
    with pytest.raises(CommandError, match="inside a database transaction"):
        call_command("backup", str(tmp_path / "x.backup"))
    assert not (tmp_path / "x.backup").exists()


@pytest.mark.django_db(transaction=True)
def test_backup_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "nowhere" / "x.backup"))


def test_restore_without_yes_and_without_a_terminal_refuses(backup_file):
    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(backup_file))
    assert not AuditEvent.objects.filter(action=Action.RESTORE_BACKUP).exists()


def test_restore_refuses_a_file_that_is_no_backup(db, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("Jane Doe, 1970-01-01")
    with pytest.raises(CommandError, match="neither a SQLite database nor a pg_dump custom-format archive"):
        call_command("restore", str(junk), yes=True)


def test_restore_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path / "missing.backup"), yes=True)


def sqlite_file(path, tables, migrations=()):
    with sqlite3.connect(path) as made:
        for table in tables:
            made.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, app TEXT, name TEXT)")
        made.executemany("INSERT INTO django_migrations (app, name) VALUES (?, ?)", migrations)
    made.close()
    return path


ALL_TABLES = ("django_migrations", "wizard_clinic", "wizard_case", "wizard_issuedletter", "audit_auditevent")


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite files are refused as the wrong engine on PostgreSQL")
def test_restore_refuses_a_sqlite_file_without_our_tables(db, tmp_path):
    other = sqlite_file(tmp_path / "other.sqlite3", ["django_migrations", "notes"])
    with pytest.raises(CommandError, match="not a Pain LMN backup"):
        call_command("restore", str(other), yes=True)


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite files are refused as the wrong engine on PostgreSQL")
def test_restore_refuses_a_backup_from_a_newer_version(db, tmp_path):
    newer = sqlite_file(tmp_path / "newer.sqlite3", ALL_TABLES, [("wizard", "0999_from_the_future")])
    with pytest.raises(CommandError, match="newer version of Pain LMN"):
        call_command("restore", str(newer), yes=True)


@pytest.mark.skipif(not ON_POSTGRES, reason="on SQLite a SQLite file is the right engine")
def test_restore_refuses_a_backup_of_the_other_engine(db, tmp_path):
    other = sqlite_file(tmp_path / "other.sqlite3", ALL_TABLES)
    with pytest.raises(CommandError, match="is a sqlite backup, but this installation uses postgresql"):
        call_command("restore", str(other), yes=True)
    assert connection.vendor == "postgresql"
