"""The appeal page: a form for the denial, the estimated deadline with its label, the signed appeal letter for
clinicians, the peer-to-peer sheet for staff too, audited downloads, and another clinic's 404."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.conftest import make_member, signed_in
from tests.test_letter_pdf import pdf_text as letter_pdf_text
from wizard.core.choices import AnswerKind, DenialReason, SubmissionChannel
from wizard.models import Case, Membership, PayerAnswer, Submission

PAYER_TEXT = "The psychological evaluation does not document clearance."


def url_of(case) -> str:
    return reverse("case_appeal", args=[case.id])


def denial(**changes) -> dict:
    """Return a valid appeal form post."""
    data = {
        "reasons": [DenialReason.PSYCH_EVALUATION.value, DenialReason.TRIAL_OUTCOME.value],
        "payer_text": PAYER_TEXT,
        "denied_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "reference": "PA-2026-55120",
        "deadline_on": "",
        "new_enclosures": "Psychological evaluation addendum\n\nTrial pain diary",
        "action": "appeal",
    }
    return {**data, **changes}


def pdf_text(pdf: bytes) -> str:
    """Return the PDF's text with whitespace collapsed."""
    return " ".join(letter_pdf_text(pdf).split())


def body(response) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def test_a_clinician_sees_the_form_and_both_downloads(clinician_client, example_case):
    response = clinician_client.get(url_of(example_case))
    page = body(response)
    assert response.status_code == 200
    assert 'value="appeal"' in page and 'value="peer_to_peer"' in page
    for reason in DenialReason:
        assert reason.value in page


def test_the_case_page_links_to_the_appeal(clinician_client, example_case):
    page = body(clinician_client.get(reverse("case_detail", args=[example_case.id])))
    assert url_of(example_case) in page


def test_a_clinician_downloads_the_signed_appeal_as_an_uncached_attachment_without_patient_data(
    clinician_client, example_case
):
    response = clinician_client.post(url_of(example_case), denial())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="appeal-{str(example_case.id)[:8]}.pdf"'
    facts = example_case.case_facts()
    assert facts.patient.name.split()[-1] not in disposition
    text = pdf_text(response.content)
    assert "Appeal of denial PA-2026-55120" in text and f"“{PAYER_TEXT}”" in text
    assert "Psychological evaluation missing or without clearance" in text
    assert "Electronically signed by" in text
    assert "Psychological evaluation addendum" in text and "Trial pain diary" in text
    # No deadline was given: the estimate is never printed.
    assert "Appeal deadline" not in text
    event = AuditEvent.objects.filter(action=Action.DOWNLOAD, case_id=example_case.pk).get()
    assert event.detail == {"what": "appeal"}


def test_a_stated_deadline_is_printed_in_the_letter(clinician_client, example_case):
    deadline = timezone.localdate() + timedelta(days=40)
    response = clinician_client.post(url_of(example_case), denial(deadline_on=deadline.isoformat()))
    assert f"Appeal deadline: {deadline:%b} {deadline.day}, {deadline.year}" in pdf_text(response.content)


def test_staff_cannot_post_the_appeal_letter(client, clinic, example_case):
    staff = make_member(clinic, "desk", Membership.Role.STAFF)
    response = signed_in(client, staff).post(url_of(example_case), denial())
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD).exists()


def test_staff_see_no_appeal_button_but_download_the_peer_to_peer_sheet(client, clinic, example_case):
    staff = make_member(clinic, "desk", Membership.Role.STAFF)
    staff_client = signed_in(client, staff)
    page = body(staff_client.get(url_of(example_case)))
    assert 'value="appeal"' not in page and 'value="peer_to_peer"' in page
    response = staff_client.post(url_of(example_case), denial(action="peer_to_peer"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="peer-to-peer-{str(example_case.id)[:8]}.pdf"'
    )
    text = pdf_text(response.content)
    assert "Peer-to-peer review" in text and "PA-2026-55120" in text
    assert "estimate, verify on the denial notice" in text
    event = AuditEvent.objects.filter(action=Action.DOWNLOAD, case_id=example_case.pk).get()
    assert event.detail == {"what": "peer_to_peer"}


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_clinic_gets_404(outsider_client, example_case, method):
    response = getattr(outsider_client, method)(url_of(example_case), denial())
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD).exists()


def test_a_form_without_reasons_says_so_beside_the_field_and_keeps_what_was_typed(
    clinician_client, example_case
):
    response = clinician_client.post(url_of(example_case), denial(reasons=[]))
    page = body(response)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "Choose at least one reason the payer gave." in page
    assert PAYER_TEXT in page and "PA-2026-55120" in page


def test_a_future_denial_date_and_a_deadline_before_it_are_refused(clinician_client, example_case):
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    page = body(clinician_client.post(url_of(example_case), denial(denied_on=future)))
    assert "cannot be dated in the future" in page
    past = (timezone.localdate() - timedelta(days=10)).isoformat()
    page = body(clinician_client.post(url_of(example_case), denial(deadline_on=past)))
    assert "The deadline cannot precede the denial." in page


def test_checking_shows_the_estimate_labeled_and_the_open_items_for_the_clinician(
    clinician_client, example_case
):
    page = body(clinician_client.post(url_of(example_case), denial(action="check")))
    assert "estimate, verify on the denial notice" in page
    assert "Before you send" in page and "No appeal deadline is printed" in page
    stated = (timezone.localdate() + timedelta(days=30)).isoformat()
    page = body(clinician_client.post(url_of(example_case), denial(action="check", deadline_on=stated)))
    assert "stated on the denial notice" in page
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD).exists()


def test_a_recorded_denial_prefills_the_form_without_anything_in_the_url(
    clinician_client, clinician, example_case
):
    now = timezone.now()
    submission = Submission.objects.create(
        case=example_case,
        channel=SubmissionChannel.FAX,
        submitted_at=now - timedelta(days=10),
        submitted_by=clinician,
        reference="UTN-0042",
        due_at=now,
    )
    PayerAnswer.objects.create(
        submission=submission,
        kind=AnswerKind.DENIED,
        answered_on=timezone.localdate() - timedelta(days=2),
        denial_reasons=[DenialReason.CODING.value],
        payer_text="Units exceed the allowed number.",
        recorded_by=clinician,
    )
    page = body(clinician_client.get(url_of(example_case)))
    assert "Units exceed the allowed number." in page and "UTN-0042" in page
    assert re.search(r'<input[^>]*value="coding"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="psych_evaluation"[^>]*checked', page)
    assert "estimate, verify on the denial notice" in page


def test_another_clinician_cannot_sign_the_case_clinicians_appeal(client, clinic, example_case):
    other = make_member(clinic, "locum", Membership.Role.CLINICIAN, npi="1234567893")
    response = signed_in(client, other).post(url_of(example_case), denial())
    page = body(response)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "only they can issue it" in page


@pytest.mark.parametrize("action", ["check", "appeal", "peer_to_peer"])
def test_an_empty_draft_case_gives_a_page_or_a_pdf_never_a_server_error(
    clinician_client, clinic, clinician, action
):
    case = Case.objects.create(clinic=clinic, created_by=clinician, updated_by=clinician)
    assert clinician_client.get(url_of(case)).status_code == 200
    response = clinician_client.post(url_of(case), denial(action=action))
    assert response.status_code == 200
    if action != "check":
        assert response["Content-Type"] == "application/pdf"
