"""The README's clinic environment passes Django's deployment check, and gunicorn serves it as bin/serve does."""

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.django_env import CLINIC_HOST, ROOT, clinic_env, manage

BOOT_SECONDS = 60


def test_the_documented_clinic_environment_passes_check_deploy_without_a_warning(tmp_path):
    completed = manage("check", "--deploy", "--fail-level", "WARNING", env=clinic_env(tmp_path))
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


def test_check_deploy_fails_when_https_is_turned_off(tmp_path):
    env = clinic_env(tmp_path, DJANGO_SSL_REDIRECT="0", DJANGO_SECURE_COOKIES="0", DJANGO_HSTS_SECONDS="0")
    completed = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, **headers: str):
    """GET a URL without following redirects; return (status, headers, body)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {server.communicate()[1][-3000:]}")
        try:
            fetch(base + "/accounts/login/")
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer in time")


@pytest.fixture
def served(tmp_path):
    """Collect the static files and start gunicorn with gunicorn.conf.py, as bin/serve does."""
    env = clinic_env(tmp_path, PORT=str(free_port()), DJANGO_WORKERS="1")
    # The admin's files (Django's own, two thirds of the work of compressing) are left out to save time.
    collected = manage("collectstatic", "--noinput", "-v", "0", "--ignore", "admin", env=env, timeout=180)
    assert collected.returncode == 0, collected.stderr
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        wait_until_up(base, server)
        yield base, server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_gunicorn_serves_pages_and_hashed_static_files_and_logs_no_query_string(served):
    base, server = served
    proxied = {"Host": CLINIC_HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}

    status, headers, body = fetch(base + "/accounts/login/?next=/cases/&q=Doe-Jane", **proxied)
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Secure" in headers["Set-Cookie"]
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', body.decode())
    assert stylesheet, "the page links the hashed stylesheet"

    status, headers, css = fetch(base + stylesheet.group(1), **proxied, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]
    assert "immutable" in headers["Cache-Control"]
    assert headers["Content-Encoding"] == "gzip"

    # Plain http reaching the app is sent to https.
    status, headers, _ = fetch(base + "/accounts/login/", Host=CLINIC_HOST)
    assert status == 301
    assert headers["Location"] == f"https://{CLINIC_HOST}/accounts/login/"

    server.send_signal(signal.SIGTERM)
    log = server.communicate(timeout=30)[0]
    assert '"GET /accounts/login/ HTTP/1.1" 200' in log
    assert "Doe-Jane" not in log
    assert "next=" not in log
