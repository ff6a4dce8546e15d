"""Issuing letters: clinicians issue, staff download, versions never change, other clinics see nothing."""

import hashlib
import subprocess
from dataclasses import replace

import pytest
from django.test import Client

from tests.conftest import make_case_from_example
from wizard.core.facts import Psych
from wizard.models import Case, IssuedLetter


def ready_case(clinic, user, name="crps-scs-permanent-medicare", facts_change=None):
    """Return a model case marked ready, optionally with its facts changed."""
    case = make_case_from_example(clinic, user, name)
    if facts_change:
        case.set_case_facts(facts_change(case.case_facts()))
    case.status = Case.Status.READY
    case.save()
    return case


def pdf_text(data: bytes, tmp_path) -> str:
    """Return the text of a PDF, whitespace collapsed."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def issue(client, case, reason=""):
    return client.post(f"/cases/{case.id}/letters/issue/", {"override_reason": reason})


def test_issuing_twice_makes_two_versions_and_the_first_downloads_unchanged(
    clinician_client, clinic, clinician
):
    case = ready_case(clinic, clinician)
    assert issue(clinician_client, case)["Location"] == f"/cases/{case.id}/"
    first = clinician_client.get(f"/cases/{case.id}/letters/1.pdf").content
    issue(clinician_client, case)
    letters = list(IssuedLetter.objects.filter(case=case).order_by("version"))
    assert [letter.version for letter in letters] == [1, 2]
    assert letters[0].sha256 != letters[1].sha256
    assert letters[0].sha256 == hashlib.sha256(first).hexdigest()
    assert clinician_client.get(f"/cases/{case.id}/letters/1.pdf").content == first
    case.refresh_from_db()
    assert case.status == Case.Status.ISSUED
    assert (letters[0].issued_by, letters[0].verdict, letters[0].payer) == (clinician, "meets", "medicare")


def test_download_is_a_pdf_named_without_patient_data_and_never_cached(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    response = clinician_client.get(f"/cases/{case.id}/letters/1.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="letter-{str(case.id)[:8]}-v1.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")


def test_staff_download_from_the_list_and_the_case_page_but_cannot_issue(client, clinic, clinician, staff):
    case = ready_case(clinic, clinician)
    doctor = Client()
    doctor.force_login(clinician)
    issue(doctor, case)
    client.force_login(staff)
    assert f"/cases/{case.id}/letters/1.pdf" in client.get("/cases/").content.decode()
    assert f"/cases/{case.id}/letters/1.pdf" in client.get(f"/cases/{case.id}/").content.decode()
    assert client.get(f"/cases/{case.id}/letters/1.pdf").status_code == 200
    assert issue(client, case).status_code == 403
    assert IssuedLetter.objects.count() == 1


def test_another_clinic_sees_no_letter(outsider_client, clinic, clinician):
    case = ready_case(clinic, clinician)
    doctor = Client()
    doctor.force_login(clinician)
    issue(doctor, case)
    for url in (f"/cases/{case.id}/letters/1.pdf", f"/cases/{case.id}/letter/preview/"):
        assert outsider_client.get(url).status_code == 404
    assert issue(outsider_client, case).status_code == 404
    assert IssuedLetter.objects.count() == 1


def test_a_draft_cannot_be_issued(clinician_client, example_case):
    response = issue(clinician_client, example_case)
    assert "mark it ready before issuing" in clinician_client.get(response["Location"]).content.decode()
    assert not IssuedLetter.objects.exists()


def test_open_requirements_need_a_stated_reason_that_the_letter_prints(
    clinician_client, clinic, clinician, tmp_path
):
    case = ready_case(clinic, clinician, facts_change=lambda facts: replace(facts, psych=Psych()))
    refused = issue(clinician_client, case)
    assert (
        "state why the letter should go anyway" in clinician_client.get(refused["Location"]).content.decode()
    )
    assert not IssuedLetter.objects.exists()
    issue(clinician_client, case, "Evaluation scheduled for Dec 1; payer agreed to review in parallel.")
    letter = IssuedLetter.objects.get()
    assert (letter.verdict, letter.override_reason) == (
        "incomplete",
        "Evaluation scheduled for Dec 1; payer agreed to review in parallel.",
    )
    text = pdf_text(bytes(letter.pdf), tmp_path)
    assert "Evaluation scheduled for Dec 1; payer agreed to review in parallel." in text
    assert "psychological evaluation that cleared the patient" in text


def test_an_issued_letter_never_changes(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    letter = IssuedLetter.objects.get()
    letter.override_reason = "tampered"
    with pytest.raises(ValueError, match="cannot be changed"):
        letter.save()


def test_editing_an_issued_case_needs_a_new_review_and_issue_for_version_2(
    clinician_client, clinic, clinician
):
    from tests.wizard_posts import post_step

    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    post_step(
        clinician_client,
        case,
        "patient",
        {"name": "Dana Whitfield", "born_on": "1960-04-18", "member_id": "NEW123"},
    )
    case.refresh_from_db()
    assert case.status == Case.Status.DRAFT
    assert issue(clinician_client, case) and IssuedLetter.objects.count() == 1
    case.status = Case.Status.READY
    case.save()
    issue(clinician_client, case)
    assert sorted(IssuedLetter.objects.values_list("version", flat=True)) == [1, 2]


def test_preview_is_the_letter_as_html_framed_only_by_this_site(clinician_client, example_case):
    response = clinician_client.get(f"/cases/{example_case.id}/letter/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Dana Whitfield" in html and "63650" in html and "<script" not in html


def test_a_case_with_letters_cannot_be_deleted(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)
    clinician_client.post(f"/cases/{case.id}/delete/")
    assert Case.objects.filter(pk=case.pk).exists()
