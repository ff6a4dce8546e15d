"""Properties of build_letter over generated cases: it never raises, never shows a criterion met that the record
does not document, prints no number or date the case does not hold, and prints clinician text as typed."""

import dataclasses
import math
import re
import typing
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE_NAMES, TODAY, example_facts
from tests.criteria_builders import change
from tests.test_criteria_properties import blank, decided_by_procedure, facts_of
from wizard.core import mme, scoring
from wizard.core.asra_table import HOLD_TABLE
from wizard.core.assessment import decide
from wizard.core.case_format import dump_case
from wizard.core.choices import Payer, Procedure
from wizard.core.coagulation import LAB_WINDOW_DAYS
from wizard.core.criteria import profile_for
from wizard.core.display import format_value
from wizard.core.facts import CaseFacts
from wizard.core.rules import Outcome, Status, evaluate, judge
from wizard.letter.build import build_letter
from wizard.letter.history import duration

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SECTIONS = typing.get_type_hints(CaseFacts)
STEPS = [name for name in SECTIONS if name != "request"]
MODELS = {name: example_facts(name) for name in EXAMPLE_NAMES}
MEETS_CLAIM = "meets each required criterion"


@st.composite
def model_cases_with_blank_steps(draw) -> CaseFacts:
    """Return a model case with one to four of its steps emptied: letters with something, but not everything, to say."""
    facts = MODELS[draw(st.sampled_from(EXAMPLE_NAMES))]
    emptied = draw(st.lists(st.sampled_from(STEPS), min_size=1, max_size=4, unique=True))
    return dataclasses.replace(facts, **{name: SECTIONS[name]() for name in emptied})


def as_request(facts: CaseFacts, procedure: Procedure, payer: Payer) -> CaseFacts:
    """Return generated facts as a request for a procedure to a payer, so the letter has criteria and steps."""
    return change(facts, **{"request.procedure": procedure, "request.payer": payer})


GENERATED_CASES = st.builds(
    as_request, facts_of(CaseFacts), st.sampled_from(Procedure), st.sampled_from(Payer)
)
CASES = st.one_of(model_cases_with_blank_steps(), GENERATED_CASES)


def findings_for(facts: CaseFacts) -> list:
    """Return the findings of the case's own payer (none without one), as the review and the issuing view do."""
    profile = profile_for(facts.request.payer)
    return evaluate(facts, profile.criteria_for(facts), today=TODAY) if profile else []


def letter_for(facts: CaseFacts, **kwargs):
    """Return the letter for facts and their findings as of TODAY."""
    return build_letter(facts, findings_for(facts), today=TODAY, **kwargs)


def strings(value) -> list[str]:
    """Return every leaf of a letter value, failing on anything that is not text (or a flag such as `draft`)."""
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, tuple):
        return [s for v in value for s in strings(v)]
    if dataclasses.is_dataclass(value):
        return strings(dataclasses.astuple(value))
    assert isinstance(value, str), repr(value)
    return [value]


# ---------------------------------------------------------------------------------------------------------
# 1. Never raises


@PROPERTY
@given(CASES, st.sampled_from(["", "Payer agreed to review in parallel."]))
def test_build_letter_never_raises_and_holds_only_text(facts, reason):
    letter = letter_for(facts, override_reason=reason)
    assert all(isinstance(s, str) for s in strings(letter))
    assert bool(letter.override) is bool(reason)


# ---------------------------------------------------------------------------------------------------------
# 2. Never claims met for a criterion whose facts are not documented


@PROPERTY
@given(CASES)
def test_a_met_row_is_not_met_once_the_steps_its_criterion_reads_are_blank(facts):
    findings = findings_for(facts)
    letter = build_letter(facts, findings, today=TODAY)
    # The letter reads the one decision: criteria, blocking denial risks and safety holds.
    outcome = decide(facts, findings).verdict.outcome
    assert (MEETS_CLAIM in " ".join(letter.conclusion)) is (outcome is Outcome.MEETS)

    criteria = {r.criterion.id: r.criterion for r in findings}
    procedure = facts.request.procedure
    met_by_sections = defaultdict(list)
    for row in letter.criteria:
        if row.status == Status.MET.value and not decided_by_procedure(row.id, procedure):
            met_by_sections[criteria[row.id].sections].append(criteria[row.id])
    for sections, met in met_by_sections.items():
        blanked = blank(facts, sections)
        rows = {row.id: row for row in letter_for(blanked).criteria}
        for criterion in met:
            finding = judge(criterion, blanked, TODAY)
            assert finding.status is not Status.MET, (criterion.id, sorted(sections), finding.evidence)
            # Blanking the request can change which table applies (a Medicare MAC); a row left out is not met.
            row = rows.get(criterion.id)
            assert row is None or row.status in (Status.NOT_MET.value, Status.NOT_DOCUMENTED.value), (
                criterion.id
            )


# ---------------------------------------------------------------------------------------------------------
# 3. Never prints a number or a date the case does not hold

MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
DATE = re.compile(rf"\b(?:{MONTHS}) [0-9]{{1,2}}, [0-9]{{4}}\b")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def dates_and_numbers(text: str) -> tuple[list[str], list[Decimal]]:
    """Return the dates ('Mar 4, 2026') in text, then the other numbers in it."""
    return DATE.findall(text), [Decimal(n) for n in NUMBER.findall(DATE.sub(" ", text))]


def numbers_in(*texts: str) -> set[Decimal]:
    """Return the numbers written in texts."""
    return {n for text in texts for n in dates_and_numbers(text)[1]}


# Fixed text of the letter: "/10", "NRS 0–10", "of 10 sections", "×10³", "of 4 categories", "the last 12 months",
# "ODI (v2.1a)", the lab window ("older than 30 days"), the MME source's year, and the figures' axis ticks.
TEXT_CONSTANTS = (
    {Decimal(n) for n in (0, 10, 4, 12, LAB_WINDOW_DAYS)} | {Decimal("2.1")} | numbers_in(mme.LETTER_SOURCE)
)
AXIS_TICKS = {Decimal(n) for n in (*range(0, 11, 2), *range(0, 101, 20))}
# The ASRA 2018 hold table the antithrombotic items quote.
ASRA = numbers_in(
    "ASRA 2018",
    *(rule.interval.words() for rule in HOLD_TABLE if rule.interval),
    *(rule.note for rule in HOLD_TABLE),
    *(rule.restart for rule in HOLD_TABLE),
)


def json_leaves(value, path=()):
    """Yield (path, value) for every leaf of a dumped case."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from json_leaves(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from json_leaves(inner, (*path, index))
    else:
        yield path, value


def typed_at(facts: CaseFacts, path: tuple) -> object:
    """Return the fact at a dumped case's path, as the dataclasses hold it (a date, a choice, a Decimal)."""
    value = facts
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


def case_values(facts: CaseFacts) -> tuple[set[Decimal], set[str]]:
    """Return the numbers and dates of the case's own values: every documented fact as the letter formats it."""
    numbers, dates = set(), set()
    for path, _ in json_leaves(dump_case(facts)):
        if path[0] in ("format", "version"):
            continue
        typed = typed_at(facts, path)
        # A date prints as 'Mar 4, 2026', a choice as its label, a Decimal normalised, free text as typed.
        found_dates, found_numbers = dates_and_numbers(format_value(typed))
        numbers |= set(found_numbers)
        dates |= set(found_dates)
        if isinstance(typed, int | Decimal) and not isinstance(typed, bool):
            numbers.add(Decimal(typed))
    return numbers, dates


def block_axis(blocks) -> set[Decimal]:
    """Return the day ticks of the block figure: 0 to past the longest relief in steps of 1, 2, 5, 10, ..."""
    measured = [b.relief_days for b in blocks if b.relief_days is not None]
    if not measured:
        return set()
    longest = max(measured)
    step = next(m * 10**k for k in range(12) for m in (1, 2, 5) if math.ceil(longest / (m * 10**k)) <= 6)
    return {Decimal(t) for t in range(0, step * max(1, math.ceil(longest / step)) + 1, step)}


def row_counts(obj) -> list[int]:
    """Return the length of every repeating group and set of choices in the facts."""
    counts = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            counts += row_counts(value)
        elif isinstance(value, tuple):
            counts.append(len(value))
            counts += [c for row in value if dataclasses.is_dataclass(row) for c in row_counts(row)]
    return counts


def derived_numbers(facts: CaseFacts) -> set[Decimal]:
    """Return what wizard.core.scoring derives from the facts: scores, percentages, durations, counts, age."""
    dx, therapy, trial, device, blocks = (
        facts.diagnosis,
        facts.therapy,
        facts.trial,
        facts.device,
        facts.blocks,
    )
    values: list = []
    for answers in (facts.baselines.odi, trial.odi):
        score = scoring.score_odi(answers.scores())
        values += [score.percent, score.answered] if score else []
    pairs = [
        (trial.pain_before_nrs, trial.pain_during_nrs),
        (trial.leg_pain_before_nrs, trial.leg_pain_during_nrs),
        (trial.back_pain_before_nrs, trial.back_pain_during_nrs),
        (trial.mme_before, trial.mme_during),
        (device.pain_before_implant_nrs, device.pain_with_device_nrs),
        *((x.pain_before_nrs, x.pain_after_nrs) for x in (*blocks.blocks, *therapy.injections)),
    ]
    values += [scoring.percent_reduction(before, after) for before, after in pairs]
    values += [
        scoring.pain_duration_months(dx, TODAY),
        scoring.failed_conservative_care_months(therapy, TODAY, dx.onset_on),
        scoring.months_since_spine_surgery(therapy, TODAY),
        scoring.trial_days(trial),
        scoring.in_person_pt_weeks_last_year(therapy, TODAY),
        scoring.age_years(facts.patient.born_on, TODAY),
        scoring.days_since_last_block(blocks.blocks, TODAY),
        len(scoring.drug_classes_tried(therapy)),
        *row_counts(facts),
    ]
    # The advisory dates each lab against the procedure ("9 days before the procedure").
    s, planned = facts.safety, facts.request.planned_on
    lab_dates = (s.inr_on, s.platelets_on, s.ptt_on, s.creatinine_clearance_on)
    values += [abs((planned - on).days) for on in lab_dates if on and planned]
    hours = scoring.trial_hours(trial)
    values += divmod(int(hours * 60), 60) if hours is not None else []
    computed = mme.compute_mme(therapy.medications, TODAY)
    # The letter prints each MME line and the total as displayed: at most two decimals.
    shown = [computed.total, *(x for line in computed.lines for x in (line.dose, line.factor, line.mme))]
    values += [Decimal(mme.display_number(x)) for x in shown if x is not None]
    # The therapy table prints how long each dated course ran ("8 weeks", "5 months").
    courses = (*therapy.medications, *therapy.pt_courses, *therapy.other_therapies)
    for course in courses:
        end = getattr(course, "stopped_on", None) or getattr(course, "ended_on", None)
        values += numbers_in(duration(course.started_on, end))
    budapest = scoring.score_budapest(dx)
    if budapest:
        values += [len(budapest.symptom_categories), len(budapest.sign_categories)]
    return {Decimal(v) for v in values if v is not None} | block_axis(blocks.blocks)


def allowed(facts: CaseFacts) -> tuple[set[Decimal], set[str]]:
    """Return every number and date the letter may print for this case, built from the facts alone."""
    numbers, dates = case_values(facts)
    return numbers | derived_numbers(facts) | TEXT_CONSTANTS | AXIS_TICKS | ASRA, dates


def printed(letter) -> list[str]:
    """Return the narrative as printed: RE lines, opening, each section's sentences and items, the treatment
    history's cells, and the figures' text."""
    pieces = [*letter.re_lines, *letter.opening]
    history = (letter.treatment_history,) if letter.treatment_history else ()
    for section in (*letter.sections, *history):
        pieces += [*section.sentences, *section.items, *section.table_header]
        pieces += [cell for row in section.table for cell in row]
    for figure in letter.figures:
        pieces += list(ET.fromstring(figure.svg).itertext())
    return pieces


def unaccounted(letter, facts: CaseFacts) -> list[str]:
    """Return each number or date the narrative prints that neither the case, scoring nor the fixed text holds."""
    numbers, dates = allowed(facts)
    found = []
    for piece in printed(letter):
        piece_dates, piece_numbers = dates_and_numbers(piece)
        found += [d for d in piece_dates if d not in dates]
        found += [str(n) for n in piece_numbers if n not in numbers]
    return found


@PROPERTY
@given(CASES)
def test_every_number_and_date_in_the_narrative_comes_from_the_case(facts):
    assert unaccounted(letter_for(facts), facts) == []


def forged(letter, sentence: str):
    """Return the letter with its first section's first sentence replaced."""
    first = letter.sections[0]
    changed = dataclasses.replace(first, sentences=(sentence, *first.sentences[1:]))
    return dataclasses.replace(letter, sections=(changed, *letter.sections[1:]))


def test_the_number_check_catches_a_number_or_date_the_case_does_not_hold():
    facts = MODELS["crps-scs-permanent-medicare"]
    letter = letter_for(facts)
    assert unaccounted(letter, facts) == []
    numbers, dates = allowed(facts)
    assert Decimal(97) not in numbers
    assert unaccounted(forged(letter, "Pain relief during the trial was 97%."), facts) == ["97"]
    assert unaccounted(forged(letter, "The pain began on Jan 5, 2031."), facts) == ["Jan 5, 2031"]


def test_the_number_check_rejects_another_patients_letter():
    letter = letter_for(MODELS["crps-lumbar-sympathetic-block-aetna"])
    assert "Sep 30, 1984" in unaccounted(letter, MODELS["fbss-scs-permanent-aetna"])


# ---------------------------------------------------------------------------------------------------------
# 4. Clinician text appears exactly as typed

# Markup, ampersands, both kinds of quotes; no "T" or "q", so each field's "T<n>q" tag is unique in the letter.
TYPED = st.text(alphabet=st.sampled_from(list("abcXYZ 019<>&\"'“”;/-.,()é")), max_size=12)
# Printed by every model case: the letter must show these, so the property is never vacuous.
ALWAYS_PRINTED = (
    "patient.name",
    "request.practice.name",
    "request.clinician.name",
    "diagnosis.inciting_event",
    "baselines.adl_notes",
    "decision.risks_notes",
    "decision.alternatives_notes",
    "decision.patient_statement",
    "therapy.medications.0.drug",
    "therapy.medications.0.dose",
)


def text_paths(obj, prefix=""):
    """Yield the dotted path of every free-text fact, row fields included (choices are not free text)."""
    for f in dataclasses.fields(obj):
        value, path = getattr(obj, f.name), f"{prefix}{f.name}"
        if type(value) is str:
            yield path
        elif dataclasses.is_dataclass(value):
            yield from text_paths(value, f"{path}.")
        elif isinstance(value, tuple):
            for i, row in enumerate(value):
                if dataclasses.is_dataclass(row):
                    yield from text_paths(row, f"{path}.{i}.")


@st.composite
def model_cases_with_typed_text(draw):
    """Return a model case with every free-text fact replaced by tagged text, and {path: text}."""
    facts = MODELS[draw(st.sampled_from(EXAMPLE_NAMES))]
    paths = list(text_paths(facts))
    typed = draw(st.lists(TYPED, min_size=len(paths), max_size=len(paths)))
    texts = {path: f"T{i}q{text}" for i, (path, text) in enumerate(zip(paths, typed, strict=True))}
    return change(facts, **texts), texts


@PROPERTY
@given(model_cases_with_typed_text(), TYPED)
def test_clinician_text_is_printed_exactly_as_typed(case, reason):
    facts, texts = case
    letter = letter_for(facts, override_reason=f"T-1q{reason}")
    texts = {**texts, "override reason": f"T-1q{reason}"}
    shown = "\n".join(
        s
        for field in dataclasses.fields(letter)
        if field.name != "figures"
        for s in strings(getattr(letter, field.name))
    )
    for path, text in texts.items():
        if text[: text.index("q") + 1] in shown:
            # Whole or not at all: never escaped, cut, re-quoted or re-cased. A sentence may trim trailing spaces.
            assert text.strip() in shown, path
    assert [path for path in (*ALWAYS_PRINTED, "override reason") if texts[path].strip() not in shown] == []


# The argument's facts (format version 3), filled on the model cases: every number they print is accounted for.
ARGUMENT_FACTS = {
    "request.lead_levels": "T8-T10",
    "request.device_model": "Proclaim XR 5",
    "trial.pain_measurement": "daily NRS diary, days 2-7 averaged",
    "trial.leg_pain_before_nrs": 8,
    "trial.leg_pain_during_nrs": 2,
    "trial.back_pain_before_nrs": 6,
    "trial.back_pain_during_nrs": 5,
    "decision.why_now": "Leads at T8-T10 cover both legs.",
    "decision.trial_success_definition": "at least 50% relief",
    "decision.existing_system_plan": "explant at week 6",
    "decision.post_procedure_plan": "PT for 8 weeks; ODI at 3 and 6 months",
}
BLOCK_FACTS = {
    "blocks.blocks.0.temperature_rise_celsius": Decimal("3.5"),
    "blocks.blocks.1.temperature_rise_celsius": Decimal("1.75"),
    "blocks.blocks.1.sympathetic_signs": "venodilation",
}


def test_the_argument_sections_print_only_numbers_the_case_holds():
    for name in EXAMPLE_NAMES:
        facts = change(MODELS[name], **ARGUMENT_FACTS)
        assert unaccounted(letter_for(facts), facts) == [], name
    facts = change(MODELS["crps-lumbar-sympathetic-block-aetna"], **BLOCK_FACTS)
    assert unaccounted(letter_for(facts), facts) == []


def test_the_number_check_reads_the_therapy_table():
    facts = MODELS["crps-scs-permanent-medicare"]
    letter = letter_for(facts)
    care = letter.treatment_history
    forged_row = (care.table[0][0], "97 mg", *care.table[0][2:])
    forged_letter = dataclasses.replace(
        letter, treatment_history=dataclasses.replace(care, table=(forged_row, *care.table[1:]))
    )
    assert unaccounted(forged_letter, facts) == ["97"]
