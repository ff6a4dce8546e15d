"""Issuing letters: clinicians issue, staff download, versions never change, other clinics see nothing."""

import hashlib
import io
import json
import subprocess
from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import path
from django.utils import timezone
from pypdf import PdfReader

from audit.models import Action, AuditEvent
from tests.conftest import make_case_from_example
from wizard import issuing
from wizard.core.assessment import assess
from wizard.core.display import format_date
from wizard.core.facts import Psych
from wizard.database_busy import server_error
from wizard.issuing import issue_letter
from wizard.letter.render import render_letter_pdf
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


def follow_date():
    """Return the date the open items of an override will follow: a week from today."""
    return timezone.localdate() + timedelta(days=7)


def issue(client, case, reason="", to_follow_on=None):
    """Post the issue form; an override gives the date its open items will follow (a week on) unless told."""
    on = to_follow_on if to_follow_on is not None else (follow_date().isoformat() if reason else "")
    return client.post(f"/cases/{case.id}/letters/issue/", {"override_reason": reason, "to_follow_on": on})


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
    assert "A psychological evaluation before implantation cleared the patient" in text
    # The override letter lists its open items as to follow by the date given, and never attests complete.
    assert f"to follow by {format_date(follow_date())}" in text
    assert "accurate and complete" not in text


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
        # A Medicare member id has the MBI's format (a new one: the case changes).
        {"name": "Dana Whitfield", "born_on": "1960-04-18", "member_id": "2EG4TE5MK73"},
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


# ---- Issuing renders with no lock held, and stores only what it rendered ---------------------------


def test_issuing_and_an_override_are_audited_with_version_verdict_hash_and_open_criteria(
    clinician_client, clinic, clinician
):
    case = ready_case(clinic, clinician, facts_change=lambda facts: replace(facts, psych=Psych()))
    issue(clinician_client, case, "Evaluation booked.")
    letter = IssuedLetter.objects.get()
    issued = AuditEvent.objects.get(action=Action.ISSUE)
    assert (issued.case_id, issued.user, issued.clinic_id) == (case.pk, clinician, clinic.pk)
    assert issued.detail == {"version": 1, "verdict": "incomplete", "sha256": letter.sha256}
    override = AuditEvent.objects.get(action=Action.OVERRIDE)
    assert override.case_id == case.pk
    assert override.detail["version"] == 1 and override.detail["reason"] == "Evaluation booked."
    judged = assess(case.case_facts(), today=timezone.localdate()).verdict
    assert override.detail["open"] == [result.criterion.id for result in judged.blocking] != []
    assert override.detail["open"] == list(judged.open_ids)


def infected(facts):
    """Return the facts with an active infection recorded."""
    return replace(facts, safety=replace(facts.safety, active_infection=True))


def test_a_safety_hold_needs_an_override_that_the_letter_and_audit_name(
    clinician_client, clinic, clinician, tmp_path
):
    case = ready_case(clinic, clinician, facts_change=infected)
    assert case.verdict == "does_not_meet"
    refused = clinician_client.get(issue(clinician_client, case)["Location"]).content.decode()
    assert "A safety hold is open" in refused and "No active infection" in refused
    assert not IssuedLetter.objects.exists()
    issue(clinician_client, case, "Infection treated on Nov 20; culture negative.")
    letter = IssuedLetter.objects.get()
    assert letter.verdict == "does_not_meet"
    override = AuditEvent.objects.get(action=Action.OVERRIDE)
    assert "safety.infection" in override.detail["open"]
    text = pdf_text(bytes(letter.pdf), tmp_path)
    assert "The following safety holds are open: No active infection" in text
    assert "meets each required criterion" not in text


def test_a_letter_that_meets_records_no_override(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    assert AuditEvent.objects.filter(action=Action.ISSUE, case_id=case.pk).count() == 1
    assert not AuditEvent.objects.filter(action=Action.OVERRIDE).exists()


def test_a_download_is_audited_with_its_version(clinician_client, clinic, clinician, staff):
    case = ready_case(clinic, clinician)
    issue(clinician_client, case)
    desk = Client()
    desk.force_login(staff)
    assert desk.get(f"/cases/{case.id}/letters/1.pdf").status_code == 200
    event = AuditEvent.objects.get(action=Action.DOWNLOAD)
    assert (event.case_id, event.user.username, event.detail) == (case.pk, "desk", {"version": 1})


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_rendered_outside_any_transaction(client, monkeypatch, clinic, clinician):
    case = ready_case(clinic, clinician)
    in_transaction = []

    def watched_render(letter, **kwargs):
        in_transaction.append(connection.in_atomic_block)
        return render_letter_pdf(letter, **kwargs)

    monkeypatch.setattr(issuing, "render_letter_pdf", watched_render)
    client.force_login(clinician)
    issue(client, case)
    assert in_transaction == [False]
    assert IssuedLetter.objects.filter(case=case).count() == 1


def render_then(monkeypatch, meanwhile, *, every_time=False):
    """Make an issue's render run `meanwhile()` first, as if another request ran during it."""
    calls = []

    def interrupted_render(letter, **kwargs):
        calls.append(letter.reference.split(",")[0])
        if every_time or len(calls) == 1:
            meanwhile()
        return render_letter_pdf(letter, **kwargs)

    monkeypatch.setattr(issuing, "render_letter_pdf", interrupted_render)
    return calls


def test_an_issue_that_raced_another_is_rendered_again_as_the_next_version(
    clinician_client, monkeypatch, clinic, clinician, tmp_path
):
    case = ready_case(clinic, clinician)

    def another_issue():
        issue_letter(case.pk, clinic.pk, clinician, "", timezone.localdate())

    calls = render_then(monkeypatch, another_issue)
    response = issue(clinician_client, case)
    assert "Letter version 2 issued." in clinician_client.get(response["Location"]).content.decode()
    # This issue rendered version 1, the other stored version 1 meanwhile, so this one rendered version 2.
    assert calls == ["Letter version 1", "Letter version 1", "Letter version 2"]
    letters = list(IssuedLetter.objects.filter(case=case).order_by("version"))
    assert [letter.version for letter in letters] == [1, 2]
    for letter in letters:
        assert f"Letter version {letter.version}," in pdf_text(bytes(letter.pdf), tmp_path)
        assert hashlib.sha256(bytes(letter.pdf)).hexdigest() == letter.sha256


def test_a_letter_rendered_before_another_was_stored_is_not_stored(clinic, clinician):
    case = ready_case(clinic, clinician)
    today = timezone.localdate()
    stale = issuing.render_letter(case, "", today)
    issue_letter(case.pk, clinic.pk, clinician, "", today)
    assert issuing.store_letter(stale, case.pk, clinician) is None
    assert list(IssuedLetter.objects.values_list("version", flat=True)) == [1]


def test_facts_changed_while_rendering_are_rendered_again_and_the_letter_holds_the_new_facts(
    clinician_client, monkeypatch, clinic, clinician, tmp_path
):
    case = ready_case(clinic, clinician)

    def edit_the_payer_name():
        changed = Case.objects.get(pk=case.pk)
        changed.facts = {
            **changed.facts,
            "request": {**changed.facts["request"], "plan_name": "Changed plan"},
        }
        changed.save()

    calls = render_then(monkeypatch, edit_the_payer_name)
    issue(clinician_client, case)
    assert len(calls) == 2
    pdf = bytes(IssuedLetter.objects.get().pdf)
    assert "Changed plan" in pdf_text(pdf, tmp_path)
    attached = PdfReader(io.BytesIO(pdf)).attachments["case.json"][0]
    assert json.loads(attached)["request"]["plan_name"] == "Changed plan"


def test_a_case_sent_back_to_draft_while_rendering_is_not_issued(
    clinician_client, monkeypatch, clinic, clinician
):
    case = ready_case(clinic, clinician)

    def edit_in_the_wizard():
        Case.objects.filter(pk=case.pk).update(status=Case.Status.DRAFT)

    render_then(monkeypatch, edit_in_the_wizard)
    response = issue(clinician_client, case)
    assert "mark it ready before issuing" in clinician_client.get(response["Location"]).content.decode()
    assert not IssuedLetter.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.ISSUE).exists()


def test_a_case_that_keeps_changing_is_refused_after_a_few_renders(
    clinician_client, monkeypatch, clinic, clinician
):
    case = ready_case(clinic, clinician)
    counter = iter(range(100))

    def always():
        changed = Case.objects.get(pk=case.pk)
        changed.facts = {
            **changed.facts,
            "request": {**changed.facts["request"], "plan_name": f"Plan {next(counter)}"},
        }
        changed.save()

    calls = render_then(monkeypatch, always, every_time=True)
    response = issue(clinician_client, case)
    assert len(calls) == issuing.MAX_ATTEMPTS
    assert "kept changing" in clinician_client.get(response["Location"]).content.decode()
    assert not IssuedLetter.objects.exists()


# ---- A busy database is a 503 that says nothing was lost ---------------------------------------------


def busy_view(request):
    raise OperationalError("database is locked")


def broken_view(request):
    raise OperationalError("no such table: wizard_case")


urlpatterns = [path("busy/", busy_view), path("broken/", broken_view)]


@pytest.mark.urls("tests.test_letters")
def test_a_locked_database_answers_503_saying_nothing_was_lost(clinician_client, caplog):
    response = clinician_client.post("/busy/", {"patient-name": "Dana Whitfield"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Nothing was lost" in response.content.decode()
    assert "Dana" not in caplog.text and "busy" in caplog.text


@pytest.mark.urls("tests.test_letters")
def test_another_database_error_is_still_a_server_error(clinician_client):
    with pytest.raises(OperationalError):
        clinician_client.get("/broken/")


def test_a_locked_database_met_outside_a_view_gets_the_503_page_too(rf):
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(rf.get("/cases/"))
    assert response.status_code == 503 and b"Nothing was lost" in response.content


def test_the_500_handler_keeps_the_server_error_page_for_other_errors(rf):
    try:
        raise ValueError("something else")
    except ValueError:
        response = server_error(rf.get("/cases/"))
    assert response.status_code == 500


def test_an_override_without_the_date_its_items_will_follow_is_refused(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician, facts_change=lambda facts: replace(facts, psych=Psych()))
    refused = issue(clinician_client, case, "Evaluation booked.", to_follow_on="")
    page = clinician_client.get(refused["Location"]).content.decode()
    assert "Give the date the open items will follow" in page
    assert not IssuedLetter.objects.exists()


def test_the_date_open_items_will_follow_cannot_be_past(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician, facts_change=lambda facts: replace(facts, psych=Psych()))
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    refused = issue(clinician_client, case, "Evaluation booked.", to_follow_on=yesterday)
    assert "cannot be in the past" in clinician_client.get(refused["Location"]).content.decode()
    assert not IssuedLetter.objects.exists()


def test_the_issue_form_asks_the_date_and_names_the_open_items(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician, facts_change=lambda facts: replace(facts, psych=Psych()))
    page = clinician_client.get(f"/cases/{case.id}/").content.decode()
    assert 'name="to_follow_on"' in page and "Date the open items will follow" in page
    judged = assess(case.case_facts(), today=timezone.localdate()).verdict
    assert judged.open_texts and all(item in page for item in judged.open_texts)


def test_a_letter_that_meets_asks_no_date_and_attests_complete(clinician_client, clinic, clinician, tmp_path):
    case = ready_case(clinic, clinician)
    assert 'name="to_follow_on"' not in clinician_client.get(f"/cases/{case.id}/").content.decode()
    issue(clinician_client, case)
    text = pdf_text(bytes(IssuedLetter.objects.get().pdf), tmp_path)
    assert "accurate and complete" in text and "to follow" not in text


def test_a_preview_with_open_items_never_attests_complete(clinician_client, clinic, clinician):
    case = ready_case(clinic, clinician, facts_change=lambda facts: replace(facts, psych=Psych()))
    page = clinician_client.get(f"/cases/{case.id}/letter/preview/").content.decode()
    assert "accurate and complete" not in page and "to follow" in page
