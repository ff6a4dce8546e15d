"""A clinician builds a permanent-implant case in a real Chromium, from the case list to "Ready"."""

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import ARTIFACTS, open_page
from tests.conftest import PASSWORD, app_device_of, totp_code
from wizard.core.choices import Procedure
from wizard.core.steps import BLOCK_PROCEDURES, applicable_steps

# Dates relative to today, at least two days from it, so the server's time zone cannot matter.
TODAY = date.today()
PLANNED_ON = TODAY + timedelta(days=30)
ONSET_ON = TODAY - timedelta(days=800)
EXAMINED_ON = TODAY - timedelta(days=60)
PSYCH_ON = TODAY - timedelta(days=45)
TRIAL_START = TODAY - timedelta(days=20)
TRIAL_END = TRIAL_START + timedelta(days=7)
DISCUSSED_ON = TODAY - timedelta(days=5)

BLOCK_ON = TODAY - timedelta(days=90)
DRG_TRIAL_ON = TODAY - timedelta(days=40)

PATIENT = "Rosalind Testpatient"
# Typed as the Medicare card prints it; stored and printed without the dashes.
MEMBER_ID = "7XK2-TQ9-RA41"
MEMBER_ID_STORED = "7XK2TQ9RA41"
DRUGS = ("Gabapentin", "Duloxetine")
ODI_SCORES = {
    "odi_pain": 4,
    "odi_personal_care": 2,
    "odi_lifting": 4,
    "odi_walking": 3,
    "odi_sitting": 3,
    "odi_standing": 4,
    "odi_sleeping": 3,
    "odi_sex_life": 2,
    "odi_social_life": 3,
    "odi_travelling": 3,
}
# ODI v2.1a: sum of the answered sections over 5 points each, as a percentage to one decimal.
ODI_PERCENT = f"{sum(ODI_SCORES.values()) * 100 / (5 * len(ODI_SCORES)):.1f}%"
TRIAL_PAIN = (8, 3)
TRIAL_MME = (30, 10)
TRIAL_RELIEF = f"{(TRIAL_PAIN[0] - TRIAL_PAIN[1]) * 100 / TRIAL_PAIN[0]:.1f}%"
MME_REDUCTION = f"{(TRIAL_MME[0] - TRIAL_MME[1]) * 100 / TRIAL_MME[0]:.1f}%"
EVALUATOR = "Dr. Miriam Okafor"
PATIENT_STATEMENT = "I want to walk my daughter to school again."
REVIEW_SHOWS = {
    "request": ["JF — Noridian", "Ambulatory surgery center", "Doc Tester, MD"],
    "patient": [PATIENT, MEMBER_ID_STORED],
    "diagnosis": ["G90.521"],
    "therapy": [*DRUGS, "Desensitisation helped briefly", "Sympathetic block", "ORIF right ankle"],
    "baselines": [ODI_PERCENT],
    "psych": [EVALUATOR],
    "safety": ["Clopidogrel", "Dr. Cardio"],
    "trial": [TRIAL_RELIEF, MME_REDUCTION],
    "decision": [PATIENT_STATEMENT],
}
PERMANENT_IMPLANT_STEPS = [
    "request",
    "patient",
    "diagnosis",
    "therapy",
    "baselines",
    "psych",
    "safety",
    "trial",
    "decision",
    "review",
]


def iso(day: date) -> str:
    """Return the date as a date input takes it."""
    return day.isoformat()


def log_in(page: Page, base_url: str, username: str = "doc") -> None:
    """Sign in through the real forms, password then app code (as the clinician unless told otherwise)."""
    device = app_device_of(get_user_model().objects.get(username=username))
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/second-factor/\?next="))
    page.fill("#id_code", totp_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{base_url}/cases/")


def check(page: Page, name: str, value: str) -> None:
    """Tick the radio button or checkbox with this name and value."""
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def save_and_continue(page: Page, next_step: str) -> None:
    """Submit the step and wait for the next one."""
    page.get_by_role("button", name="Save and continue").click()
    expect(page).to_have_url(re.compile(rf"/edit/{next_step}/$"))


def go_to_step(page: Page, step: str) -> None:
    """Jump to a step with the sidebar navigation."""
    page.locator(f'nav.step-nav button[name="wizard_goto_step"][value="{step}"]').click()
    expect(page).to_have_url(re.compile(rf"/edit/{step}/$"))


def fill_step_request(page: Page, clinician_pk: int) -> None:
    """Request a thoracic permanent SCS under Medicare JF in an ASC."""
    page.select_option("#id_request-procedure", "scs_permanent")
    mac = page.locator("#id_request-mac_jurisdiction")
    expect(mac).to_be_hidden()
    page.select_option("#id_request-payer", "medicare")
    expect(mac).to_be_visible()
    mac.select_option("JF")
    page.select_option("#id_request-place_of_service", "asc")
    page.fill("#id_request-planned_on", iso(PLANNED_ON))
    clinician = page.locator("#id_request-clinician")
    expect(clinician).to_have_value(str(clinician_pk))
    expect(clinician.locator("option:checked")).to_have_text("Doc Tester, MD")
    check(page, "request-lead_type", "percutaneous")
    page.fill("#id_request-lead_count", "2")
    page.fill("#id_request-contacts_total", "16")
    check(page, "request-generator_rechargeable", "true")
    page.select_option("#id_request-spinal_region", "thoracic")
    page.fill("#id_request-prior_trials_in_region", "1")


def fill_step_patient(page: Page) -> None:
    """Identify the patient."""
    page.fill("#id_patient-name", PATIENT)
    page.fill("#id_patient-born_on", "1968-03-14")
    check(page, "patient-sex", "female")
    page.fill("#id_patient-member_id", MEMBER_ID)


def fill_step_diagnosis(page: Page) -> None:
    """CRPS I of the right leg meeting the Budapest clinical (not research) criteria."""
    page.select_option("#id_diagnosis-condition", "crps_1")
    check(page, "diagnosis-limb", "lower")
    check(page, "diagnosis-side", "right")
    page.fill("#id_diagnosis-onset_on", iso(ONSET_ON))
    page.fill("#id_diagnosis-inciting_event", "Right ankle fracture")
    page.fill("#id_diagnosis-pain_nrs", "8")
    page.fill("#id_diagnosis-budapest_examined_on", iso(EXAMINED_ON))
    check(page, "diagnosis-disproportionate_pain", "true")
    # Symptoms in exactly 3 of 4 categories and signs in 2: clinical criteria only.
    for symptom in ("sensory_allodynia", "vasomotor_temperature", "sudomotor_oedema"):
        check(page, "diagnosis-symptoms", symptom)
    for sign in ("sensory_hyperalgesia", "vasomotor_colour_asymmetry"):
        check(page, "diagnosis-signs", sign)
    check(page, "diagnosis-no_better_explanation", "true")


def fill_medication(page: Page, row: int, drug: str, drug_class: str, outcome: str) -> None:
    """Fill one medication row."""
    prefix = f"#id_therapy-medications-{row}"
    page.fill(f"{prefix}-drug", drug)
    page.select_option(f"{prefix}-drug_class", drug_class)
    page.fill(f"{prefix}-dose", "as prescribed")
    page.fill(f"{prefix}-started_on", iso(ONSET_ON + timedelta(days=30 + 120 * row)))
    page.fill(f"{prefix}-stopped_on", iso(ONSET_ON + timedelta(days=120 + 120 * row)))
    page.select_option(f"{prefix}-outcome", outcome)
    page.fill(f"{prefix}-reason_stopped", f"{drug} did not help enough")


def fill_step_therapy(page: Page) -> None:
    """Two medications (the second in an added row), PT, an injection, a surgery, another therapy."""
    fill_medication(page, 0, DRUGS[0], "gabapentinoid", "side_effects")
    page.click('[data-add-row="therapy-medications"]')
    fill_medication(page, 1, DRUGS[1], "snri", "partial")

    page.select_option("#id_therapy-pt_courses-0-setting", "in_person")
    page.fill("#id_therapy-pt_courses-0-started_on", iso(ONSET_ON + timedelta(days=40)))
    page.fill("#id_therapy-pt_courses-0-ended_on", iso(ONSET_ON + timedelta(days=124)))
    page.fill("#id_therapy-pt_courses-0-visits", "24")
    check(page, "therapy-pt_courses-0-licensed_pt", "true")
    page.select_option("#id_therapy-pt_courses-0-outcome", "partial")
    page.fill("#id_therapy-pt_courses-0-response", "Desensitisation helped briefly")

    page.select_option("#id_therapy-injections-0-kind", "sympathetic_block")
    page.fill("#id_therapy-injections-0-performed_on", iso(ONSET_ON + timedelta(days=200)))
    page.select_option("#id_therapy-injections-0-side", "right")
    page.fill("#id_therapy-injections-0-level", "L2")
    page.fill("#id_therapy-injections-0-pain_before_nrs", "8")
    page.fill("#id_therapy-injections-0-pain_after_nrs", "4")
    page.fill("#id_therapy-injections-0-relief_days", "6")

    page.select_option("#id_therapy-surgeries-0-kind", "non_spine")
    page.fill("#id_therapy-surgeries-0-performed_on", iso(ONSET_ON - timedelta(days=10)))
    page.fill("#id_therapy-surgeries-0-procedure", "ORIF right ankle")
    page.fill("#id_therapy-surgeries-0-outcome", "Fracture healed")

    page.select_option("#id_therapy-other_therapies-0-kind", "graded_motor_imagery")
    page.fill("#id_therapy-other_therapies-0-started_on", iso(ONSET_ON + timedelta(days=300)))
    page.fill("#id_therapy-other_therapies-0-sessions", "10")
    page.select_option("#id_therapy-other_therapies-0-outcome", "ineffective")
    page.fill("#id_therapy-other_therapies-0-notes", "No lasting change")
    page.fill(
        "#id_therapy-psych_therapy_unsuitable_reason", "Declined CBT; coping skills covered by the evaluation"
    )
    page.fill("#id_therapy-surgery_unsuitable_reason", "No surgical lesion; the fracture has healed")


def fill_step_baselines(page: Page, average_pain: str) -> None:
    """Score all ten ODI sections and the pain scales."""
    page.fill("#id_baselines-odi_completed_on", iso(EXAMINED_ON))
    for name, score in ODI_SCORES.items():
        page.select_option(f"#id_baselines-{name}", str(score))
    page.fill("#id_baselines-pain_nrs_average", average_pain)
    page.fill("#id_baselines-pain_nrs_worst", "9")
    page.fill("#id_baselines-mme_per_day", str(TRIAL_MME[0]))
    check(page, "baselines-adl_limits", "walking")
    check(page, "baselines-adl_limits", "sleep")


def fill_step_psych(page: Page) -> None:
    """A psychologist's clearance."""
    page.fill("#id_psych-evaluator_name", EVALUATOR)
    page.select_option("#id_psych-evaluator_credential", "psychologist")
    page.fill("#id_psych-evaluated_on", iso(PSYCH_ON))
    check(page, "psych-instruments", "phq9")
    check(page, "psych-instruments", "pcs")
    check(page, "psych-conclusion", "cleared")
    check(page, "psych-substance_use", "none")
    check(page, "psych-realistic_expectations", "true")
    check(page, "psych-able_to_operate_device", "true")


def expect_step_psych(page: Page) -> None:
    """Assert the psych step shows what fill_step_psych typed."""
    expect(page.locator("#id_psych-evaluator_name")).to_have_value(EVALUATOR)
    expect(page.locator("#id_psych-evaluator_credential")).to_have_value("psychologist")
    expect(page.locator("#id_psych-evaluated_on")).to_have_value(iso(PSYCH_ON))
    expect(page.locator('input[name="psych-conclusion"][value="cleared"]')).to_be_checked()
    expect(page.locator('input[name="psych-instruments"][value="pcs"]')).to_be_checked()
    expect(page.locator('input[name="psych-able_to_operate_device"][value="true"]')).to_be_checked()


def fill_step_safety(page: Page) -> None:
    """No contraindication; clopidogrel held 7 days as agreed with the cardiologist."""
    check(page, "safety-active_infection", "false")
    check(page, "safety-immunocompromised", "false")
    check(page, "safety-bleeding_disorder", "false")
    page.fill("#id_safety-platelets", "240")
    page.fill("#id_safety-platelets_on", iso(DISCUSSED_ON))
    page.select_option("#id_safety-antithrombotics-0-drug", "clopidogrel")
    page.fill("#id_safety-antithrombotics-0-planned_hold", "7")
    page.select_option("#id_safety-antithrombotics-0-hold_unit", "days")
    page.fill("#id_safety-antithrombotics-0-prescriber", "Dr. Cardio")
    check(page, "safety-antithrombotics-0-prescriber_agreed", "true")
    check(page, "safety-cardiac_device", "false")
    check(page, "safety-pregnant", "false")
    check(page, "safety-future_mri_needed", "true")


def fill_step_trial(page: Page) -> None:
    """A 7-day percutaneous trial with less pain and fewer opioids."""
    check(page, "trial-kind", "percutaneous")
    page.fill("#id_trial-started_on", iso(TRIAL_START))
    page.fill("#id_trial-ended_on", iso(TRIAL_END))
    page.fill("#id_trial-lead_count", "2")
    page.fill("#id_trial-contacts_total", "16")
    page.fill("#id_trial-pain_before_nrs", str(TRIAL_PAIN[0]))
    page.fill("#id_trial-pain_during_nrs", str(TRIAL_PAIN[1]))
    page.fill("#id_trial-mme_before", str(TRIAL_MME[0]))
    page.fill("#id_trial-mme_during", str(TRIAL_MME[1]))
    check(page, "trial-functional_gains", "walking")
    check(page, "trial-functional_gains", "sleep")
    check(page, "trial-satisfied", "true")
    check(page, "trial-wishes_to_proceed", "true")
    page.fill("#id_trial-adverse_events", "none")
    check(page, "trial-is_repeat_trial", "false")


def fill_step_decision(page: Page) -> None:
    """Risks, alternatives and the patient's wish."""
    page.fill("#id_decision-discussed_on", iso(DISCUSSED_ON))
    check(page, "decision-risks_benefits_discussed", "true")
    page.fill("#id_decision-risks_notes", "Infection, lead migration, revision, MRI limits")
    check(page, "decision-alternatives_discussed", "true")
    page.fill("#id_decision-alternatives_notes", "Continued medication and graded motor imagery")
    check(page, "decision-patient_wishes_to_proceed", "true")
    page.fill("#id_decision-patient_statement", PATIENT_STATEMENT)
    check(page, "decision-facilities_available", "true")


def expect_review(page: Page) -> None:
    """Assert that the review shows everything entered, step by step."""
    expect(page.locator(".summary .badge")).to_have_count(0)  # no step unsaved or holding errors
    for step, texts in REVIEW_SHOWS.items():
        for text in texts:
            expect(page.locator(f"#summary-{step}")).to_contain_text(text)


def start_case(page: Page, base_url: str) -> str:
    """Start a case from the case list; return its wizard URL (…/edit/)."""
    page.goto(f"{base_url}/cases/")
    page.get_by_role("button", name="New case").click()
    expect(page).to_have_url(re.compile(r"/cases/[0-9a-f-]{36}/edit/request/$"))
    return page.url.removesuffix("request/")


def expect_nav_steps(page: Page, steps: list[str]) -> None:
    """Assert the sidebar lists exactly these steps, in order."""
    buttons = page.locator('nav.step-nav button[name="wizard_goto_step"]')
    expect(buttons).to_have_count(len(steps))
    assert [buttons.nth(i).get_attribute("value") for i in range(len(steps))] == steps


def leave_invalid_baselines_and_return(page: Page) -> None:
    """Type an impossible pain score, go Back, come forward by the sidebar: nothing typed is lost."""
    fill_step_baselines(page, average_pain="11")
    derived = page.locator("#derived")
    expect(derived).to_contain_text(ODI_PERCENT)
    expect(derived).to_contain_text("10 of 10 sections answered")

    page.get_by_role("button", name="Back").click()
    expect(page).to_have_url(re.compile(r"/edit/therapy/$"))
    expect(page.locator(".formset[data-prefix='therapy-medications'] .formset-row")).to_have_count(2)
    for row, drug in enumerate(DRUGS):
        expect(page.locator(f"#id_therapy-medications-{row}-drug")).to_have_value(drug)
    expect(page.locator('nav.step-nav button[value="baselines"] .step-mark')).to_have_text("!")

    go_to_step(page, "baselines")
    average = page.locator("#id_baselines-pain_nrs_average")
    expect(average).to_have_value("11")
    expect(average).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#div_id_baselines-pain_nrs_average")).to_contain_text(
        "“Average pain, past week (NRS)” must be a whole number from 0 to 10."
    )
    for name, score in ODI_SCORES.items():
        expect(page.locator(f"#id_baselines-{name}")).to_have_value(str(score))
    average.fill("8")


def expect_draft_kept(page: Page, browser: Browser, base_url: str, case_url: str) -> None:
    """Reload the saved psych step, then resume the case from another browser at that step."""
    page.get_by_role("button", name="Back").click()
    expect(page).to_have_url(re.compile(r"/edit/psych/$"))
    page.reload()
    expect_step_psych(page)

    # A new context shares no cookie or session with the first: only the server holds the draft.
    other = open_page(browser)
    log_in(other, base_url)
    other.goto(case_url)
    expect(other).to_have_url(f"{case_url}psych/")
    expect_step_psych(other)
    other.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_clinician_builds_a_permanent_implant_case(server, browser, page, clinician, staff):
    """A clinician enters a whole SCS permanent-implant case, loses nothing on the way, marks it ready."""
    log_in(page, server.url)
    case_url = start_case(page, server.url)
    derived = page.locator("#derived")

    fill_step_request(page, clinician.membership.pk)
    save_and_continue(page, "patient")
    expect_nav_steps(page, PERMANENT_IMPLANT_STEPS)

    fill_step_patient(page)
    save_and_continue(page, "diagnosis")

    expect(derived).not_to_contain_text("G90.521")
    fill_step_diagnosis(page)
    expect(derived).to_contain_text("G90.521")
    expect(derived).to_contain_text("meets clinical criteria (not research criteria)")
    save_and_continue(page, "therapy")

    fill_step_therapy(page)
    expect(derived).to_contain_text("2: Gabapentinoid, SNRI")
    save_and_continue(page, "baselines")

    leave_invalid_baselines_and_return(page)
    save_and_continue(page, "psych")

    fill_step_psych(page)
    save_and_continue(page, "safety")
    expect_draft_kept(page, browser, server.url, case_url)
    save_and_continue(page, "safety")

    fill_step_safety(page)
    save_and_continue(page, "trial")

    fill_step_trial(page)
    expect(derived).to_contain_text(f"{(TRIAL_END - TRIAL_START).days} days")
    expect(derived).to_contain_text(TRIAL_RELIEF)
    expect(derived).to_contain_text(MME_REDUCTION)
    save_and_continue(page, "decision")

    fill_step_decision(page)
    save_and_continue(page, "review")
    expect_review(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "case-review.png", full_page=True)

    page.get_by_role("button", name="Mark ready").click()
    expect(page).to_have_url(case_url.removesuffix("edit/"))
    expect(page.get_by_role("status")).to_contain_text("The case is ready.")
    expect(page.locator(".badge.status-ready")).to_have_text("Ready")

    letter = issue_and_download(page, case_url.removesuffix("edit/"))
    expect_staff_download(browser, server.url, letter)


def pdf_text(data: bytes) -> str:
    """Return a PDF's text with whitespace collapsed."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def download(page: Page, link) -> tuple[str, bytes]:
    """Click a download link; return the suggested file name and the bytes."""
    with page.expect_download() as info:
        link.click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def issue_and_download(page: Page, case_page: str) -> bytes:
    """Issue the letter from the case page and download it; return the PDF."""
    # The case filled above documents every required Medicare JF criterion, so no override is asked for.
    blocking = page.locator(".findings-blocking")
    assert blocking.count() == 0, blocking.inner_text()  # shows what is missing if the case changes
    expect(page.locator(".assessment .badge")).to_have_text("Meets criteria")
    expect(page.locator("#id_override_reason")).to_have_count(0)
    page.get_by_role("button", name="Issue letter").click()
    expect(page.get_by_role("status")).to_contain_text("Letter version 1 issued.")
    expect(page.locator(".badge.status-issued")).to_have_text("Letter issued")
    name, data = download(page, page.get_by_role("link", name="Download PDF"))
    case_id = case_page.rstrip("/").rsplit("/", 1)[1]
    assert name == f"letter-{case_id[:8]}-v1.pdf"
    text = pdf_text(data)
    assert data.startswith(b"%PDF-")
    assert PATIENT in text and MEMBER_ID_STORED in text and "63650" in text and "Page 1 of" in text
    return data


def expect_staff_download(browser: Browser, base_url: str, letter: bytes) -> None:
    """Office staff download the same letter from the case list."""
    staff_page = open_page(browser)
    log_in(staff_page, base_url, "desk")
    row = staff_page.locator("table.case-table tbody tr").filter(has_text=PATIENT)
    _, data = download(staff_page, row.get_by_role("link", name="Letter v1 (PDF)"))
    assert data == letter
    staff_page.context.close()


# The other requests, each with whether the patient already has an implanted stimulator.
OTHER_REQUESTS = [
    (Procedure.SCS_TRIAL, None),
    (Procedure.SCS_REPLACEMENT, None),
    (Procedure.DRG_TRIAL, True),
    (Procedure.DRG_PERMANENT, None),
    (Procedure.LUMBAR_SYMPATHETIC_BLOCK, None),
    (Procedure.STELLATE_GANGLION_BLOCK, None),
]


def shown(day: date) -> str:
    """Return the date as the review shows it, e.g. "Aug 4, 2026"."""
    return f"{day:%b} {day.day}, {day.year}"


# What the review shows of each request-specific step, once fill_minimal_step has filled it.
MINIMAL_REVIEW_SHOWS = {
    "device": ["Battery at end of life"],
    "blocks": [shown(BLOCK_ON), "Right"],
    "trial": [shown(DRG_TRIAL_ON), shown(DRG_TRIAL_ON + timedelta(days=5)), "5 days"],
}


def fill_minimal_request(page: Page, procedure: Procedure, existing: bool | None) -> None:
    """Choose the request and a commercial payer (no MAC), with what this request needs."""
    page.select_option("#id_request-procedure", procedure.value)
    page.select_option("#id_request-payer", "aetna" if procedure in BLOCK_PROCEDURES else "bcbsa")
    expect(page.locator("#id_request-mac_jurisdiction")).to_be_hidden()
    page.select_option("#id_request-place_of_service", "hospital_outpatient")
    page.fill("#id_request-planned_on", iso(PLANNED_ON))
    if procedure == Procedure.SCS_REPLACEMENT:
        page.select_option("#id_request-revision_kind", "generator_replacement")
    if procedure in BLOCK_PROCEDURES:
        check(page, "request-block_side", "right")
        page.fill("#id_request-block_levels", "L2, L3" if procedure.value.startswith("lumbar") else "C6")
    else:
        expect(page.locator("#id_request-block_levels")).to_be_hidden()
    if existing:
        check(page, "request-has_existing_stimulator", "true")


def fill_minimal_step(page: Page, step: str) -> None:
    """Fill one meaningful field of the request-specific steps; leave shared steps as they are."""
    if step == "device":
        page.select_option("#id_device-problem", "battery_end_of_life")
    elif step == "blocks":
        page.fill("#id_blocks-blocks-0-performed_on", iso(BLOCK_ON))
        page.select_option("#id_blocks-blocks-0-side", "right")
        page.fill("#id_blocks-blocks-0-relief_days", "5")
    elif step == "trial":
        page.fill("#id_trial-started_on", iso(DRG_TRIAL_ON))
        page.fill("#id_trial-ended_on", iso(DRG_TRIAL_ON + timedelta(days=5)))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("procedure", "existing"), OTHER_REQUESTS, ids=[p.value for p, _ in OTHER_REQUESTS])
def test_clinician_marks_each_other_request_ready(server, page, clinician, procedure, existing):
    """Each other request walks exactly its own steps, from a new case to "Ready" in the case list."""
    steps = applicable_steps(procedure, existing)
    patient = f"{procedure.value.replace('_', ' ').title()} Testpatient"
    log_in(page, server.url)
    case_url = start_case(page, server.url)

    fill_minimal_request(page, procedure, existing)
    save_and_continue(page, "patient")
    expect_nav_steps(page, steps)

    page.fill("#id_patient-name", patient)
    page.fill("#id_patient-born_on", "1971-09-02")
    save_and_continue(page, "diagnosis")

    page.select_option("#id_diagnosis-condition", "crps_1")
    check(page, "diagnosis-limb", "lower")
    check(page, "diagnosis-side", "right")
    for step, next_step in zip(steps[2:-1], steps[3:], strict=True):
        expect(page).to_have_url(re.compile(rf"/edit/{step}/$"))
        fill_minimal_step(page, step)
        save_and_continue(page, next_step)

    expect_nav_steps(page, steps)
    expect(page.locator(".summary .badge")).to_have_count(0)  # every step saved, none with errors
    assert [
        s.removeprefix("summary-")
        for s in page.locator(".summary").evaluate_all("sections => sections.map(s => s.id)")
    ] == steps[:-1]
    expect(page.locator("#summary-patient")).to_contain_text(patient)
    expect(page.locator("#summary-request")).to_contain_text(procedure.label)
    for step in set(steps) & MINIMAL_REVIEW_SHOWS.keys():
        for text in MINIMAL_REVIEW_SHOWS[step]:
            expect(page.locator(f"#summary-{step}")).to_contain_text(text)

    page.get_by_role("button", name="Mark ready").click()
    expect(page).to_have_url(case_url.removesuffix("edit/"))
    # A minimal case leaves payer-required items open: marking it ready says so (issue 11).
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Marked ready with \d+ open items?"))
    expect(page.locator(".badge.status-ready")).to_have_text("Ready")

    page.goto(f"{server.url}/cases/")
    row = page.locator("table.case-table tbody tr", has_text=patient)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text(procedure.label)
    expect(row.locator(".badge[class*=status-]")).to_have_text("Ready")
