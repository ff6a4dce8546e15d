"""Settings fail closed: no strong key, no start; without configuration the app runs as production."""

import json
import stat
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import settings as project_settings
from tests.django_env import clinic_env, manage, python

MAKE_A_KEY = "secrets.token_urlsafe(50)"
SHOW_SETTINGS = """
import json
from django.conf import settings
names = ["DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
         "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
         "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "STORAGES"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def settings_in(env: dict) -> dict:
    """Return the settings a process with this environment gets."""
    completed = python(SHOW_SETTINGS, env=env)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.mark.parametrize(
    ("key", "complaint"),
    [
        (None, "DJANGO_SECRET_KEY is not set"),
        ("insecure-development-key-never-use-in-production", "published example value"),
        ("short-but-varied-key-0123456789", "DJANGO_SECRET_KEY is weak"),
    ],
    ids=["missing", "old-built-in", "weak"],
)
def test_manage_py_without_a_strong_key_refuses_to_start_and_says_how_to_make_one(tmp_path, key, complaint):
    completed = manage("check", env=clinic_env(tmp_path, DJANGO_SECRET_KEY=key))
    assert completed.returncode != 0
    assert "ImproperlyConfigured" in completed.stderr
    assert complaint in completed.stderr
    assert MAKE_A_KEY in completed.stderr


@pytest.mark.parametrize(
    ("key", "complaint"),
    [
        ("", "not set"),
        ("django-insecure-" + "k3y-w1th-v4r13ty-" * 4, "published"),
        ("bench-only-secret-key-not-for-any-deployment-0123456789", "published"),
        ("ab" * 40, "weak"),
        ("x" * 49 + "yz", "weak"),
        ("Tq9-xY2" * 7, "weak"),
    ],
)
def test_secret_key_check_refuses_published_or_weak_keys(monkeypatch, key, complaint):
    monkeypatch.setenv("DJANGO_SECRET_KEY", key)
    with pytest.raises(ImproperlyConfigured, match=complaint):
        project_settings.secret_key_from_env()


def test_secret_key_check_accepts_a_generated_key(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "Tq9-xY2" * 8)
    assert project_settings.secret_key_from_env() == "Tq9-xY2" * 8


def test_with_only_a_key_the_app_runs_as_production_on_https(tmp_path):
    env = clinic_env(tmp_path, DJANGO_DEBUG=None, DJANGO_ALLOWED_HOSTS=None, DJANGO_BEHIND_PROXY=None)
    shown = settings_in(env)
    assert shown["DEBUG"] is False
    assert shown["SECURE_SSL_REDIRECT"] is True
    assert shown["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert shown["SESSION_COOKIE_SECURE"] is True
    assert shown["CSRF_COOKIE_SECURE"] is True
    # Not behind a proxy, a forwarded scheme header is not believed.
    assert shown["SECURE_PROXY_SSL_HEADER"] is None
    assert shown["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert (
        shown["STORAGES"]["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_behind_the_proxy_the_forwarded_scheme_counts_and_origins_come_from_the_hosts(tmp_path):
    shown = settings_in(clinic_env(tmp_path, DJANGO_ALLOWED_HOSTS="lmn.example-clinic.org, .example.org"))
    assert shown["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert shown["ALLOWED_HOSTS"] == ["lmn.example-clinic.org", ".example.org"]
    assert shown["CSRF_TRUSTED_ORIGINS"] == ["https://lmn.example-clinic.org", "https://*.example.org"]


def test_trusted_origins_can_be_named_outright(tmp_path):
    env = clinic_env(tmp_path, DJANGO_CSRF_TRUSTED_ORIGINS="https://lmn.example-clinic.org:8443")
    assert settings_in(env)["CSRF_TRUSTED_ORIGINS"] == ["https://lmn.example-clinic.org:8443"]


def test_debug_turns_the_https_settings_off_for_a_local_demo(tmp_path):
    shown = settings_in(clinic_env(tmp_path, DJANGO_DEBUG="1"))
    assert shown["DEBUG"] is True
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["SECURE_HSTS_SECONDS"] == 0
    assert shown["SESSION_COOKIE_SECURE"] is False


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sqlite_lives_in_a_private_data_folder_outside_the_code(tmp_path):
    data = tmp_path / "nested" / "data"
    code = """
import django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x)")
    cursor.execute("INSERT INTO t VALUES (1)")
    print(settings.DATABASES["default"]["NAME"])
    # Checked while the connection is open, so the -wal and -shm files exist.
    import os, stat
    name = settings.DATABASES["default"]["NAME"]
    print({suffix: oct(stat.S_IMODE(os.stat(f"{name}{suffix}").st_mode)) for suffix in ("", "-wal", "-shm")})
"""
    completed = python(code, env=clinic_env(tmp_path, DJANGO_DATA_DIR=str(data)))
    assert completed.returncode == 0, completed.stderr
    name, modes = completed.stdout.splitlines()
    assert Path(name) == data / "db.sqlite3"
    assert mode(data) == 0o700
    assert modes == str({"": "0o600", "-wal": "0o600", "-shm": "0o600"})


def test_without_a_data_folder_setting_the_database_goes_to_the_users_share_folder(tmp_path):
    env = clinic_env(tmp_path, DJANGO_DATA_DIR=None)
    completed = python(
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])", env=env
    )
    assert completed.returncode == 0, completed.stderr
    expected = tmp_path / "home" / ".local" / "share" / "pain-lmn" / "db.sqlite3"
    assert Path(completed.stdout.strip()) == expected
    assert not str(expected).startswith(str(project_settings.BASE_DIR))


def test_loose_permissions_on_an_existing_folder_and_database_are_tightened(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    database = folder / "db.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    Path(f"{database}-wal").write_bytes(b"")
    Path(f"{database}-wal").chmod(0o644)
    project_settings.private_file(project_settings.private_folder(folder) / "db.sqlite3")
    assert mode(folder) == 0o700
    assert mode(database) == 0o600
    assert mode(Path(f"{database}-wal")) == 0o600


def test_a_data_folder_that_cannot_be_made_is_named_in_the_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DATA_DIR"):
        project_settings.private_folder(blocker / "data")


def test_a_database_file_that_cannot_be_made_is_named_in_the_error(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="missing/db.sqlite3"):
        project_settings.private_file(tmp_path / "missing" / "db.sqlite3")
