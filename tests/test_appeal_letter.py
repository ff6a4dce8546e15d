"""The appeal letter and the peer-to-peer sheet as PDFs, read back: each reason answered with the facts and
criteria that answer it, the policy cited once, the new enclosures and the deadline given, nothing open
claimed as met, fax-legible text, and a sheet that fits one page."""

import io
import logging
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLE_NAMES, TODAY, example_facts
from tests.test_letter_layout import MIN_CONTRAST, MIN_POINTS, contrast_on_white, fill_rgb, page_runs
from tests.test_letter_pdf import pdf_text
from wizard.core import scoring
from wizard.core.assessment import assess
from wizard.core.choices import DenialReason, PsychConclusion
from wizard.core.coding import ICD10, code_request
from wizard.core.denials import ALL_REQUIRED, answer, appeal_deadline, reason_steps
from wizard.core.display import format_date
from wizard.core.facts import Clinician, Psych
from wizard.core.steps import applicable_steps
from wizard.letter.appeal import REASON_TITLES, build_appeal
from wizard.letter.appeal_content import AppealLetter
from wizard.letter.criteria_table import criterion_rows
from wizard.letter.peer_to_peer import build_peer_to_peer
from wizard.letter.render_appeal import render_appeal_pdf, render_peer_to_peer_pdf

FBSS = "fbss-scs-permanent-aetna"
DENIED_ON = date(2026, 11, 20)
DEADLINE = date(2027, 1, 15)
REFERENCE = "PA-2026-77341"
PAYER_TEXT = "Medical necessity is not established under the plan's criteria for this service."
NEW_ENCLOSURES = ("Psychological evaluation addendum, Nov 18, 2026", "Trial pain diary, days 1 to 7")
ALL_REASONS = tuple(DenialReason)


class ListHandler(logging.Handler):
    """Keep the records logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass(frozen=True)
class Rendered:
    facts: object
    results: tuple
    appeal: AppealLetter
    pdf: bytes
    text: str
    log: list


def collapse(text: str) -> str:
    """Return text with every run of whitespace as one space."""
    return " ".join(text.split())


def squeeze(text: str) -> str:
    """Return text without whitespace: lines wrap anywhere."""
    return "".join(text.split())


def appeal_of(facts, reasons, deadline_on=DEADLINE, **signing) -> tuple[tuple, AppealLetter]:
    """Return the findings and the appeal of a denial of these facts for these reasons."""
    results = tuple(assess(facts, today=TODAY).results)
    appeal = build_appeal(
        facts,
        results,
        reasons=list(reasons),
        payer_text=PAYER_TEXT,
        denied_on=DENIED_ON,
        reference=REFERENCE,
        deadline_on=deadline_on,
        new_enclosures=list(NEW_ENCLOSURES),
        today=TODAY,
        **signing,
    )
    return results, appeal


def render(facts, reasons, **kwargs) -> Rendered:
    """Render an appeal once, keeping what WeasyPrint logged meanwhile."""
    handler = ListHandler()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        results, appeal = appeal_of(facts, reasons, **kwargs)
        pdf = render_appeal_pdf(appeal)
    finally:
        logger.removeHandler(handler)
    return Rendered(facts, results, appeal, pdf, pdf_text(pdf), handler.records)


@pytest.fixture(scope="module")
def rendered() -> dict[str, Rendered]:
    """Each model case appealed on every reason at once, rendered once for the module."""
    return {name: render(example_facts(name), ALL_REASONS) for name in EXAMPLE_NAMES}


def section_text(done: Rendered, reason: DenialReason) -> str:
    """Return the squeezed text of the section answering this reason, up to the next section or the closing."""
    text = squeeze(done.text)
    titles = [squeeze(section.title) for section in done.appeal.sections]
    index = [DenialReason(r) for r in ALL_REASONS].index(reason)
    start = text.index(titles[index])
    end = (
        text.index(titles[index + 1], start)
        if index + 1 < len(titles)
        else text.index("Irespectfullyask", start)
    )
    return text[start:end]


def is_general(reason: DenialReason, results) -> bool:
    """Return True when every required criterion answers the reason."""
    return reason_steps(reason) is ALL_REQUIRED or answer(reason, results).fallback


def title_of(reason: DenialReason) -> str:
    return f"Reason: {REASON_TITLES.get(reason, reason.label)}"


# ---- Each reason answered --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_pdf_renders_without_weasyprint_warnings(rendered, name):
    assert not rendered[name].log, [r.getMessage() for r in rendered[name].log]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("reason", ALL_REASONS)
def test_each_reason_is_cited_in_its_own_section(rendered, name, reason):
    assert squeeze(title_of(reason)) in section_text(rendered[name], reason)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("reason", ALL_REASONS)
def test_each_criterion_met_that_answers_a_reason_is_cited_with_its_evidence(rendered, name, reason):
    done = rendered[name]
    rows = {row.id: row for row in criterion_rows(done.results, done.facts)}
    section = section_text(done, reason)
    answered = answer(reason, done.results)
    assert answered.results
    first_general = next(r for r in ALL_REASONS if is_general(r, done.results))
    if is_general(reason, done.results) and reason != first_general:
        # Every required criterion is listed once, under the first reason needing them all; later ones point there.
        assert squeeze("is listed above, under") in section
        section = section_text(done, first_general)
    for result in answered.met:
        row = rows[result.criterion.id]
        assert squeeze(f"{row.text} Met: {row.evidence}") in section
    for result in answered.open:
        assert squeeze(f"{rows[result.criterion.id].text} Met") not in section


@pytest.mark.parametrize(
    "name",
    [n for n in EXAMPLE_NAMES if "psych" in applicable_steps(example_facts(n).request.procedure, None)],
)
def test_a_psych_denial_is_answered_with_evaluator_date_and_conclusion(rendered, name):
    psych = rendered[name].facts.psych
    section = section_text(rendered[name], DenialReason.PSYCH_EVALUATION)
    for fact in (psych.evaluator_name, format_date(psych.evaluated_on), psych.conclusion.label.lower()):
        assert squeeze(fact) in section


@pytest.mark.parametrize("name", [n for n in EXAMPLE_NAMES if example_facts(n).trial.started_on])
def test_a_trial_denial_is_answered_with_the_trial_dates_and_relief(rendered, name):
    trial = rendered[name].facts.trial
    relief = scoring.percent_reduction(trial.pain_before_nrs, trial.pain_during_nrs)
    section = section_text(rendered[name], DenialReason.TRIAL_OUTCOME)
    for fact in (format_date(trial.started_on), format_date(trial.ended_on), f"{relief}% relief"):
        assert squeeze(fact) in section


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_conservative_care_denial_lists_the_therapies_tried(rendered, name):
    therapy = rendered[name].facts.therapy
    section = section_text(rendered[name], DenialReason.CONSERVATIVE_CARE)
    assert therapy.medications
    for medication in therapy.medications:
        assert squeeze(medication.drug) in section
    assert "appendix" not in section.lower()  # the appeal has no appendix to point to


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_coding_denial_shows_every_code_requested(rendered, name):
    section = section_text(rendered[name], DenialReason.CODING)
    for line in code_request(rendered[name].facts).lines:
        assert squeeze(line.code if line.system == ICD10 else f"{line.system} {line.code}") in section


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_site_of_service_denial_shows_the_facility_and_date(rendered, name):
    facts = rendered[name].facts
    section = section_text(rendered[name], DenialReason.SITE_OF_SERVICE)
    assert "POS" in section and squeeze(format_date(facts.request.planned_on)) in section


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_functional_baseline_denial_shows_the_odi(rendered, name):
    odi = scoring.score_odi(rendered[name].facts.baselines.odi.scores())
    assert f"{odi.percent}%" in section_text(rendered[name], DenialReason.FUNCTIONAL_BASELINE)


# ---- Around the reasons ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_policy_is_cited_once(rendered, name):
    done = rendered[name]
    assert done.appeal.policy_citation
    assert squeeze(done.text).count(squeeze(done.appeal.policy_citation)) == 1


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_denial_its_words_the_enclosures_and_the_deadline_are_stated(rendered, name):
    text = collapse(rendered[name].text)
    assert f"Appeal of denial {REFERENCE} dated {format_date(DENIED_ON)}" in text
    assert f"“{PAYER_TEXT}”" in text
    assert f"Appeal deadline: {format_date(DEADLINE)}" in text
    assert "New with this appeal" in text
    for enclosure in NEW_ENCLOSURES:
        assert enclosure in text


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_records_not_received_sends_the_letters_records_again(rendered, name):
    assert "Enclosed again" in collapse(rendered[name].text)
    assert rendered[name].appeal.enclosed_again


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_page_carries_both_identifiers_and_a_peer_to_peer_request(rendered, name):
    done = rendered[name]
    pages = [collapse(p) for p in done.text.split("\f") if p.strip()]
    for page in pages:
        assert done.appeal.identifiers in page
    assert "I request a peer-to-peer review" in collapse(done.text)


def test_without_a_given_deadline_none_is_printed_and_the_clinician_is_told():
    done = render(example_facts(FBSS), [DenialReason.CODING], deadline_on=None)
    assert "Appeal deadline" not in done.text
    assert any("No appeal deadline is printed" in note for note in done.appeal.notes)
    assert not any("estimate" in s.lower() for s in (done.text,))


def test_a_signed_appeal_prints_the_signature_statement_and_direct_line():
    facts = example_facts(FBSS)
    signer = Clinician(
        facts.request.clinician.name, "MD, FIPP", facts.request.clinician.npi, "(602) 555-0177"
    )
    signed_at = datetime(2026, 11, 22, 15, 30, tzinfo=UTC)
    done = render(facts, [DenialReason.TRIAL_OUTCOME], signed_at=signed_at, signer=signer)
    text = collapse(done.text)
    assert "Electronically signed by" in text and "Nov 22, 2026" in text
    assert "please call me directly at (602) 555-0177" in text


# ---- Never claims what is open ---------------------------------------------------------------------------


def test_a_removed_psych_evaluation_is_never_claimed_met():
    facts = replace(example_facts(FBSS), psych=Psych())
    done = render(facts, [DenialReason.PSYCH_EVALUATION])
    rows = {row.id: row for row in criterion_rows(done.results, facts)}
    clearance = rows["aetna.cpb0194.psych_clearance"]
    text = squeeze(done.text)
    assert squeeze(f"{clearance.text} Met") not in text
    assert squeeze(f"Documentation to follow {clearance.text}") in text
    assert "LindaCho" not in text
    assert any("Not documented" in note and clearance.text in note for note in done.appeal.notes)


def test_a_psych_evaluation_that_did_not_clear_is_left_out_and_the_clinician_is_told():
    facts = example_facts(FBSS)
    facts = replace(facts, psych=replace(facts.psych, conclusion=PsychConclusion.NOT_CLEARED))
    done = render(facts, [DenialReason.PSYCH_EVALUATION])
    rows = {row.id: row for row in criterion_rows(done.results, facts)}
    clearance = rows["aetna.cpb0194.psych_clearance"]
    assert squeeze(clearance.text) not in squeeze(done.text)
    assert any("Not met" in note and clearance.text in note for note in done.appeal.notes)


# ---- Fax-legible -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_text_is_at_least_nine_points_and_near_black(rendered, name):
    for number, runs in enumerate(page_runs(rendered[name].pdf), start=1):
        assert runs, f"page {number} has no text"
        assert min(size for size, _ in runs) >= MIN_POINTS - 0.01, f"page {number}"
        for _, fill in runs:
            assert contrast_on_white(fill_rgb(fill)) >= MIN_CONTRAST, f"page {number}: {fill}"


# ---- The peer-to-peer sheet ------------------------------------------------------------------------------


def sheet_pdf(facts, reasons=ALL_REASONS) -> tuple[object, bytes]:
    """Return the sheet for a denial of these facts and its PDF."""
    results = assess(facts, today=TODAY).results
    sheet = build_peer_to_peer(
        facts,
        results,
        reasons=list(reasons),
        payer_text=PAYER_TEXT,
        denied_on=DENIED_ON,
        reference=REFERENCE,
        deadline=appeal_deadline(DENIED_ON, facts.request.payer, None),
        today=TODAY,
    )
    return sheet, render_peer_to_peer_pdf(sheet)


@pytest.fixture(scope="module")
def sheets() -> dict[str, tuple]:
    """Each model case's sheet for a denial on every reason at once: the longest sheet there is."""
    return {name: sheet_pdf(example_facts(name)) for name in EXAMPLE_NAMES}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_sheet_fits_one_page_even_with_every_reason(sheets, name):
    _, pdf = sheets[name]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_sheet_holds_patient_request_payer_reasons_count_and_numbers(sheets, name):
    sheet, pdf = sheets[name]
    facts = example_facts(name)
    text = collapse(pdf_text(pdf))
    assert facts.patient.name in text and facts.patient.member_id in text
    assert REFERENCE in text and "estimate, verify on the denial notice" in text
    for reason in ALL_REASONS:
        assert reason.label in text
    assert sheet.criteria_count in text and "required criteria met" in text
    for reason in sheet.reasons:
        assert 1 <= len(reason.facts) <= 4
    if facts.trial.started_on:
        assert "Trial" in text and "relief" in text
    if facts.psych.evaluated_on:
        assert format_date(facts.psych.evaluated_on) in text


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_sheet_text_is_at_least_nine_points_and_near_black(sheets, name):
    _, pdf = sheets[name]
    for runs in page_runs(pdf):
        assert min(size for size, _ in runs) >= MIN_POINTS - 0.01
        for _, fill in runs:
            assert contrast_on_white(fill_rgb(fill)) >= MIN_CONTRAST, fill


def test_the_sheet_lists_a_removed_psych_evaluation_as_still_open():
    sheet, pdf = sheet_pdf(replace(example_facts(FBSS), psych=Psych()), [DenialReason.PSYCH_EVALUATION])
    text = squeeze(pdf_text(pdf))
    assert any("cleared the patient" in item or "clear" in item.lower() for item in sheet.still_open)
    assert "Stillopen" in text and "(notdocumented)" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
