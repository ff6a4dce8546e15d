"""Run manage.py or Python in a subprocess with exactly the environment a test chooses."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The host name of the README's clinic environment.
CLINIC_HOST = "lmn.example-clinic.org"


def strong_key() -> str:
    """Return a key as the README says to make one."""
    return secrets.token_urlsafe(50)


def clinic_env(tmp_path: Path, **overrides: str | None) -> dict:
    """Return the README's clinic environment with its data under tmp_path; None removes a variable."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "DJANGO_SECRET_KEY": strong_key(),
        "DJANGO_ALLOWED_HOSTS": CLINIC_HOST,
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run manage.py with the environment given and nothing else."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def python(code: str, *, env: dict, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run Python code in the project folder with the environment given and nothing else."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
