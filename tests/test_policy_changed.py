"""Policy changed since the review: the snapshot at "ready", the banner, acknowledging it, re-checking letters."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from tests.criteria_builders import change
from tests.wizard_posts import post_step, step_url
from wizard.core.assessment import judged_tables
from wizard.core.choices import BluePlan, NicotineUse, Payer
from wizard.core.criteria import bcbsa
from wizard.issuing import issue_letter
from wizard.models import Case, IssuedLetter

MN_IDS = {c.id for c in bcbsa.MINNESOTA_CRITERIA}
BEFORE_CHANGE = date(2026, 9, 1)
AFTER_CHANGE = date(2026, 11, 22)
BANNER = "Policy changed since you reviewed on"


@pytest.fixture
def today(monkeypatch):
    """Fix the app's today (for tests that need a date after BCBS Minnesota's 2026-09-07 change)."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return AFTER_CHANGE if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return AFTER_CHANGE


@pytest.fixture
def minnesota_case(example_case):
    """The model case as an undated BCBS Minnesota request by a current smoker, reviewed before the change."""
    facts = change(
        example_case.case_facts(),
        **{
            "request.payer": Payer.BCBSA,
            "request.mac_jurisdiction": None,
            "request.blue_plan": BluePlan.BCBS_MINNESOTA,
            "request.planned_on": None,
            "safety.nicotine_use": NicotineUse.CURRENT,
        },
    )
    example_case.set_case_facts(facts)
    example_case.status = Case.Status.READY
    example_case.save()
    example_case.record_review(BEFORE_CHANGE)
    return example_case


def detail(client, case) -> str:
    """Return the case page's text."""
    response = client.get(reverse("case_detail", kwargs={"case_id": case.id}))
    assert response.status_code == 200
    return response.content.decode()


def test_marking_ready_snapshots_the_tables_and_findings(clinician_client, example_case):
    post_step(clinician_client, example_case, "review")
    case = Case.objects.get(pk=example_case.pk)
    assert case.status == Case.Status.READY
    _day, version, results = judged_tables(case.case_facts(), today=timezone.localdate())
    assert case.reviewed_tables == version
    assert case.reviewed_on == timezone.localdate()
    assert case.reviewed_findings == {
        r.criterion.id: {"status": r.status.value, "text": r.criterion.text} for r in results
    }
    assert BANNER not in detail(clinician_client, case)


def test_no_banner_before_any_review(clinician_client, example_case):
    assert example_case.reviewed_tables == ""
    assert example_case.policy_change(timezone.localdate()) is None
    assert BANNER not in detail(clinician_client, example_case)


def test_changed_tables_show_what_changed_for_this_case(clinician_client, minnesota_case, today):
    change_ = minnesota_case.policy_change(today)
    assert {c.id for c in change_.added} == MN_IDS
    page = detail(clinician_client, minnesota_case)
    assert f"{BANNER} Sep 1, 2026" in page
    assert "Added: Nicotine-free for at least 6 weeks" in page
    assert "bcbsa.mn.nicotine_free</code> — now not met" in page
    assert "I have read this" in page
    review = clinician_client.get(step_url(minnesota_case, "review")).content.decode()
    assert f"{BANNER} Sep 1, 2026" in review
    assert '<input type="hidden" name="return" value="review">' in review


def test_the_banner_lists_removed_reworded_and_re_judged_criteria(clinician_client, example_case):
    example_case.record_review(timezone.localdate())
    findings = dict(example_case.reviewed_findings)
    first, second = list(findings)[:2]
    findings[first] = {**findings[first], "status": "not_met"}
    findings[second] = {**findings[second], "text": "An older wording."}
    findings["medicare.retired.rule"] = {"status": "met", "text": "A retired rule."}
    Case.objects.filter(pk=example_case.pk).update(
        status=Case.Status.READY, reviewed_tables="2026-01-01.000000000000", reviewed_findings=findings
    )
    page = detail(clinician_client, Case.objects.get(pk=example_case.pk))
    assert BANNER in page
    assert "Removed: A retired rule." in page
    assert "“An older wording.” is now" in page
    assert f"{first}</code>: not met → met" in page


def test_a_case_edited_back_to_draft_shows_no_banner_until_it_is_reviewed_again(
    clinician_client, minnesota_case, today
):
    Case.objects.filter(pk=minnesota_case.pk).update(status=Case.Status.DRAFT)
    case = Case.objects.get(pk=minnesota_case.pk)
    assert case.policy_change(today) is None
    assert BANNER not in detail(clinician_client, case)
    post_step(clinician_client, case, "review")
    case = Case.objects.get(pk=minnesota_case.pk)
    assert case.status == Case.Status.READY and case.reviewed_on == today
    assert case.policy_change(today) is None


def test_staff_see_the_banner_without_the_button(staff_client, minnesota_case, today):
    page = detail(staff_client, minnesota_case)
    assert BANNER in page
    assert "I have read this" not in page


def test_an_archived_case_shows_no_banner(clinician_client, minnesota_case, today):
    Case.objects.filter(pk=minnesota_case.pk).update(archived_at=timezone.now())
    case = Case.objects.get(pk=minnesota_case.pk)
    assert case.policy_change(today) is None
    assert BANNER not in detail(clinician_client, case)


def test_reading_the_change_takes_a_new_snapshot_and_is_audited(clinician_client, minnesota_case, today):
    before = minnesota_case.reviewed_tables
    url = reverse("policy_change_read", kwargs={"case_id": minnesota_case.id})
    response = clinician_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("case_detail", kwargs={"case_id": minnesota_case.id})
    case = Case.objects.get(pk=minnesota_case.pk)
    assert case.reviewed_on == today and case.reviewed_tables != before
    assert set(case.reviewed_findings) >= MN_IDS
    event = AuditEvent.objects.filter(action=Action.STATUS, case_id=case.pk).latest("id")
    assert event.detail["review"] == "policy change read"
    assert (event.detail["tables_from"], event.detail["tables_to"]) == (before, case.reviewed_tables)
    assert BANNER not in detail(clinician_client, case)


def test_reading_the_change_from_the_review_returns_to_the_review(clinician_client, minnesota_case, today):
    url = reverse("policy_change_read", kwargs={"case_id": minnesota_case.id})
    response = clinician_client.post(url, {"return": "review"})
    assert response["Location"] == step_url(minnesota_case, "review")


def test_the_change_is_never_read_by_a_get(clinician_client, minnesota_case, today):
    url = reverse("policy_change_read", kwargs={"case_id": minnesota_case.id})
    assert clinician_client.get(url).status_code == 405
    assert Case.objects.get(pk=minnesota_case.pk).reviewed_on == BEFORE_CHANGE


def test_only_clinicians_read_the_change(staff_client, minnesota_case, today):
    url = reverse("policy_change_read", kwargs={"case_id": minnesota_case.id})
    assert staff_client.post(url).status_code == 403
    assert Case.objects.get(pk=minnesota_case.pk).reviewed_on == BEFORE_CHANGE


def test_an_archived_case_cannot_be_re_reviewed(clinician_client, minnesota_case, today):
    Case.objects.filter(pk=minnesota_case.pk).update(archived_at=timezone.now())
    url = reverse("policy_change_read", kwargs={"case_id": minnesota_case.id})
    assert clinician_client.post(url).status_code == 403
    assert Case.objects.get(pk=minnesota_case.pk).reviewed_on == BEFORE_CHANGE


def test_another_clinics_case_is_not_found(outsider_client, minnesota_case):
    url = reverse("policy_change_read", kwargs={"case_id": minnesota_case.id})
    assert outsider_client.post(url).status_code == 404


# Issued letters keep the tables that judged them.


def test_an_issued_letter_records_its_judging_date_tables_and_case_file(
    clinic, clinician, minnesota_case, today
):
    letter = issue_letter(minnesota_case.pk, clinic.pk, clinician, "verify items pending", today)
    case = Case.objects.get(pk=minnesota_case.pk)
    _day, version, _results = judged_tables(case.case_facts(), today=today)
    assert (letter.judged_on, letter.table_version, letter.facts) == (today, version, case.facts)
    check = IssuedLetter.objects.get(pk=letter.pk).recheck(today)
    assert check.same_encoding
    assert {r.id for r in check.rows} >= MN_IDS
    assert all(r.before == r.now for r in check.rows)


def test_the_case_page_re_checks_each_letter(clinician_client, clinic, clinician, minnesota_case, today):
    letter = issue_letter(minnesota_case.pk, clinic.pk, clinician, "verify items pending", today)
    page = detail(clinician_client, minnesota_case)
    assert f"Re-check v{letter.version} with the tables that judged it (in force on Nov 22, 2026)" in page
    assert "still read as they did at issue" in page
    IssuedLetter.objects.filter(pk=letter.pk).update(table_version="2026-11-01.000000000000")
    page = detail(clinician_client, minnesota_case)
    assert "The encoding of these tables changed since issue: 2026-11-01.000000000000 then" in page


def test_a_letter_issued_before_the_change_is_re_checked_with_the_old_tables(
    clinic, clinician, minnesota_case
):
    letter = issue_letter(minnesota_case.pk, clinic.pk, clinician, "verify items pending", BEFORE_CHANGE)
    assert letter.judged_on == BEFORE_CHANGE
    check = IssuedLetter.objects.get(pk=letter.pk).recheck(AFTER_CHANGE)
    assert check.same_encoding
    assert {r.id for r in check.rows if not r.before} == MN_IDS
    assert {c.id for c in check.changes.added} == MN_IDS


def test_a_letter_without_a_case_file_snapshot_is_not_re_checked(clinic, clinician, example_case):
    example_case.status = Case.Status.READY
    example_case.save()
    letter = issue_letter(example_case.pk, clinic.pk, clinician, "walk", timezone.localdate())
    IssuedLetter.objects.filter(pk=letter.pk).update(facts={}, judged_on=None)
    assert IssuedLetter.objects.get(pk=letter.pk).recheck(timezone.localdate()) is None
