"""Backing up and restoring the database: SQLite's online backup API, or pg_dump and pg_restore."""

import getpass
import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from audit.models import Action
from audit.trail import record

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# A backup of this app holds at least these tables.
EXPECTED_TABLES = (
    "django_migrations",
    "wizard_clinic",
    "wizard_case",
    "wizard_issuedletter",
    "audit_auditevent",
)


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why."""


def create_private(path: Path):
    """Open a new file that only its owner may read (mode 600), failing if it exists."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def sha256_of(path: Path) -> str:
    """Return the file's SHA-256."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def operator() -> str:
    """Return who runs the command, as the operating system knows them."""
    try:
        return f"os:{getpass.getuser()}"
    except (KeyError, OSError):
        return f"os:uid {os.getuid()}"


# ---- Backup --------------------------------------------------------------------------------------


def backup(out: Path) -> str:
    """Write a consistent copy of the database to out (mode 600), record it, and return its SHA-256."""
    out = Path(out)
    if out.is_dir():
        raise BackupError(f"{out} is a folder; name the backup file, e.g. {out / 'pain-lmn.backup'}")
    if not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist.")
    if connection.in_atomic_block:
        # SQLite's backup would wait forever for this connection's own transaction to end.
        raise BackupError("A backup cannot be taken inside a database transaction.")
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if connection.vendor == "sqlite":
            backup_sqlite(partial)
        elif connection.vendor == "postgresql":
            backup_postgresql(partial)
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    sha256 = sha256_of(out)
    record(
        Action.BACKUP,
        user=None,
        route="manage.py backup",
        username=operator(),
        file=str(out.resolve()),
        bytes=out.stat().st_size,
        sha256=sha256,
        engine=connection.vendor,
    )
    return sha256


def backup_sqlite(partial: Path) -> None:
    """Copy the live SQLite database page by page in one read transaction; writers carry on (WAL)."""
    create_private(partial).close()
    connection.ensure_connection()
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
        # A single self-contained file: no -wal companion, whatever the live database's mode.
        target.execute("PRAGMA journal_mode=DELETE")
        if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError("The copy failed SQLite's integrity check; the database may be damaged.")
    finally:
        target.close()


def backup_postgresql(partial: Path) -> None:
    """Dump the database in pg_dump's custom format (compressed; pg_restore reads it)."""
    with create_private(partial) as file:
        run_pg_tool("pg_dump", ["--format=custom", "--no-owner"], stdout=file)


# ---- Restore -------------------------------------------------------------------------------------


def check_backup(source: Path) -> str:
    """Return the engine a backup file is for, or raise BackupError saying what is wrong with it."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    with source.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        engine = "sqlite"
    elif head.startswith(PG_DUMP_MAGIC):
        engine = "postgresql"
    else:
        raise BackupError(f"{source} is neither a SQLite database nor a pg_dump custom-format archive.")
    if engine != connection.vendor:
        raise BackupError(f"{source} is a {engine} backup, but this installation uses {connection.vendor}.")
    if engine == "sqlite":
        check_sqlite_backup(source)
    else:
        check_postgresql_backup(source)
    return engine


def check_sqlite_backup(source: Path) -> None:
    """Refuse a SQLite file that is damaged, not this app's, or from a newer version of it."""
    try:
        backup_db = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if backup_db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError(f"{source} fails SQLite's integrity check.")
            tables = {
                row[0] for row in backup_db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            missing = [table for table in EXPECTED_TABLES if table not in tables]
            if missing:
                raise BackupError(
                    f"{source} is a SQLite database but not a Pain LMN backup (no {missing[0]})."
                )
            applied = set(backup_db.execute("SELECT app, name FROM django_migrations"))
        finally:
            backup_db.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} cannot be read as a SQLite database ({error}).") from error
    refuse_newer_migrations(source, applied)


def check_postgresql_backup(source: Path) -> None:
    """Refuse an archive pg_restore cannot list, or one without this app's tables."""
    listing = run_pg_tool("pg_restore", ["--list", str(source)], database=False).stdout.decode()
    # Lines read "<id>; <oids> TABLE DATA <schema> <table> <owner>".
    tables = {
        line.split(" TABLE DATA ")[1].split()[1] for line in listing.splitlines() if " TABLE DATA " in line
    }
    missing = [table for table in EXPECTED_TABLES if table not in tables]
    if missing:
        raise BackupError(f"{source} is a pg_dump archive but not a Pain LMN backup (no {missing[0]}).")


def refuse_newer_migrations(source: Path, applied: set) -> None:
    """Raise BackupError when the backup's schema comes from migrations this code does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(applied - known)
    if unknown:
        app, name = unknown[0]
        raise BackupError(
            f"{source} was made by a newer version of Pain LMN (migration {app}.{name}); upgrade first."
        )


def restore(source: Path) -> str:
    """Replace the database's contents with the backup's, record it, and return the backup's SHA-256."""
    source = Path(source)
    engine = check_backup(source)
    sha256 = sha256_of(source)
    if engine == "sqlite":
        restore_sqlite(source)
    else:
        connection.close()
        run_pg_tool(
            "pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)]
        )
    # Recorded in the restored database, so the restore is the first thing its trail says after the backup.
    record(
        Action.RESTORE_BACKUP,
        user=None,
        route="manage.py restore",
        username=operator(),
        file=str(source.resolve()),
        sha256=sha256,
        engine=engine,
    )
    return sha256


def restore_sqlite(source: Path) -> None:
    """Copy the backup over the live database in one write transaction, as SQLite's backup API does."""
    connection.ensure_connection()
    live = connection.connection
    backup_db = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        backup_db.backup(live)
    finally:
        backup_db.close()
    live.execute("PRAGMA journal_mode=WAL")
    connection.close()


# ---- PostgreSQL tools ----------------------------------------------------------------------------


def run_pg_tool(tool: str, arguments: list[str], *, database: bool = True, stdout=None):
    """Run pg_dump or pg_restore against the configured database; the password goes in the environment."""
    settings_dict = connection.settings_dict
    environment = {
        **os.environ,
        "PGHOST": settings_dict["HOST"] or "",
        "PGPORT": str(settings_dict["PORT"] or ""),
        "PGUSER": settings_dict["USER"] or "",
        "PGPASSWORD": settings_dict["PASSWORD"] or "",
        "PGDATABASE": settings_dict["NAME"],
    }
    command = [pg_tool_path(tool), *arguments]
    if database and tool == "pg_restore":
        command.append(f"--dbname={settings_dict['NAME']}")
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings and the operator
        command, env=environment, stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE, check=False
    )
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip()
        raise BackupError(f"{tool} failed: {message}")
    return result


def pg_tool_path(tool: str) -> str:
    """Return the tool of the server's major version when installed (Debian keeps one per version)."""
    connection.ensure_connection()
    versioned = Path(f"/usr/lib/postgresql/{connection.pg_version // 10000}/bin/{tool}")
    if versioned.is_file():
        return str(versioned)
    found = shutil.which(tool)
    if found is None:
        raise BackupError(f"{tool} is not installed; it comes with the PostgreSQL client package.")
    return found
