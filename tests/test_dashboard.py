"""The clinic dashboard: what awaits a decision, approval rates, median days, denial reasons, in few queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.conftest import make_case_from_example
from wizard.core.choices import DenialReason
from wizard.core.tracking import FOR_THE_RECORD
from wizard.models import Case, PayerAnswer, Submission

NOW = timezone.now()
PSYCH, CODING = DenialReason.PSYCH_EVALUATION.value, DenialReason.CODING.value


def clone(case: Case, count: int, **columns) -> list[Case]:
    """Return count copies of a case in its clinic (bulk-created, list columns as given)."""
    copies = [
        Case(clinic_id=case.clinic_id, facts=case.facts, status=Case.Status.SUBMITTED, **columns)
        for _ in range(count)
    ]
    for copy in copies:
        copy.refresh_list_columns()
        for name, value in columns.items():
            setattr(copy, name, value)
    return Case.objects.bulk_create(copies)


def send(case, user, days_ago, *, due_days=7, rule="CMS-0057-F (89 FR 8758)", appeal=False):
    """Record a sending days_ago, due after due_days (None: for the record)."""
    at = NOW - timedelta(days=days_ago)
    return Submission.objects.create(
        case=case,
        channel="fax",
        submitted_at=at,
        submitted_by=user,
        is_appeal=appeal,
        due_at=at + timedelta(days=due_days) if due_days is not None else at,
        due_rule=rule if due_days is not None else FOR_THE_RECORD,
    )


def answer(submission, user, kind, after_days, reasons=()):
    """Record the payer's answer after_days after the sending."""
    on = timezone.localdate(submission.submitted_at) + timedelta(days=after_days)
    extra = {"authorization_number": "A-1"} if kind == "approved" else {}
    return PayerAnswer.objects.create(
        submission=submission,
        kind=kind,
        answered_on=on,
        denial_reasons=list(reasons),
        recorded_by=user,
        **extra,
    )


@pytest.fixture
def hand_built(clinic, clinician, other_clinic, outsider):
    """Cases of two payers and two procedures with known decisions, and another clinic's case."""
    base = make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")
    aetna = clone(base, 3, payer_label="Aetna", procedure="scs_permanent")
    humana = clone(base, 3, payer_label="Humana", procedure="scs_trial")
    medicare = clone(base, 1, payer_label="Medicare", procedure="scs_permanent")
    answer(send(aetna[0], clinician, 30), clinician, "approved", 4)
    answer(send(aetna[1], clinician, 30), clinician, "approved", 10)
    answer(send(aetna[2], clinician, 30), clinician, "denied", 6, [PSYCH, CODING])
    denied = send(humana[0], clinician, 30)
    answer(denied, clinician, "denied", 2, [PSYCH])
    appeal = send(humana[0], clinician, 20, appeal=True)  # overdue since 13 days
    send(humana[1], clinician, 2)  # due in 5 days
    overdue = send(humana[2], clinician, 10, due_days=3)  # overdue since 7 days
    send(medicare[0], clinician, 100, due_days=None)  # for the record: never awaited
    elsewhere = make_case_from_example(other_clinic, outsider, "fbss-scs-permanent-aetna")
    answer(send(elsewhere, outsider, 5), outsider, "denied", 1, [CODING])
    return {"appeal": appeal, "overdue": overdue, "humana": humana}


def test_dashboard_numbers_for_a_hand_built_clinic(clinician_client, hand_built):
    response = clinician_client.get("/dashboard/")
    assert response.status_code == 200
    board = response.context["board"]
    by_payer = {group.name: group for group in board.by_payer}
    assert set(by_payer) == {"Aetna", "Humana"}
    aetna, humana = by_payer["Aetna"], by_payer["Humana"]
    assert (aetna.sent, aetna.approved, aetna.denied, aetna.median_days) == (3, 2, 1, 6)
    assert aetna.approval_percent == pytest.approx(200 / 3)
    assert (humana.sent, humana.approved, humana.denied, humana.median_days) == (4, 0, 1, 2)
    by_procedure = {group.name: group.approval_percent for group in board.by_procedure}
    assert by_procedure["Spinal cord stimulator permanent implant"] == pytest.approx(200 / 3)
    # Another clinic's coding denial is not counted.
    assert [(code, count) for code, _label, count in board.denial_reasons] == [(PSYCH, 2), (CODING, 1)]
    assert [(w.request.submission_id, w.overdue) for w in board.awaiting] == [
        (hand_built["appeal"].pk, True),
        (hand_built["overdue"].pk, True),
        (Submission.objects.get(case=hand_built["humana"][1]).pk, False),
    ]


def test_dashboard_page_shows_tables_charts_and_overdue_flags(clinician_client, hand_built):
    page = clinician_client.get("/dashboard/").content.decode()
    assert "2 overdue" in page and page.count('badge overdue">OVERDUE<') == 2
    assert "67%" in page and 'role="img"' in page and "<title>Approval rate by payer</title>" in page
    assert "Psychological evaluation missing or without clearance" in page
    assert 'href="/dashboard/"' in page  # the site navigation links it
    assert "<script" not in page.split("</main>")[0]


def test_dashboard_is_audited_as_a_listing(clinician_client, hand_built):
    clinician_client.get("/dashboard/")
    event = AuditEvent.objects.get(action=Action.LIST, detail__what="dashboard")
    assert len(event.detail["cases"]) == 3


def test_staff_and_an_empty_clinic_see_the_dashboard(staff_client):
    page = staff_client.get("/dashboard/").content.decode()
    assert "No request is awaiting a decision." in page and "Nothing sent yet." in page


def test_dashboard_takes_a_fixed_few_queries_however_many_cases(
    clinician_client, clinic, clinician, django_assert_max_num_queries
):
    base = make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")
    for index, case in enumerate(clone(base, 60, payer_label="Aetna", procedure="scs_permanent")):
        submission = send(case, clinician, 20 + index % 10)
        if index % 3:
            answer(submission, clinician, "denied" if index % 2 else "approved", 3, [PSYCH])
    with django_assert_max_num_queries(6):
        response = clinician_client.get("/dashboard/")
    assert len(response.context["board"].awaiting) == 20
