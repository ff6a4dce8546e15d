"""Automatic logoff in a real Chromium: the warning, "Stay signed in", and nothing typed lost at the limit."""

import re
import time

import pytest
from playwright.sync_api import Page, expect

from audit.models import Action, AuditEvent
from tests.browser_support import ARTIFACTS, one_request_at_a_time
from tests.conftest import PASSWORD, app_device_of, totp_code

# Tiny limits so the test sees a whole idle period; the warning opens IDLE - WARNING seconds after activity.
IDLE_SECONDS = 12
WARNING_SECONDS = 8
NOTES = "Cannot walk to the mailbox"

pytestmark = pytest.mark.browser


@pytest.fixture
def server(live_server, settings):
    """The live server with tiny session limits, answering one request at a time (as in test_browser)."""
    settings.SESSION_IDLE_SECONDS = IDLE_SECONDS
    settings.SESSION_IDLE_WARNING_SECONDS = WARNING_SECONDS
    with one_request_at_a_time(live_server):
        yield live_server


def sign_in(page: Page, user) -> None:
    """Fill the login page already open, then the second factor if it is asked for."""
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/second-factor/" in page.url:
        page.fill("#id_code", totp_code(app_device_of(user)))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()


def open_step(page: Page, base_url: str, user, step_path: str) -> None:
    """Sign in and open a step of the case."""
    app_device_of(user)
    page.goto(f"{base_url}/accounts/login/?next={step_path}")
    sign_in(page, user)
    expect(page).to_have_url(f"{base_url}{step_path}")


def seconds_left(page: Page) -> float:
    """Return the server's seconds left for this browser's session (asking does not extend it)."""
    status = page.evaluate("fetch('/session/status/').then(r => r.json())")
    return status["remaining_seconds"] if status["signed_in"] else 0


def test_at_the_idle_limit_typed_input_is_kept_and_returns_after_signing_in(
    server, page, clinician, example_case
):
    step_path = f"/cases/{example_case.id}/edit/baselines/"
    open_step(page, server.url, clinician, step_path)
    page.fill("#id_baselines-adl_notes", NOTES)
    page.fill("#id_baselines-pain_nrs_average", "11")

    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=IDLE_SECONDS * 1000)
    expect(warning).to_contain_text("you will be signed out in")
    expect(warning.get_by_role("button", name="Stay signed in")).to_be_focused()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "session-warning.png")

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="), timeout=(IDLE_SECONDS + 5) * 1000)
    expect(page.get_by_role("status")).to_contain_text(
        f"You were signed out after {IDLE_SECONDS} seconds without activity. Nothing you typed was lost."
    )
    event = AuditEvent.objects.get(action=Action.SESSION_EXPIRED)
    assert event.detail == {"reason": "idle", "draft_step": "baselines"}

    sign_in(page, clinician)
    expect(page).to_have_url(f"{server.url}{step_path}")
    expect(page.locator("#id_baselines-adl_notes")).to_have_value(NOTES)
    expect(page.locator("#id_baselines-pain_nrs_average")).to_have_value("11")
    expect(
        page.get_by_text("“Average pain, past week (NRS)” must be a whole number from 0 to 10.")
    ).to_be_visible()


def test_stay_signed_in_keeps_the_session_and_other_tabs_follow(server, page, clinician, example_case):
    other_tab = page.context.new_page()
    step_path = f"/cases/{example_case.id}/edit/baselines/"
    open_step(page, server.url, clinician, step_path)
    other_tab.goto(f"{server.url}/cases/")
    other_tab_loaded = time.monotonic()

    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=IDLE_SECONDS * 1000)
    old_deadline = time.monotonic() + seconds_left(page)
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()

    # Past the old deadline and the other tab's own timer, yet before the extended deadline.
    page.wait_for_timeout(1000 * (max(old_deadline, other_tab_loaded + IDLE_SECONDS) - time.monotonic() + 1))
    assert seconds_left(page) > 0
    expect(page).to_have_url(f"{server.url}{step_path}")
    expect(other_tab).to_have_url(f"{server.url}/cases/")
    assert not AuditEvent.objects.filter(action=Action.SESSION_EXPIRED).exists()
