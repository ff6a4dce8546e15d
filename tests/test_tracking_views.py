"""Recording submissions and the payer's answers on the case page: due times, statuses, refusals, audit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.conftest import make_case_from_example, signed_in
from tests.wizard_posts import next_step_of, post_step
from wizard.core.choices import DenialReason
from wizard.core.tracking import FOR_THE_RECORD
from wizard.issuing import issue_letter
from wizard.models import Case, IssuedLetter, PayerAnswer, Submission

AETNA = "fbss-scs-permanent-aetna"
MEDICARE_ASC = "crps-scs-permanent-medicare"


def issued_case(clinic, user, name=AETNA):
    """Return a model case, marked ready, with its letter issued (a real PDF)."""
    case = make_case_from_example(clinic, user, name)
    case.status = Case.Status.READY
    case.save()
    today = timezone.localdate()
    issue_letter(case.id, clinic.id, user, "Records follow.", today, to_follow_on=today + timedelta(days=7))
    # As if issued long ago, so that sendings can be dated in the past (a queryset update: save() refuses).
    IssuedLetter.objects.filter(case=case).update(issued_at=timezone.now() - timedelta(days=500))
    case.refresh_from_db()
    return case


def local(moment) -> str:
    """Return a time as a datetime-local input sends it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def submit(client, case, sent=None, **fields):
    """Post the submission form (fax, the latest letter, sent an hour ago unless told)."""
    sent = sent or timezone.now() - timedelta(hours=1)
    data = {
        "submission-letter": case.letters.order_by("-version").first().pk,
        "submission-channel": "fax",
        "submission-submitted_at": local(sent),
        "submission-reference": "REF-1",
    }
    data.update({f"submission-{name}": value for name, value in fields.items()})
    return client.post(f"/cases/{case.id}/submissions/", data)


def answer(client, case, kind, submission=None, **fields):
    """Post the answer form for the case's latest submission unless told."""
    submission = submission or case.submissions.order_by("-submitted_at").first()
    data = {
        "answer-submission": submission.pk if submission else "",
        "answer-kind": kind,
        "answer-answered_on": timezone.localdate().isoformat(),
    }
    data.update({f"answer-{name}": value for name, value in fields.items()})
    return client.post(f"/cases/{case.id}/answers/", data)


def status_of(case) -> str:
    case.refresh_from_db()
    return case.status


@pytest.fixture
def aetna_case(clinic, clinician):
    return issued_case(clinic, clinician)


def test_staff_record_a_fax_submission_due_after_the_default_days(staff_client, aetna_case):
    sent = timezone.now() - timedelta(hours=2)
    response = submit(staff_client, aetna_case, sent=sent, reference="UTN-778")
    assert response.status_code == 302 and response["Location"].endswith("#tracking")
    submission = Submission.objects.get(case=aetna_case)
    assert (submission.channel, submission.reference, submission.due_rule) == ("fax", "UTN-778", "")
    assert submission.due_at == submission.submitted_at + timedelta(days=15)
    assert status_of(aetna_case) == Case.Status.SUBMITTED
    page = staff_client.get(f"/cases/{aetna_case.id}/").content.decode()
    assert "Our default: 15 days" in page and "UTN-778" in page and "OVERDUE" not in page
    change = AuditEvent.objects.get(action=Action.CHANGE, detail__what="submission")
    assert (change.case_id, change.detail["submission"], change.detail["due_rule"]) == (
        aetna_case.pk,
        submission.pk,
        "",
    )
    status = AuditEvent.objects.get(action=Action.STATUS, case_id=aetna_case.pk, detail__to="submitted")
    assert status.detail["from"] == "issued"


def test_the_default_days_come_from_settings(settings, staff_client, aetna_case):
    settings.DECISION_DEFAULT_DAYS = 30
    submit(staff_client, aetna_case)
    submission = Submission.objects.get(case=aetna_case)
    assert submission.due_at - submission.submitted_at == timedelta(days=30)
    assert "Our default: 30 days" in staff_client.get(f"/cases/{aetna_case.id}/").content.decode()


def test_a_submission_past_its_due_time_shows_overdue_until_decided(staff_client, aetna_case):
    submit(staff_client, aetna_case, sent=timezone.now() - timedelta(days=16))
    assert "OVERDUE" in staff_client.get(f"/cases/{aetna_case.id}/").content.decode()
    answer(staff_client, aetna_case, "approved", authorization_number="A-1")
    assert "OVERDUE" not in staff_client.get(f"/cases/{aetna_case.id}/").content.decode()


def test_medicare_fee_for_service_in_an_asc_is_sent_for_the_record(clinic, clinician, staff_client):
    case = issued_case(clinic, clinician, MEDICARE_ASC)
    submit(staff_client, case, sent=timezone.now() - timedelta(days=400))
    submission = Submission.objects.get(case=case)
    assert submission.due_rule == FOR_THE_RECORD and submission.due_at is None
    page = staff_client.get(f"/cases/{case.id}/").content.decode()
    assert "for the record, never overdue" in page and "OVERDUE" not in page


def test_an_approval_records_its_authorization_and_approves_the_case(clinician_client, aetna_case):
    submit(clinician_client, aetna_case)
    today = timezone.localdate()
    response = answer(
        clinician_client,
        aetna_case,
        "approved",
        authorization_number="AUTH-55",
        approved_units="1",
        valid_from=today.isoformat(),
        valid_until=(today + timedelta(days=90)).isoformat(),
        denial_reasons=[DenialReason.CODING.value],
    )
    assert response.status_code == 302
    saved = PayerAnswer.objects.get()
    assert (saved.kind, saved.authorization_number, saved.approved_units) == ("approved", "AUTH-55", 1)
    assert saved.denial_reasons == []  # details of another kind of answer are not kept
    assert status_of(aetna_case) == Case.Status.APPROVED
    assert AuditEvent.objects.filter(
        action=Action.CHANGE, detail__what="answer", detail__kind="approved"
    ).exists()
    assert AuditEvent.objects.filter(action=Action.STATUS, detail__to="approved").exists()
    page = clinician_client.get(f"/cases/{aetna_case.id}/").content.decode()
    assert "Authorization AUTH-55" in page and 'status-approved">Approved<' in page


def test_denied_then_appealed_then_approved_and_the_list_shows_each_status(staff_client, aetna_case):
    submit(staff_client, aetna_case, sent=timezone.now() - timedelta(days=3))
    answer(
        staff_client,
        aetna_case,
        "denied",
        denial_reasons=[DenialReason.PSYCH_EVALUATION.value, DenialReason.OTHER.value],
        payer_text="No psychological clearance on file.",
        appeal_deadline_on=(timezone.localdate() + timedelta(days=60)).isoformat(),
    )
    assert status_of(aetna_case) == Case.Status.DENIED
    assert "Denied" in staff_client.get("/cases/").content.decode()
    # Sent now: an appeal cannot be dated before the denial notice (dated today), whatever the hour.
    submit(staff_client, aetna_case, sent=timezone.now(), is_appeal="on")
    assert status_of(aetna_case) == Case.Status.APPEALED
    assert 'status-appealed">Appealed<' in staff_client.get("/cases/").content.decode()
    answer(staff_client, aetna_case, "approved", authorization_number="AP-9")
    assert status_of(aetna_case) == Case.Status.APPROVED
    moves = list(
        AuditEvent.objects.filter(action=Action.STATUS, case_id=aetna_case.pk)
        .order_by("pk")
        .values_list("detail__to", flat=True)
    )
    assert moves[-4:] == ["submitted", "denied", "appealed", "approved"]


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        ("approved", {}, "authorization_number", "Give the authorization number"),
        (
            "approved",
            {"authorization_number": "A", "valid_from": "2026-11-10", "valid_until": "2026-11-09"},
            "valid_until",
            "cannot end before it starts",
        ),
        ("denied", {}, "denial_reasons", "Choose at least one reason"),
        ("denied", {"denial_reasons": ["other"]}, "payer_text", "give the payer&#x27;s words"),
        ("pended", {}, "payer_text", "Give what the payer asks for"),
        ("peer_to_peer", {}, "peer_to_peer_at", "Give the date and time of the call"),
    ],
)
def test_an_answer_missing_what_its_kind_needs_is_refused_beside_the_field(
    staff_client, aetna_case, kind, fields, field, message
):
    submit(staff_client, aetna_case, sent=timezone.now() - timedelta(days=30))
    response = answer(staff_client, aetna_case, kind, answered_on="2026-11-08", **fields)
    assert response.status_code == 200
    assert PayerAnswer.objects.count() == 0
    assert message in response.content.decode()
    # The message sits beside its own field: after that field's control, in the answer form.
    page = response.content.decode()
    assert page.index(f'name="answer-{field}"') < page.index(message)


def test_a_future_notice_date_is_refused_and_what_was_typed_is_kept(staff_client, aetna_case):
    submit(staff_client, aetna_case)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = answer(
        staff_client, aetna_case, "approved", answered_on=tomorrow, authorization_number="KEEP-ME"
    )
    page = response.content.decode()
    assert response.status_code == 200 and "cannot be in the future" in page
    assert 'value="KEEP-ME"' in page and PayerAnswer.objects.count() == 0


def test_a_notice_dated_before_the_sending_is_refused(staff_client, aetna_case):
    submit(staff_client, aetna_case, sent=timezone.now() - timedelta(hours=1))
    yesterday = (timezone.localdate() - timedelta(days=2)).isoformat()
    response = answer(staff_client, aetna_case, "approved", answered_on=yesterday, authorization_number="A")
    assert "cannot be dated before the submission was sent" in response.content.decode()


def test_an_answer_without_a_submission_is_refused(staff_client, aetna_case):
    response = answer(staff_client, aetna_case, "approved", authorization_number="A")
    assert response.status_code == 200
    assert "Record the submission first" in response.content.decode()
    assert PayerAnswer.objects.count() == 0
    assert status_of(aetna_case) == Case.Status.ISSUED


def test_a_submission_in_the_future_or_before_its_letter_is_refused(staff_client, aetna_case):
    response = submit(staff_client, aetna_case, sent=timezone.now() + timedelta(days=1), reference="TYPED")
    page = response.content.decode()
    assert "cannot be in the future" in page and 'value="TYPED"' in page
    response = submit(staff_client, aetna_case, sent=timezone.now() - timedelta(days=501))
    assert "This letter was issued after that time" in response.content.decode()
    assert Submission.objects.count() == 0


def test_an_appeal_needs_a_recorded_denial_and_is_not_dated_before_it(staff_client, aetna_case):
    submit(staff_client, aetna_case, sent=timezone.now() - timedelta(days=10))
    response = submit(staff_client, aetna_case, is_appeal="on", reference="TYPED")
    page = response.content.decode()
    assert response.status_code == 200 and 'value="TYPED"' in page
    assert page.index('name="submission-is_appeal"') < page.index("Record the payer&#x27;s denial first")
    denied_on = timezone.localdate() - timedelta(days=2)
    answer(
        staff_client,
        aetna_case,
        "denied",
        answered_on=denied_on.isoformat(),
        denial_reasons=["other"],
        payer_text="No.",
    )
    early = timezone.now() - timedelta(days=5)
    response = submit(staff_client, aetna_case, sent=early, is_appeal="on")
    assert f"The denial notice is dated {denied_on:%b %-d, %Y}" in response.content.decode()
    assert Submission.objects.filter(is_appeal=True).count() == 0
    assert status_of(aetna_case) == Case.Status.DENIED
    assert submit(staff_client, aetna_case, sent=timezone.now(), is_appeal="on").status_code == 302
    assert status_of(aetna_case) == Case.Status.APPEALED


def test_nothing_is_sent_before_a_letter_is_issued(clinic, clinician, staff_client):
    case = make_case_from_example(clinic, clinician, AETNA)
    response = staff_client.post(
        f"/cases/{case.id}/submissions/",
        {"submission-channel": "fax", "submission-submitted_at": local(timezone.now())},
    )
    assert response.status_code == 302 and Submission.objects.count() == 0
    assert "Issue the letter first" in staff_client.get(response["Location"]).content.decode()


def test_another_clinic_gets_404_for_the_case_and_for_its_submission(
    client, clinic, clinician, other_clinic, outsider, aetna_case
):
    doctor = signed_in(client, clinician)
    submit(doctor, aetna_case)
    theirs = Submission.objects.get(case=aetna_case)
    outsider_client = signed_in(client, outsider)
    assert submit(outsider_client, aetna_case).status_code == 404
    assert answer(outsider_client, aetna_case, "approved", authorization_number="X").status_code == 404
    assert outsider_client.post(f"/cases/{aetna_case.id}/close/").status_code == 404
    own = issued_case(other_clinic, outsider, MEDICARE_ASC)
    submit(outsider_client, own)
    response = answer(outsider_client, own, "approved", submission=theirs, authorization_number="X")
    assert response.status_code == 404
    assert PayerAnswer.objects.count() == 0


def test_a_manager_reads_but_does_not_record(client, clinic, manager, aetna_case):
    manager_client = signed_in(client, manager)
    assert submit(manager_client, aetna_case).status_code == 403
    page = manager_client.get(f"/cases/{aetna_case.id}/").content.decode()
    assert "Sent to the payer" in page and "Record submission" not in page


def test_an_archived_case_is_read_only(staff_client, aetna_case):
    submit(staff_client, aetna_case)
    Case.objects.filter(pk=aetna_case.pk).update(archived_at=timezone.now())
    assert submit(staff_client, aetna_case).status_code == 403
    assert answer(staff_client, aetna_case, "approved", authorization_number="A").status_code == 403
    page = staff_client.get(f"/cases/{aetna_case.id}/").content.decode()
    assert "Record answer" not in page and Submission.objects.count() == 1


def test_closing_a_case_ends_its_tracking(staff_client, aetna_case):
    submit(staff_client, aetna_case)
    assert staff_client.post(f"/cases/{aetna_case.id}/close/").status_code == 302
    assert status_of(aetna_case) == Case.Status.CLOSED
    assert AuditEvent.objects.filter(action=Action.STATUS, detail__to="closed").exists()
    response = submit(staff_client, aetna_case)
    assert response.status_code == 302 and Submission.objects.count() == 1
    assert "This case is closed" in staff_client.get(response["Location"]).content.decode()


def test_editing_facts_of_a_submitted_case_keeps_its_tracking_status(clinician_client, aetna_case):
    doctor = clinician_client
    submit(doctor, aetna_case)
    assert status_of(aetna_case) == Case.Status.SUBMITTED
    response = post_step(
        doctor, aetna_case, "patient", {"name": "Dana Whitfield-Ruiz", "born_on": "1960-04-18"}
    )
    assert next_step_of(response) is not None
    aetna_case.refresh_from_db()
    assert aetna_case.patient_name == "Dana Whitfield-Ruiz"
    assert aetna_case.status == Case.Status.SUBMITTED


def test_editing_facts_of_an_issued_case_still_sends_it_back_to_draft(clinician_client, aetna_case):
    post_step(
        clinician_client, aetna_case, "patient", {"name": "Dana Whitfield-Ruiz", "born_on": "1960-04-18"}
    )
    assert status_of(aetna_case) == Case.Status.DRAFT
