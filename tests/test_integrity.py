"""Letters cannot be altered unseen: every download checks the stored hash, and any PDF can be verified."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from audit.models import Action, AuditEvent
from tests.test_letters import issue, ready_case
from wizard.models import IssuedLetter
from wizard.views import verify

PATIENT = "Dana Whitfield"


@pytest.fixture
def issued(clinician_client, clinic, clinician):
    """A ready model case with letter version 1 issued."""
    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    return IssuedLetter.objects.get(case=case)


def store_raw(letter, pdf: bytes) -> None:
    """Overwrite a stored letter's bytes behind the model's back, as someone with database access could."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE wizard_issuedletter SET pdf = %s WHERE id = %s", [pdf, letter.pk])


def one_byte_changed(pdf: bytes) -> bytes:
    """Return the PDF with one byte in its middle changed."""
    middle = len(pdf) // 2
    return pdf[:middle] + bytes([pdf[middle] ^ 1]) + pdf[middle + 1 :]


def upload(client, data: bytes, name="letter.pdf"):
    return client.post("/letters/verify/", {"pdf": SimpleUploadedFile(name, data, "application/pdf")})


# ---- Downloads are checked against the hash stored at issue ------------------------------------------


def test_a_tampered_letter_is_refused_logged_and_audited(clinician_client, issued, caplog):
    store_raw(issued, one_byte_changed(bytes(issued.pdf)))
    with caplog.at_level(logging.ERROR, logger="wizard.views.letters"):
        response = clinician_client.get(f"/cases/{issued.case_id}/letters/1.pdf")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "failed its integrity check and was not sent" in response.content.decode()
    assert not response.content.startswith(b"%PDF")
    tamper = AuditEvent.objects.get(action=Action.TAMPER)
    assert (tamper.case_id, tamper.detail["version"]) == (issued.case_id, 1)
    assert tamper.detail["stored_sha256"] == issued.sha256 != tamper.detail["found_sha256"]
    assert not AuditEvent.objects.filter(action=Action.DOWNLOAD).exists()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "wizard.views.letters"]
    assert len(errors) == 1 and str(issued.case_id) in errors[0].getMessage()
    assert PATIENT not in caplog.text and "Whitfield" not in caplog.text


def test_a_letter_with_a_byte_appended_is_refused_too(clinician_client, issued):
    store_raw(issued, bytes(issued.pdf) + b"\n")
    assert clinician_client.get(f"/cases/{issued.case_id}/letters/1.pdf").status_code == 500
    assert AuditEvent.objects.filter(action=Action.TAMPER, case_id=issued.case_id).exists()


def test_an_intact_letter_downloads_and_no_tamper_is_recorded(clinician_client, issued):
    response = clinician_client.get(f"/cases/{issued.case_id}/letters/1.pdf")
    assert response.status_code == 200 and response.content == bytes(issued.pdf)
    assert not AuditEvent.objects.filter(action=Action.TAMPER).exists()


# ---- Verify a letter ---------------------------------------------------------------------------------


def test_an_issued_letter_verifies_with_its_case_version_issuer_and_verdict(clinician_client, issued):
    response = upload(clinician_client, bytes(issued.pdf))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This is letter version 1 of" in html
    assert f'href="/cases/{issued.case_id}/"' in html and str(issued.case_id)[:8] in html
    assert "issued by Doc Tester on" in html and "met" in html
    event = AuditEvent.objects.get(action=Action.VERIFY)
    assert (event.case_id, event.detail) == (issued.case_id, {"matched": True, "version": 1})


def test_a_letter_with_one_byte_changed_does_not_verify_and_its_case_is_named(clinician_client, issued):
    response = upload(clinician_client, one_byte_changed(bytes(issued.pdf)))
    html = response.content.decode()
    assert "This file is not a letter issued by this clinic" in html and "altered" in html
    assert "This is letter version" not in html
    # The attached case file still reads, and names the case whose versions to compare with.
    assert f'href="/cases/{issued.case_id}/letters/1.pdf">version 1</a>' in html
    event = AuditEvent.objects.get(action=Action.VERIFY)
    assert event.case_id is None
    assert event.detail == {"matched": False, "named_cases": [str(issued.case_id)]}


def test_another_clinics_letter_is_not_issued_by_this_clinic(
    clinician_client, issued, other_clinic, outsider
):
    theirs = ready_case(other_clinic, outsider)
    elsewhere = Client()
    elsewhere.force_login(outsider)
    issue(elsewhere, theirs)
    response = upload(clinician_client, bytes(IssuedLetter.objects.get(case=theirs).pdf))
    html = response.content.decode()
    assert "This file is not a letter issued by this clinic" in html
    assert str(theirs.pk) not in html
    # The attached file names a patient and request, and this clinic has that one too: compare with it.
    detail = AuditEvent.objects.get(action=Action.VERIFY).detail
    assert detail == {"matched": False, "named_cases": [str(issued.case_id)]}


def test_a_file_that_is_not_a_pdf_gets_a_clear_message_beside_the_field(clinician_client, issued):
    response = upload(clinician_client, b'{"patient": {}}', name="letter.pdf")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="pdf_errors"' in html and "This file is not a PDF" in html
    assert "is-invalid" in html
    assert not AuditEvent.objects.filter(action=Action.VERIFY).exists()


def test_no_file_and_a_too_large_file_get_clear_messages(clinician_client, issued, monkeypatch):
    assert "This field is required" in clinician_client.post("/letters/verify/", {}).content.decode()
    monkeypatch.setattr(verify, "MAX_PDF_BYTES", 1000)
    assert "larger than 20 MB" in upload(clinician_client, bytes(issued.pdf)).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-",
        b"%PDF-1.7\n" + b"\x00" * 500,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Names 2 0 R >> endobj\n%%EOF",
    ],
    ids=["header-only", "zeros", "broken-catalog"],
)
def test_a_damaged_pdf_is_simply_not_a_letter_of_this_clinic(clinician_client, issued, data):
    response = upload(clinician_client, data)
    assert response.status_code == 200
    assert "This file is not a letter issued by this clinic" in response.content.decode()


def test_every_member_may_verify_and_the_nav_and_case_page_link_it(client, issued, staff):
    client.force_login(staff)
    assert 'href="/letters/verify/"' in client.get("/cases/").content.decode()
    assert 'href="/letters/verify/"' in client.get(f"/cases/{issued.case_id}/").content.decode()
    assert "This is letter version 1" in upload(client, bytes(issued.pdf)).content.decode()


def test_verify_needs_sign_in(client):
    response = client.get("/letters/verify/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
