"""Step pages show what the case's payer asks of each field, a legend, open counts and an honest Mark ready."""

import re
from html import unescape

import pytest
from django.utils import timezone

from tests.conftest import make_case_from_example
from tests.wizard_posts import post_step, step_url
from wizard.core.assessment import assess
from wizard.core.field_requirements import open_items
from wizard.models import Case
from wizard.views.step_context import ready_message
from wizard.views.wizard import case_steps

# The model case's psychological evaluation, as the step posts it.
PSYCH = {
    "evaluator_name": "Alan Porter, PsyD",
    "evaluator_credential": "psychologist",
    "evaluated_on": "2026-08-12",
    "instruments": ["phq9", "gad7", "pcs", "structured_interview"],
    "conclusion": "cleared",
    "substance_use": "none",
    "drug_screen_reviewed": "true",
    "realistic_expectations": "true",
    "able_to_operate_device": "true",
}


def switch_payer(case, payer, mac=None):
    """Save the case as a request to another payer (and Medicare contractor)."""
    request = {**case.facts["request"], "payer": payer}
    request.pop("mac_jurisdiction", None)
    if mac:
        request["mac_jurisdiction"] = mac
    case.facts = {**case.facts, "request": request}
    case.save(update_fields=["facts"])


def page_of(client, case, step) -> str:
    """Return a step page's HTML."""
    response = client.get(step_url(case, step))
    assert response.status_code == 200
    return response.content.decode()


def marker(page: str, field_id: str) -> str:
    """Return the payer marker beside one field's label, or "" when it has none."""
    found = re.search(
        rf'<span id="{re.escape(field_id)}_payer" class="payer-mark [^"]*">([^<]*)</span>', page
    )
    return unescape(found.group(1)) if found else ""


def label(page: str, field_id: str) -> str:
    """Return the HTML of one field's label element."""
    found = re.search(rf'<(label|div) id="{re.escape(field_id)}_label"[^>]*>(.*?)</\1>', page)
    assert found, field_id
    return found.group(2)


def help_texts(page: str) -> list[str]:
    """Return every help text and group note on a page."""
    texts = re.findall(r'class="form-text">([^<]*)</div>', page)
    return texts + re.findall(r'<p class="small text-secondary mb-2">([^<]*)</p>', page)


def status_line(page: str) -> str:
    """Return the step's payer status line."""
    found = re.search(r'<p id="payer-step-status"[^>]*>([^<]*)</p>', page)
    assert found
    return unescape(found.group(1))


@pytest.fixture
def medicare_case(example_case):
    """The CRPS permanent-implant model case: Medicare, contractor JF (Noridian)."""
    return example_case


def test_markers_for_the_same_step_differ_between_an_aetna_and_a_medicare_case(
    clinician_client, medicare_case
):
    medicare_baselines = page_of(clinician_client, medicare_case, "baselines")
    medicare_decision = page_of(clinician_client, medicare_case, "decision")
    switch_payer(medicare_case, "aetna")
    aetna_baselines = page_of(clinician_client, medicare_case, "baselines")
    aetna_decision = page_of(clinician_client, medicare_case, "decision")

    assert marker(medicare_baselines, "id_baselines-odi_pain") == ""
    assert marker(aetna_baselines, "id_baselines-odi_pain") == "Required by Aetna CPB 0194"
    assert marker(medicare_decision, "id_decision-facilities_available") == "Required by Medicare NCD 160.7"
    assert marker(aetna_decision, "id_decision-facilities_available") == ""
    assert (
        marker(medicare_decision, "id_decision-risks_benefits_discussed") == "Required by Medicare LCD L36204"
    )
    assert marker(aetna_decision, "id_decision-risks_benefits_discussed") == "Recommended"
    assert "Required by Aetna" not in medicare_baselines + medicare_decision


def test_a_marker_is_announced_with_its_field(clinician_client, medicare_case):
    page = page_of(clinician_client, medicare_case, "psych")
    assert re.search(r'aria-describedby="[^"]*id_psych-conclusion_payer', page)


def test_the_legend_is_on_every_step(clinician_client, medicare_case):
    steps = [s for s in case_steps(medicare_case) if s != "review"]
    assert len(steps) >= 9
    for step in steps:
        page = page_of(clinician_client, medicare_case, step)
        assert 'class="payer-legend' in page, step
        assert "needed to save this step" in page, step
        assert "Recommended</span> payers look for it" in page, step


def test_help_text_on_a_noridian_case_never_names_another_payer(clinician_client, medicare_case):
    seen = []
    for step in case_steps(medicare_case):
        if step == "review":
            continue
        texts = help_texts(page_of(clinician_client, medicare_case, step))
        seen += texts
        for text in texts:
            assert "Aetna" not in text and "Palmetto" not in text and "eviCore" not in text, (step, text)
    assert "Medicare pays up to 16 contacts." in seen
    assert "Medicare requires some functional gain." in seen


def test_help_text_on_an_aetna_case_speaks_of_aetna_only(clinician_client, medicare_case):
    switch_payer(medicare_case, "aetna")
    texts = help_texts(page_of(clinician_client, medicare_case, "therapy"))
    texts += help_texts(page_of(clinician_client, medicare_case, "request"))
    assert "Aetna counts in-person PT only." in texts
    assert "Codes are billed per lead." in texts
    assert not [t for t in texts if "Medicare" in t or "NCD" in t]


def test_the_medicare_contractor_is_marked_as_needed(clinician_client, medicare_case):
    page = page_of(clinician_client, medicare_case, "request")
    assert '<span class="asteriskField">*</span>' in label(page, "id_request-mac_jurisdiction")
    assert '<span class="asteriskField">*</span>' not in label(page, "id_request-plan_name")


def test_a_blank_optional_row_does_not_mark_its_fields_as_needed(clinician_client, clinician):
    clinician_client.post("/cases/new/")
    case = Case.objects.get()
    page = page_of(clinician_client, case, "therapy")
    assert "*" not in label(page, "id_therapy-medications-0-drug")
    assert "*" not in label(page, "id_therapy-medications-__prefix__-drug")


def test_a_saved_row_marks_its_needed_fields(clinician_client, medicare_case):
    page = page_of(clinician_client, medicare_case, "therapy")
    assert '<span class="asteriskField">*</span>' in label(page, "id_therapy-medications-0-drug")


def test_a_new_case_asks_for_the_payer_before_marking_anything(clinician_client, clinician):
    clinician_client.post("/cases/new/")
    page = page_of(clinician_client, Case.objects.get(), "request")
    assert "Choose the payer on the Request step" in status_line(page)
    assert "payer-mark payer-required" not in page.split('class="payer-legend')[0]


def test_the_open_count_falls_when_a_required_fact_is_filled(clinician_client, medicare_case):
    without_conclusion = {k: v for k, v in PSYCH.items() if k != "conclusion"}
    assert post_step(clinician_client, medicare_case, "psych", without_conclusion).status_code == 302
    page = page_of(clinician_client, medicare_case, "psych")
    assert status_line(page) == "1 item your payer requires is still open on this step."
    assert "Multidisciplinary screening before implantation included a psychological evaluation" in page

    assert post_step(clinician_client, medicare_case, "psych", PSYCH).status_code == 302
    page = page_of(clinician_client, medicare_case, "psych")
    assert status_line(page) == "Nothing open on this step for Medicare (traditional)."


def test_the_open_count_follows_what_is_typed_on_a_page_with_errors(clinician_client, medicare_case):
    fields = {**PSYCH, "conclusion": "", "evaluated_on": "not a date"}
    response = post_step(clinician_client, medicare_case, "psych", fields)
    assert response.status_code == 200
    assert status_line(response.content.decode()).startswith("1 item your payer requires")


def test_the_review_of_an_incomplete_case_lists_the_open_items_and_what_an_override_means(
    clinician_client, medicare_case
):
    without_conclusion = {k: v for k, v in PSYCH.items() if k != "conclusion"}
    post_step(clinician_client, medicare_case, "psych", without_conclusion)
    medicare_case.refresh_from_db()
    expected = open_items(assess(medicare_case.case_facts(), today=timezone.localdate()))
    assert expected

    page = page_of(clinician_client, medicare_case, "review")
    section = page.split('class="ready-open')[1].split("</section>")[0]
    heading = f"{len(expected)} required item{'s' if len(expected) > 1 else ''} still open"
    assert heading in section
    for item in expected:
        assert unescape(item.text) in unescape(section)
    assert "override" in section and "to follow" in section
    assert page.index('class="ready-open') < page.rindex(">Mark ready</button>")


def test_marking_an_incomplete_case_ready_names_the_open_count(clinician_client, medicare_case):
    without_conclusion = {k: v for k, v in PSYCH.items() if k != "conclusion"}
    post_step(clinician_client, medicare_case, "psych", without_conclusion)
    medicare_case.refresh_from_db()
    count = len(open_items(assess(medicare_case.case_facts(), today=timezone.localdate())))

    response = post_step(clinician_client, medicare_case, "review")
    page = clinician_client.get(response["Location"]).content.decode()
    message = f"Marked ready with {count} open item{'s' if count > 1 else ''}: the letter needs an override"
    assert count >= 1 and message in page
    assert "The case is ready." not in page
    medicare_case.refresh_from_db()
    assert medicare_case.status == Case.Status.READY


def test_a_case_meeting_every_criterion_is_simply_ready(clinician_client, clinic, clinician):
    case = make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")
    assert assess(case.case_facts(), today=timezone.localdate()).verdict.outcome.value == "meets"
    assert 'class="ready-open' not in page_of(clinician_client, case, "review")
    response = post_step(clinician_client, case, "review")
    page = clinician_client.get(response["Location"]).content.decode()
    assert "The case is ready." in page and "Marked ready" not in page


def test_a_payer_without_primary_criteria_is_not_called_simply_ready(clinician_client, clinic, clinician):
    case = make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")
    switch_payer(case, "anthem")
    assessment = assess(case.case_facts(), today=timezone.localdate())
    assert open_items(assessment) == () and assessment.verdict.outcome.value == "incomplete"
    review = page_of(clinician_client, case, "review")
    assert "Nothing is open, but the case does not meet criteria yet" in review
    response = post_step(clinician_client, case, "review")
    page = clinician_client.get(response["Location"]).content.decode()
    assert ready_message(0, meets=False) in page
    assert "The case is ready." not in page


def test_ready_messages_count_items_in_words():
    assert ready_message(0) == "The case is ready."
    assert ready_message(0, meets=False).endswith("the letter needs an override to be issued.")
    assert ready_message(1) == "Marked ready with 1 open item: the letter needs an override to be issued."
    assert ready_message(3) == "Marked ready with 3 open items: the letter needs an override to be issued."
