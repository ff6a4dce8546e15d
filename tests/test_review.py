"""The review and case pages show every finding with its source and a way to fix it; the list shows verdicts."""

from dataclasses import replace
from datetime import timedelta

from django.utils import timezone

from tests.conftest import make_case_from_example
from tests.wizard_posts import post_step, step_url
from wizard.models import Case


def test_review_groups_findings_and_links_each_gap_to_its_step(clinician_client, example_case):
    post_step(
        clinician_client, example_case, "psych", {"evaluator_name": "Alan Porter, PsyD"}
    )  # clearance removed
    page = clinician_client.get(step_url(example_case, "review")).content.decode()
    assert "Blocking — required by the payer" in page
    assert "Multidisciplinary screening before implantation included a psychological evaluation" in page
    assert "no dated psychological evaluation with a conclusion" in page
    assert f'href="{step_url(example_case, "psych")}?return=review">Fix in Psychological evaluation' in page
    assert (
        "CMS NCD 160.7 Electrical Nerve Stimulators, Condition 3" in page and "effective Aug 7, 1995" in page
    )
    assert "Incomplete" in page


def test_review_shows_codes_and_the_antithrombotic_advice(clinician_client, example_case):
    page = clinician_client.get(step_url(example_case, "review")).content.decode()
    for text in (
        "63650",
        "63685",
        "L8680",
        "L8687",
        "G90.521",
        "Aspirin — primary prophylaxis",
        "not an instruction",
    ):
        assert text in page, text


def test_changing_the_payer_re_evaluates(clinician_client, clinic, clinician):
    case = make_case_from_example(clinic, clinician, "crps2-drg-trial-bcbsa")
    fields = {
        "procedure": "drg_trial",
        "payer": "evicore_cigna",
        "clinician": str(clinician.membership.pk),
        "lead_count": "2",
        "contacts_total": "8",
        "stimulation_mode": "tonic",
    }
    post_step(clinician_client, case, "request", fields)
    page = clinician_client.get(step_url(case, "review")).content.decode()
    assert "Cigna / eviCore" in page and "Does not meet criteria" in page
    assert "dorsal root ganglion stimulation is experimental at eviCore" in page
    case.refresh_from_db()
    assert case.verdict == "does_not_meet"


def test_staff_see_the_assessment_without_fix_links(staff_client, example_case):
    page = staff_client.get(f"/cases/{example_case.id}/").content.decode()
    assert "Medicare (traditional):" in page and "Meets criteria" in page
    assert "Fix in" not in page


def test_case_list_shows_each_cases_verdict(clinician_client, clinic, clinician):
    make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    page = clinician_client.get("/cases/").content.decode()
    assert '<span class="badge verdict-meets">Meets criteria</span>' in page


def test_case_list_re_judges_verdicts_cached_on_another_day(
    clinician_client, clinic, clinician, django_assert_max_num_queries
):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    Case.objects.filter(pk=case.pk).update(
        verdict="incomplete", verdict_checked_on=timezone.localdate() - timedelta(days=1)
    )
    # Session, user, second-factor device, count, page, the page's latest letters, stale facts, verdict update,
    # audit event.
    with django_assert_max_num_queries(9):
        page = clinician_client.get("/cases/").content.decode()
    assert "verdict-meets" in page
    case.refresh_from_db()
    assert (case.verdict, case.verdict_checked_on) == ("meets", timezone.localdate())


def test_a_safety_hold_shows_on_the_review_with_its_fix_and_keeps_the_list_from_meets(
    clinician_client, clinic, clinician
):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    facts = case.case_facts()
    case.set_case_facts(replace(facts, safety=replace(facts.safety, active_infection=True)))
    case.save()
    page = clinician_client.get(step_url(case, "review")).content.decode()
    assert "Safety holds — judged for every payer and request" in page
    assert 'id="hold-safety.infection"' in page
    assert "on hold until the infection is treated and resolved" in page
    assert f'href="{step_url(case, "safety")}?return=review">Fix in' in page
    assert "Does not meet criteria" in page and "On hold: No active infection" in page
    assert "Future MRI is anticipated" in page  # a caution: shown, not holding
    assert (
        '<li class="blocker-hold"><span class="fw-semibold">Safety hold:</span> No active infection' in page
    )
    listed = clinician_client.get("/cases/").content.decode()
    assert "verdict-meets" not in listed and "verdict-does_not_meet" in listed


def test_a_blocking_denial_risk_is_marked_on_the_review(clinician_client, clinic, clinician):
    case = make_case_from_example(clinic, clinician, "crps-scs-permanent-medicare")
    facts = case.case_facts()
    case.set_case_facts(replace(facts, patient=replace(facts.patient, born_on=None)))
    case.save()
    page = clinician_client.get(step_url(case, "review")).content.decode()
    assert "Blocks sending" in page and "<strong>Blocks:</strong> Two patient identifiers" in page
    assert "Meets criteria" not in page
