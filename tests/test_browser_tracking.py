"""In a real Chromium: a clinician issues the letter, records the fax submission and the approval, and sees it."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser_support import ARTIFACTS
from tests.conftest import make_case_from_example
from tests.test_browser import log_in
from wizard.models import Case, PayerAnswer, Submission

AUTHORIZATION = "AUTH-2026-4471"


def test_issue_send_by_fax_record_the_approval_and_see_it_on_the_case_and_the_dashboard(
    server, page, clinic, clinician
):
    case = make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")
    case.status = Case.Status.READY
    case.save()
    log_in(page, server.url)
    page.goto(f"{server.url}/cases/{case.id}/")

    page.get_by_role("button", name="Issue letter").click()
    expect(page.get_by_role("status")).to_contain_text("Letter version 1 issued.")

    # Nothing sent yet: the submission form is open.
    submission_form = page.locator("form.submission-form")
    expect(submission_form).to_be_visible()
    submission_form.get_by_label("Channel").select_option("fax")
    submission_form.get_by_label("Payer's reference or UTN").fill("FAX-0042")
    submission_form.get_by_role("button", name="Record submission").click()
    expect(page.get_by_role("status")).to_contain_text("Submission recorded.")
    expect(page.locator(".badge.status-submitted").first).to_have_text("Submitted")
    tracking = page.locator("#tracking")
    expect(tracking).to_contain_text("FAX-0042")
    expect(tracking).to_contain_text("Our default: 15 days")

    today = timezone.localdate()
    # The answer form opens by itself while a submission awaits its answer.
    answer_form = page.locator("form.answer-form")
    expect(answer_form).to_be_visible()
    answer_form.get_by_label("Answer", exact=True).select_option("approved")
    answer_form.get_by_label("Authorization number").fill(AUTHORIZATION)
    answer_form.get_by_label("Units approved").fill("1")
    answer_form.get_by_label("Valid from").fill(today.isoformat())
    answer_form.get_by_label("Valid until").fill((today + timedelta(days=90)).isoformat())
    answer_form.get_by_role("button", name="Record answer").click()
    expect(page.get_by_role("status")).to_contain_text("Answer recorded: Approved.")
    expect(page.locator("h1 + div .badge")).to_have_text("Approved")
    expect(tracking).to_contain_text(f"Authorization {AUTHORIZATION}")
    expect(answer_form).to_be_hidden()  # decided: the forms fold away
    ARTIFACTS.mkdir(exist_ok=True)
    tracking.screenshot(path=ARTIFACTS / "case-tracking.png")

    page.get_by_role("link", name="Dashboard").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    recent = page.locator("#recent")
    expect(recent).to_contain_text("Approved")
    expect(recent).to_contain_text(case.patient_name)
    expect(page.locator("#by-payer")).to_contain_text("100%")
    page.screenshot(path=ARTIFACTS / "dashboard.png", full_page=True)

    submission = Submission.objects.get(case=case)
    assert (submission.channel, submission.reference) == ("fax", "FAX-0042")
    assert PayerAnswer.objects.get(submission=submission).authorization_number == AUTHORIZATION
