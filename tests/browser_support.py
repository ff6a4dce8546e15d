"""What every browser test shares (fixtures offered by conftest): Debian's Chromium driven by Playwright,
and a live server that answers one request at a time."""

import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def allow_orm_beside_playwright():
    """Let the test thread use the ORM although Playwright's sync API runs an event loop in it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(allow_orm_beside_playwright):
    """Start Debian's Chromium once for the module."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser: Browser) -> Page:
    """Open a page in a fresh browser context, with its own cookies."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


@pytest.fixture
def page(browser: Browser):
    """A page of its own for each test."""
    page = open_page(browser)
    yield page
    page.context.close()


@contextmanager
def one_request_at_a_time(live_server):
    """Make the live server's threads take turns (see why below)."""
    # The server threads share the test's one in-memory SQLite connection, so a live-panel fetch
    # overlapping a step's save fails with "database table is locked". Separate connections (as in
    # production) don't conflict; here requests are simply made to take turns.
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    turn = threading.Lock()

    def one_at_a_time(environ, start_response):
        with turn:
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()

    httpd.set_app(one_at_a_time)
    try:
        yield live_server
    finally:
        httpd.set_app(app)


@pytest.fixture
def server(live_server):
    """The live server, answering one request at a time."""
    with one_request_at_a_time(live_server):
        yield live_server
