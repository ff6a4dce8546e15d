"""Tracking in the pure core: due times by payer rule, overdue as of a passed-in time, statuses, dashboard numbers."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import example_facts
from wizard.core.choices import DenialReason, Payer, PlaceOfService
from wizard.core.tracking import (
    FOR_THE_RECORD,
    TrackedAnswer,
    TrackedSubmission,
    TrackingStatus,
    case_status_after,
    decision_due,
    is_overdue,
    stored_due,
)
from wizard.core.tracking_stats import SentRequest, build_dashboard
from wizard.dashboard_charts import Bar, bar_chart

SENT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def facts_for(payer, place=None, name="fbss-scs-permanent-aetna"):
    """Return a model case's facts with the payer (and place of service) changed."""
    facts = example_facts(name)
    request = replace(facts.request, payer=payer)
    if place is not None:
        request = replace(request, place_of_service=place)
    return replace(facts, request=request)


def test_humana_ma_standard_is_due_seven_calendar_days_after_sending_under_cms_0057_f():
    due = decision_due(facts_for(Payer.HUMANA_MA), SENT, expedited=False, default_days=15)
    assert due.due_at == SENT + timedelta(days=7)
    assert due.rule == "CMS-0057-F (89 FR 8758)"
    assert due.label == "CMS-0057-F (89 FR 8758): 7 calendar days"


def test_humana_ma_expedited_is_due_72_hours_after_sending():
    due = decision_due(facts_for(Payer.HUMANA_MA), SENT, expedited=True, default_days=15)
    assert due.due_at == SENT + timedelta(hours=72)
    assert due.label == "CMS-0057-F (89 FR 8758): 72 hours, expedited"


@pytest.mark.parametrize("default_days", [15, 30])
@pytest.mark.parametrize("expedited", [False, True])
def test_aetna_is_due_after_the_clinics_default_days_expedited_or_not(default_days, expedited):
    due = decision_due(facts_for(Payer.AETNA), SENT, expedited=expedited, default_days=default_days)
    assert due.due_at == SENT + timedelta(days=default_days)
    assert (due.rule, due.label) == ("", f"our default: {default_days} days")


def test_medicare_fee_for_service_in_an_asc_asks_no_decision_so_the_sending_is_for_the_record():
    facts = facts_for(Payer.MEDICARE, PlaceOfService.ASC)
    due = decision_due(facts, SENT, expedited=True, default_days=15)
    assert due.due_at is None and due.for_the_record and due.rule == FOR_THE_RECORD
    assert "for the record" in due.label
    assert not is_overdue(due.due_at, False, SENT + timedelta(days=400))


def test_medicare_in_a_hospital_outpatient_department_is_due_after_the_default_days():
    facts = facts_for(Payer.MEDICARE, PlaceOfService.HOSPITAL_OUTPATIENT)
    assert decision_due(facts, SENT, expedited=False, default_days=15).due_at == SENT + timedelta(days=15)


def test_overdue_flips_exactly_after_the_due_time_and_never_once_decided():
    due_at = SENT + timedelta(days=7)
    assert not is_overdue(due_at, False, due_at)
    assert is_overdue(due_at, False, due_at + timedelta(microseconds=1))
    assert not is_overdue(due_at, True, due_at + timedelta(days=30))


@pytest.mark.parametrize(
    ("due_at", "rule", "expedited", "label"),
    [
        (
            SENT + timedelta(days=7),
            "CMS-0057-F (89 FR 8758)",
            False,
            "CMS-0057-F (89 FR 8758): 7 calendar days",
        ),
        (
            SENT + timedelta(hours=72),
            "CMS-0057-F (89 FR 8758)",
            True,
            "CMS-0057-F (89 FR 8758): 72 hours, expedited",
        ),
        (SENT + timedelta(days=21), "", True, "our default: 21 days"),
    ],
)
def test_a_stored_due_time_reads_back_with_the_rule_that_set_it(due_at, rule, expedited, label):
    due = stored_due(due_at, rule, SENT, expedited)
    assert (due.due_at, due.label) == (due_at, label)


def test_a_stored_for_the_record_sending_reads_back_without_a_due_time():
    assert stored_due(SENT, FOR_THE_RECORD, SENT, False).due_at is None


def sent(day: int, *answers: tuple[str, int], appeal=False) -> TrackedSubmission:
    """Return a submission sent on Dec <day> 10:00 with answers (kind, day of December)."""
    return TrackedSubmission(
        datetime(2026, 12, day, 10, tzinfo=UTC),
        appeal,
        tuple(TrackedAnswer(kind, date(2026, 12, on)) for kind, on in answers),
    )


@pytest.mark.parametrize(
    ("submissions", "status"),
    [
        ([], TrackingStatus.ISSUED),
        ([sent(1)], TrackingStatus.SUBMITTED),
        ([sent(1, ("approved", 3))], TrackingStatus.APPROVED),
        ([sent(1, ("approved", 1))], TrackingStatus.APPROVED),
        ([sent(1, ("denied", 4))], TrackingStatus.DENIED),
        ([sent(1, ("pended", 2))], TrackingStatus.PENDED),
        ([sent(1, ("pended", 2), ("approved", 6))], TrackingStatus.APPROVED),
        ([sent(1, ("peer_to_peer", 2))], TrackingStatus.SUBMITTED),
        ([sent(1, ("denied", 4), ("peer_to_peer", 5))], TrackingStatus.DENIED),
        ([sent(1, ("denied", 4)), sent(8, appeal=True)], TrackingStatus.APPEALED),
        ([sent(1, ("denied", 4)), sent(8, ("approved", 12), appeal=True)], TrackingStatus.APPROVED),
        ([sent(1, ("denied", 4)), sent(8, ("denied", 12), appeal=True)], TrackingStatus.DENIED),
        # Order comes from the times, not from the order the records are given in.
        ([sent(8, ("approved", 12), appeal=True), sent(1, ("denied", 4))], TrackingStatus.APPROVED),
        # An appeal sent on the denial's own day comes after the denial.
        ([sent(1, ("denied", 4)), sent(4, appeal=True)], TrackingStatus.APPEALED),
        # ... even at the first minute of that day, the moment a notice dated that day counts from.
        (
            [sent(1, ("denied", 4)), TrackedSubmission(datetime(2026, 12, 4, tzinfo=UTC), True)],
            TrackingStatus.APPEALED,
        ),
        (
            [
                TrackedSubmission(
                    datetime(2026, 12, 4, tzinfo=UTC), False, (TrackedAnswer("denied", date(2026, 12, 4)),)
                )
            ],
            TrackingStatus.DENIED,
        ),
    ],
)
def test_status_follows_the_submissions_and_answers_in_time_order(submissions, status):
    assert case_status_after(submissions) == status


def test_a_closed_case_stays_closed():
    assert case_status_after([sent(1, ("denied", 4))], closed=True) == TrackingStatus.CLOSED


def test_tracking_statuses_are_case_statuses():
    from wizard.models import Case

    assert {status.value for status in TrackingStatus} <= set(Case.Status.values)


def request(sid, case, payer, procedure, day, *answers, due_days=7, reasons=(), open_=True):
    """Return a SentRequest sent on Dec <day> with answers (kind, day) and reasons on its denials."""
    at = datetime(2026, 12, day, 10, tzinfo=UTC)
    return SentRequest(
        submission_id=sid,
        case_id=case,
        payer=payer,
        procedure=procedure,
        submitted_at=at,
        due_at=at + timedelta(days=due_days) if due_days is not None else None,
        answers=tuple(
            TrackedAnswer(kind, date(2026, 12, on), tuple(reasons) if kind == "denied" else ())
            for kind, on in answers
        ),
        case_open=open_,
    )


PSYCH, CONSERVATIVE, CODING = (
    DenialReason.PSYCH_EVALUATION.value,
    DenialReason.CONSERVATIVE_CARE.value,
    DenialReason.CODING.value,
)
HAND_BUILT = [
    request(1, "a", "Aetna", "SCS permanent", 1, ("approved", 5)),
    request(2, "b", "Aetna", "SCS permanent", 1, ("denied", 11), reasons=[PSYCH, CONSERVATIVE]),
    request(3, "c", "Aetna", "SCS trial", 2, ("pended", 3), ("approved", 9)),
    request(4, "d", "Humana", "SCS trial", 3, ("denied", 4), reasons=[PSYCH]),
    request(5, "d", "Humana", "SCS trial", 6, due_days=7),  # the appeal of d, awaiting
    request(6, "e", "Humana", "SCS permanent", 10, due_days=7),  # awaiting, not yet due
    request(7, "f", "Humana", "SCS permanent", 1, due_days=3),  # overdue since Dec 4
    request(8, "g", "Medicare", "SCS permanent", 1, due_days=None),  # for the record
    request(9, "h", "Aetna", "SCS permanent", 1, due_days=2, open_=False),  # closed: not awaited
    request(10, "i", "Humana", "SCS permanent", 2, ("denied", 9), reasons=[CODING, PSYCH]),
]
NOW = datetime(2026, 12, 14, 12, tzinfo=UTC)


def test_dashboard_approval_rate_and_median_days_per_payer():
    board = build_dashboard(HAND_BUILT, NOW)
    by_payer = {g.name: g for g in board.by_payer}
    assert set(by_payer) == {"Aetna", "Humana"}  # Medicare's sending was for the record
    aetna = by_payer["Aetna"]
    # Approved in 4 and 7 days, denied in 10: 2 of 3 approved, median 7.
    assert (aetna.sent, aetna.approved, aetna.denied) == (4, 2, 1)
    assert aetna.approval_percent == pytest.approx(200 / 3)
    assert aetna.median_days == 7
    humana = by_payer["Humana"]
    # Denied in 1 and 7 days: no approval, median 4.
    assert (humana.approved, humana.denied, humana.approval_percent, humana.median_days) == (0, 2, 0, 4)


def test_dashboard_numbers_per_procedure():
    board = build_dashboard(HAND_BUILT, NOW)
    by_procedure = {g.name: g for g in board.by_procedure}
    trial = by_procedure["SCS trial"]
    assert (trial.approved, trial.denied, trial.approval_percent, trial.median_days) == (1, 1, 50, 4)
    assert by_procedure["SCS permanent"].approval_percent == pytest.approx(100 / 3)


def test_dashboard_ranks_denial_reasons_by_count():
    board = build_dashboard(HAND_BUILT, NOW)
    assert [(code, count) for code, _label, count in board.denial_reasons] == [
        (PSYCH, 3),
        (CODING, 1),
        (CONSERVATIVE, 1),
    ]


def test_dashboard_awaits_each_open_cases_latest_sending_overdue_first():
    board = build_dashboard(HAND_BUILT, NOW)
    assert [(w.request.submission_id, w.overdue) for w in board.awaiting] == [
        (7, True),
        (5, True),
        (6, False),
    ]
    assert [w.request.submission_id for w in board.overdue] == [7, 5]
    later = build_dashboard(HAND_BUILT, datetime(2026, 12, 4, 9, tzinfo=UTC))
    assert [w.overdue for w in later.awaiting] == [False, False, False]


def test_a_decided_submission_is_not_awaited():
    board = build_dashboard([request(1, "a", "Aetna", "x", 1, ("approved", 2))], NOW)
    assert board.awaiting == []


def test_bar_chart_is_accessible_svg_with_numbers_in_text_and_escaped_labels():
    svg = bar_chart(
        "Approval rate by payer", [Bar("Aetna <PPO>", 66.7, "67% of 3"), Bar("Humana", 0, "0% of 2")]
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title>Approval rate by payer</title>" in svg
    assert 'aria-label="Approval rate by payer: Aetna &lt;PPO&gt;: 67% of 3; Humana: 0% of 2"' in svg
    assert ">67% of 3</text>" in svg and "Aetna &lt;PPO&gt;" in svg and "<PPO>" not in svg
    assert "style=" not in svg  # the CSP allows no inline styles
    assert bar_chart("Nothing", []) == ""


def relative_luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("name", ["BAR_COLOR", "TEXT_COLOR"])
def test_chart_colors_contrast_at_least_4_5_to_1_on_white(name):
    from wizard import dashboard_charts

    contrast = 1.05 / (relative_luminance(getattr(dashboard_charts, name)) + 0.05)
    assert contrast >= 4.5


def test_dashboard_lists_the_latest_decisions_first():
    board = build_dashboard(HAND_BUILT, NOW)
    assert [r.submission_id for r in board.recent_decisions] == [2, 3, 10, 1, 4]


def test_a_case_naming_no_payer_is_due_after_the_default_days():
    due = decision_due(facts_for(None), SENT, expedited=False, default_days=15)
    assert (due.due_at, due.label) == (SENT + timedelta(days=15), "our default: 15 days")
