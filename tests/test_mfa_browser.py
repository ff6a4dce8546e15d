"""A new user sets up the second factor in a real Chromium: QR code, typed key, code, recovery codes."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD


def code_from_key(typed_key: str) -> str:
    """Compute the app's current code from the key shown for typing, as a phone would."""
    key = b32decode(typed_key.replace(" ", ""))
    return f"{totp(key):06d}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_new_user_sets_up_the_second_factor_and_gets_in(server, page: Page, clinician):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{server.url}/accounts/login/")
    page.fill("#id_username", "doc")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/second-factor/set-up/\?next="))
    expect(page.locator(".qr-code svg")).to_be_visible()
    page.fill("#id_code", code_from_key(page.locator("#totp-secret").inner_text()))
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/recovery-codes/"))
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name=re.compile("I have saved my codes")).click()
    expect(page).to_have_url(f"{server.url}/cases/")
    assert problems == [], "the pages broke the content security policy or a script failed"
