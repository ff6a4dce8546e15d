"""The letter's layout, read back from real PDFs: page 1 decides, the argument then the appendix, at most four
pages, fax-legible (text ≥ 9 pt in near-black, dark rules ≥ 0.75 pt), and DRAFT on every page of a draft."""

import io
import math
import re
import subprocess
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from tests.conftest import EXAMPLE_NAMES, TODAY, example_data, example_facts
from wizard.core.assessment import assess
from wizard.core.case_format import load_case
from wizard.core.choices import PlaceOfService
from wizard.core.coding import ICD10, code_request
from wizard.core.display import format_date
from wizard.core.rules import Finding, Result, Status
from wizard.letter.build import build_letter
from wizard.letter.content import Letter, Section
from wizard.letter.render import letter_html, render_letter_pdf, static_root
from wizard.letter.summary import criteria_count, summary_items

MAX_PAGES = 4
MIN_POINTS = 9.0
MIN_CONTRAST = 7.0
MIN_RULE_POINTS = 0.75
# What page 1's summary must say for each model case: the result row its request calls for.
RESULT_ROW = {
    "crps-lumbar-sympathetic-block-aetna": "Earlier blocks",
    "crps-scs-permanent-medicare": "Trial result",
    "crps2-drg-trial-bcbsa": "Device problem",
    "fbss-scs-permanent-aetna": "Trial result",
}
# A 1 × 1 PNG, as a clinician's signature image arrives in the letter.
PIXEL_PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="


@dataclass(frozen=True)
class Rendered:
    letter: Letter
    pdf: bytes
    pages: list[str]


def collapse(text: str) -> str:
    """Return text with every run of whitespace as one space."""
    return " ".join(text.split())


def squeeze(text: str) -> str:
    """Return text without whitespace: table cells wrap anywhere."""
    return "".join(text.split())


def pdf_pages(pdf: bytes) -> list[str]:
    """Return each page's text in content order, whitespace collapsed."""
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [collapse(page.replace("-\n", "-")) for page in raw.split("\f")[:-1]]


def model_letter(name: str) -> Letter:
    """Return the letter the app builds for a model case."""
    facts = example_facts(name)
    return build_letter(facts, assess(facts, today=TODAY).results, today=TODAY)


def render(letter: Letter, case_file: dict | None = None) -> Rendered:
    """Render a letter and read its pages back."""
    pdf = render_letter_pdf(letter, case_file=case_file)
    return Rendered(letter, pdf, pdf_pages(pdf))


@pytest.fixture(scope="module")
def rendered() -> dict[str, Rendered]:
    """Render each model case once, as issued (case file attached)."""
    return {name: render(model_letter(name), example_data(name)) for name in EXAMPLE_NAMES}


@pytest.fixture(scope="module")
def drafts() -> dict[str, Rendered]:
    """Render each model case once as a draft."""
    return {name: render(replace(model_letter(name), draft=True)) for name in EXAMPLE_NAMES}


# ---- Reading what a PDF draws: text size and fill colour at each text-showing operator ------------------

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m, n) -> tuple[float, ...]:
    """Return the PDF matrix product m × n."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def drawn_text(reader: PdfReader, content, resources, ctm=IDENTITY, found=None) -> list[tuple[float, tuple]]:
    """Return (printed size in pt, fill colour) for each run of text, following forms (the SVG figures) too.

    pypdf's text visitor restarts the transformation matrix inside a form XObject, so a figure's text would
    read at its own units; this walks the content itself: q/Q, cm, Tf, Tm, fill colours and Do.
    """
    found = [] if found is None else found
    stack, size, fill, tm = [], 0.0, ("g", (0.0,)), IDENTITY
    for operands, operator in ContentStream(content, reader).operations:
        op = operator.decode("latin-1")
        if op == "q":
            stack.append((ctm, size, fill))
        elif op == "Q":
            ctm, size, fill = stack.pop()
        elif op == "cm":
            ctm = multiply(tuple(float(x) for x in operands), ctm)
        elif op == "BT":
            tm = IDENTITY
        elif op == "Tf":
            size = float(operands[1])
        elif op == "Tm":
            tm = tuple(float(x) for x in operands)
        elif op in ("g", "rg", "k", "sc", "scn"):
            fill = (op, tuple(float(x) for x in operands if isinstance(x, (int, float))))
        elif op in ("Tj", "TJ", "'", '"'):
            m = multiply(tm, ctm)
            found.append((size * math.hypot(m[2], m[3]), fill))
        elif op == "Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                matrix = tuple(float(x) for x in xobject.get("/Matrix", IDENTITY))
                drawn_text(
                    reader, xobject, xobject.get("/Resources", resources), multiply(matrix, ctm), found
                )
    return found


def page_runs(pdf: bytes) -> list[list[tuple[float, tuple]]]:
    """Return the text runs of each page."""
    reader = PdfReader(io.BytesIO(pdf))
    return [drawn_text(reader, page.get_contents(), page["/Resources"]) for page in reader.pages]


def luminance(rgb: tuple[float, float, float]) -> float:
    """Return the WCAG relative luminance of an sRGB colour with channels 0–1."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(rgb: tuple[float, float, float]) -> float:
    """Return the WCAG contrast ratio of a colour against white."""
    return 1.05 / (luminance(rgb) + 0.05)


def fill_rgb(fill: tuple) -> tuple[float, float, float]:
    """Return a PDF fill colour as RGB 0–1 (grey, RGB or CMYK operators)."""
    op, values = fill
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return values
    c, m, y, k = values
    return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))


def hex_rgb(value: str) -> tuple[float, float, float]:
    """Return a CSS #rgb or #rrggbb colour as RGB 0–1."""
    digits = value.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))


# ---- Page 1 decides --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_page_one_holds_the_summary_a_reviewer_decides_from(rendered, name):
    letter, first = rendered[name].letter, squeeze(rendered[name].pages[0])
    facts = example_facts(name)
    labels = [item.label for item in letter.summary]
    assert {"Request", "Date of service", "Facility", "Diagnosis", RESULT_ROW[name]} <= set(labels)
    for item in letter.summary:
        assert squeeze(f"{item.label} {item.value}") in first, item
    assert squeeze(format_date(facts.request.planned_on)) in first
    for line in code_request(facts).lines:
        assert squeeze(line.code) in first, line.code
    assert re.search(r"(\d+)of\1requiredcriteriamet—seeAppendixA", first), "criteria count"
    if name != "crps-lumbar-sympathetic-block-aetna":
        assert "Psychological evaluation" in labels
        assert squeeze(format_date(facts.psych.evaluated_on)) in first
        assert squeeze(facts.psych.evaluator_name) in first


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_page_one_is_letterhead_date_recipient_re_summary_then_the_opening(rendered, name):
    letter, first = rendered[name].letter, squeeze(rendered[name].pages[0])
    parts = [
        letter.practice_name,
        letter.date_text,
        *letter.recipient_lines,
        *letter.re_lines,
        "SUMMARY OF THIS REQUEST",  # the caption is set in capitals
        *(item.value for item in letter.summary),
        letter.criteria_count,
        letter.salutation,
        letter.opening[0],
    ]
    at = 0
    for part in parts:
        at = first.find(squeeze(part), at)
        assert at != -1, f"{part!r} missing from page 1 or out of order"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_trial_result_is_in_numbers(rendered, name):
    letter = rendered[name].letter
    values = {item.label: item.value for item in letter.summary}
    if RESULT_ROW[name] == "Trial result":
        assert re.search(r"pain \d+ → \d+/10 \([\d.]+% relief\)", values["Trial result"])
        assert "MME per day" in values["Trial result"] and "ODI" in values["Trial result"]
    if RESULT_ROW[name] == "Earlier blocks":
        assert re.search(r"\d+ blocks; relief lasted [\d →]+ days", values["Earlier blocks"])


# ---- The argument, then the appendix; at most four pages -------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_model_letter_takes_at_most_four_pages(rendered, name):
    assert 2 <= len(PdfReader(io.BytesIO(rendered[name].pdf)).pages) <= MAX_PAGES
    assert len(rendered[name].pages) <= MAX_PAGES


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_signed_argument_fits_two_pages(rendered, name):
    letter, pages = rendered[name].letter, rendered[name].pages
    first_two = squeeze(" ".join(pages[:2]))
    for part in (letter.conclusion[0], letter.attestation, *letter.signature_lines, *letter.enclosures):
        assert squeeze(part) in first_two


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_appendix_starts_on_a_new_page_after_the_signed_argument(rendered, name):
    letter, pages = rendered[name].letter, rendered[name].pages
    title = f"Appendix A. {letter.criteria_title}"
    (start,) = [number for number, page in enumerate(pages) if title in page]
    assert start >= 1
    # Nothing but the running head (practice name, patient and date of birth) comes before it on its page.
    head = squeeze(pages[start][: pages[start].index(title)])
    assert head in ("", squeeze(f"{letter.practice_name} {letter.identifiers}"))
    argument = squeeze(" ".join(pages[:start]))
    for part in (letter.conclusion[0], letter.attestation, *letter.signature_lines):
        assert squeeze(part) in argument
    appendix = squeeze(" ".join(pages[start:]))
    assert squeeze(f"Appendix A. {letter.criteria_title}") in appendix
    letters = letter.appendix_letters
    assert squeeze(f"Appendix {letters['history']}. {letter.treatment_history.title}") in appendix
    assert squeeze(f"Appendix {letters['evidence']}. Supporting evidence and references") in appendix
    assert all(squeeze(row.text) in appendix for row in letter.criteria)
    # The chronological therapy table is in the appendix, each row's therapy in it, none in the argument.
    assert all(squeeze(row[0]) in appendix for row in letter.treatment_history.table)
    assert squeeze(" ".join(letter.treatment_history.table_header)) not in argument


def test_policy_citation_and_items_to_follow_print_where_the_criteria_appendix_starts():
    letter = replace(
        model_letter("crps-scs-permanent-medicare"),
        policy_citation="Criteria of Local Coverage Determination L36204 (revised Dec 1, 2019).",
        to_follow=("Psychological evaluation: to follow by Dec 5, 2026",),
    )
    text = squeeze(" ".join(render(letter).pages))
    expected = squeeze(
        f"Appendix A. {letter.criteria_title} {letter.policy_citation} To follow {letter.to_follow[0]} "
        f"{letter.criteria_note}"
    )
    assert expected in text


def test_the_treatment_history_prints_as_a_table_with_its_header():
    therapy = Section(
        "Treatment history, in date order",
        table_header=("Therapy", "Dose or sessions", "Dates", "Result", "Reason stopped"),
        table=(
            ("Gabapentin", "600 mg three times daily", "Apr 2024 – Sep 2024", "Not tolerated", "Dizziness"),
        ),
    )
    letter = replace(model_letter("fbss-scs-permanent-aetna"), treatment_history=therapy)
    html = letter_html(letter, stylesheet="/static/css/letter.css")
    assert '<table class="section-table">' in html and '<th scope="col">Reason stopped</th>' in html
    text = " ".join(render(letter).pages)
    assert "Appendix B. Treatment history, in date order" in text
    assert "Therapy Dose or sessions Dates Result Reason stopped" in text
    assert "Gabapentin 600 mg three times daily Apr 2024 – Sep 2024 Not tolerated Dizziness" in text


def test_the_signature_block_prints_statement_image_contact_and_the_expedite_line_near_the_top():
    letter = replace(
        model_letter("crps-scs-permanent-medicare"),
        signature_statement="Electronically signed by Priya Raman, MD, FIPP on Nov 22, 2026 at 10:42 MST",
        signature_image=PIXEL_PNG,
        contact_lines=("For a peer-to-peer discussion: Dr Raman, direct line (602) 555-0199",),
        expedite="Expedited review requested: the procedure is scheduled for Dec 15, 2026.",
    )
    html = letter_html(letter, stylesheet="/static/css/letter.css")
    assert f'<img class="signature-image" src="{PIXEL_PNG}"' in html
    result = render(letter)
    first, text = squeeze(result.pages[0]), squeeze(" ".join(result.pages))
    assert first.index(squeeze(letter.expedite)) < first.index("SUMMARYOFTHISREQUEST")
    signed = squeeze(
        f"{' '.join(letter.signature_lines)} {letter.signature_statement} {letter.contact_lines[0]}"
    )
    assert signed in text
    # The PNG is the letter's only raster image (WeasyPrint lists it in each page's shared resources).
    assert PdfReader(io.BytesIO(result.pdf)).pages[0].images[0].image.size == (1, 1)


# ---- Draft -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_draft_says_draft_on_every_page(drafts, name):
    pages = drafts[name].pages
    assert pages
    for number, page in enumerate(pages, start=1):
        assert "DRAFT" in page, f"page {number}"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_letter_that_is_not_a_draft_never_says_draft(rendered, name):
    assert not any("DRAFT" in page for page in rendered[name].pages)


# ---- Fax-legible -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_text_on_every_page_is_at_least_nine_points(rendered, drafts, name):
    for pdf in (rendered[name].pdf, drafts[name].pdf):
        for number, runs in enumerate(page_runs(pdf), start=1):
            assert runs, f"page {number} has no text"
            smallest = min(size for size, _ in runs)
            assert smallest >= MIN_POINTS - 0.01, f"page {number}: {smallest:.2f} pt"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_text_fill_is_near_black(rendered, name):
    for number, runs in enumerate(page_runs(rendered[name].pdf), start=1):
        for _, fill in runs:
            assert contrast_on_white(fill_rgb(fill)) >= MIN_CONTRAST, f"page {number}: {fill}"


def test_the_size_reader_sees_a_figures_text_at_its_printed_size():
    letter = model_letter("crps-scs-permanent-medicare")
    assert letter.figures
    result = render(letter)
    figure_page = next(n for n, page in enumerate(result.pages) if "Figure 1." in page)
    # The figure's tick labels: 12 units of a 640-unit view box, drawn in #404040 across the ~7 in column.
    ticks = [size for size, fill in page_runs(result.pdf)[figure_page] if fill_rgb(fill) == (0.25098,) * 3]
    assert ticks and all(MIN_POINTS <= size < 10.5 for size in ticks), ticks


CSS = (static_root() / "css" / "letter.css").read_text()
PRINT_CSS = CSS.split("@media screen")[0]


def css_rules(css: str) -> list[tuple[str, str]]:
    """Return (selector, declarations) of each rule, comments dropped (nested @page boxes flattened)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(m[1].strip(), m[2]) for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", css)]


def test_every_text_colour_in_the_letter_stylesheet_is_near_black():
    for selector, body in css_rules(PRINT_CSS):
        for colour in re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body):
            if selector == ".status-not_met":
                # Reversed: white on a black label.
                assert colour == "#fff" and re.search(r"background:\s*#000\b", body)
                continue
            assert contrast_on_white(hex_rgb(colour)) >= MIN_CONTRAST, f"{selector}: {colour}"


def test_no_text_in_the_letter_stylesheet_is_below_nine_points():
    sizes = re.findall(r"(?:font-size:|font:[^;]*?)\s*(?<![\d.])(\d+(?:\.\d+)?)pt", PRINT_CSS)
    assert sizes and min(float(s) for s in sizes) >= MIN_POINTS


def test_every_rule_in_the_letter_stylesheet_is_dark_and_at_least_three_quarters_of_a_point():
    borders = re.findall(r"border(?:-[a-z]+)*:\s*([\d.]+)pt\s+\w+\s+(#[0-9a-fA-F]{3,6})", PRINT_CSS)
    assert borders
    for width, colour in borders:
        assert float(width) >= MIN_RULE_POINTS and contrast_on_white(hex_rgb(colour)) >= MIN_CONTRAST
    assert "background: #" not in re.sub(r"background: #(?:fff|000)\b", "", PRINT_CSS)


# ---- The summary, from facts alone -----------------------------------------------------------------------


def labels_of(facts) -> dict[str, str]:
    """Return the summary's rows of a case as label → value."""
    return {item.label: item.value for item in summary_items(facts, "Procedure")}


def test_missing_facts_drop_their_rows_and_print_no_placeholder():
    facts = example_facts("crps-scs-permanent-medicare")
    bare = replace(
        facts,
        request=replace(
            facts.request, planned_on=None, place_of_service=None, lead_count=None, lead_type=None
        ),
        psych=replace(facts.psych, conclusion=None, evaluated_on=None),
        trial=replace(facts.trial, pain_before_nrs=None, mme_before=None),
        baselines=replace(facts.baselines, odi=type(facts.baselines.odi)()),
    )
    rows = labels_of(bare)
    assert not {
        "Date of service",
        "Facility",
        "Device and leads",
        "Psychological evaluation",
        "Trial result",
    } & set(rows)
    assert not any(
        word in value.lower() for value in rows.values() for word in ("none", "not recorded", "n/a")
    )


def test_facility_prints_its_name_npi_and_place_of_service_code():
    facts = example_facts("crps-scs-permanent-medicare")
    facts = replace(
        facts,
        request=replace(
            facts.request,
            facility_name="Camelback Surgery Center",
            facility_npi="1234567893",
            place_of_service=PlaceOfService.HOSPITAL_OUTPATIENT,
            device_model="Proclaim XR",
            lead_levels="T8-T10",
        ),
    )
    rows = labels_of(facts)
    assert (
        rows["Facility"]
        == "Camelback Surgery Center, NPI 1234567893, POS 22 (hospital outpatient department)"
    )
    assert rows["Device and leads"] == "Proclaim XR; 2 percutaneous leads at T8-T10"


def test_the_diagnosis_row_names_each_icd10_code():
    facts = example_facts("fbss-scs-permanent-aetna")
    codes = [line.code for line in code_request(facts).lines if line.system == ICD10]
    assert len(codes) == 2
    assert all(f"ICD-10-CM {code}" in labels_of(facts)["Diagnosis"] for code in codes)


def test_the_device_problem_row_says_what_failed_and_when():
    facts = example_facts("crps2-drg-trial-bcbsa")
    value = labels_of(facts)["Device problem"]
    assert value.startswith(facts.device.problem.label)
    assert format_date(facts.device.problem_noted_on) in value


def open_findings(name: str, *, undocument: int) -> list[Result]:
    """Return a model case's findings with the first `undocument` blocking criteria made not documented."""
    findings, changed = [], 0
    for result in assess(example_facts(name), today=TODAY).results:
        if result.criterion.blocking and changed < undocument:
            result = Result(result.criterion, Finding(Status.NOT_DOCUMENTED, "not recorded"))
            changed += 1
        findings.append(result)
    return findings


def test_the_criteria_count_is_honest_about_open_items():
    name = "fbss-scs-permanent-aetna"
    findings = open_findings(name, undocument=2)
    total = sum(r.criterion.blocking for r in findings)
    assert (
        criteria_count(findings) == f"{total - 2} of {total} required criteria met; 2 open — see Appendix A"
    )
    letter = build_letter(example_facts(name), findings, today=TODAY)
    assert f"{total - 2} of {total} required criteria met; 2 open" in " ".join(render(letter).pages)


def test_the_criteria_count_counts_the_required_criteria_the_verdict_reads():
    findings = assess(example_facts("crps-scs-permanent-medicare"), today=TODAY).results
    required = [r for r in findings if r.criterion.blocking]
    assert (
        criteria_count(findings)
        == f"{len(required)} of {len(required)} required criteria met — see Appendix A"
    )
    assert criteria_count([]) == ""


def test_a_case_without_a_date_of_service_or_findings_still_renders_page_one():
    data = example_data("crps2-drg-trial-bcbsa")
    data["request"].pop("planned_on", None)
    facts = load_case(data)
    letter = build_letter(facts, (), today=date(2026, 11, 22))
    assert letter.criteria_count == "" and "Date of service" not in [i.label for i in letter.summary]
    first = render(letter).pages[0]
    assert "SUMMARY OF THIS REQUEST" in first and "required criteria" not in first


def test_summary_numbers_are_the_records_own():
    facts = example_facts("crps-scs-permanent-medicare")
    trial = labels_of(facts)["Trial result"]
    t = facts.trial
    assert f"pain {t.pain_before_nrs} → {t.pain_during_nrs}/10" in trial
    assert (
        f"{Decimal(t.mme_before).normalize():f} → {Decimal(t.mme_during).normalize():f} MME per day" in trial
    )


def test_a_request_without_a_procedure_prints_no_placeholder_in_the_summary():
    facts = example_facts("crps-scs-permanent-medicare")
    facts = replace(facts, request=replace(facts.request, procedure=None))
    rows = {item.label: item.value for item in summary_items(facts, "the requested procedure")}
    assert "the requested procedure" not in " ".join(rows.values())


def test_the_psychological_evaluation_row_names_conclusion_date_and_evaluator():
    facts = example_facts("crps-scs-permanent-medicare")
    assert (
        labels_of(facts)["Psychological evaluation"]
        == "Cleared, Aug 12, 2026 by Alan Porter, PsyD (psychologist)"
    )
    unnamed = replace(facts, psych=replace(facts.psych, evaluator_name="", evaluator_credential=None))
    assert labels_of(unnamed)["Psychological evaluation"] == "Cleared, Aug 12, 2026"
