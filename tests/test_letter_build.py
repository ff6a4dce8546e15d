"""build_letter on the four model cases, and on them with one fact changed: what the letter prints, and what it leaves out."""

import dataclasses
import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from tests.conftest import EXAMPLE_NAMES, TODAY, example_facts
from tests.criteria_builders import change
from wizard.core.anticoagulation import antithrombotic_advice
from wizard.core.assessment import assess
from wizard.core.choices import (
    Antithrombotic,
    Condition,
    DeviceMaker,
    HoldUnit,
    ImagingGuidance,
    Payer,
    Procedure,
    RevisionKind,
    StimulationMode,
)
from wizard.core.coding import code_request
from wizard.core.display import format_date
from wizard.core.facts import AntithromboticUse, CaseFacts, OdiAnswers, Psych, Request
from wizard.core.rules import Outcome, Status, verdict
from wizard.letter.build import build_letter
from wizard.letter.criteria_table import PSYCH_IDS, criterion_text, payer_text
from wizard.letter.figures import ODI_TITLE, PAIN_TITLE
from wizard.letter.history import duration

BLOCK = "crps-lumbar-sympathetic-block-aetna"
CRPS_SCS = "crps-scs-permanent-medicare"
DRG_TRIAL = "crps2-drg-trial-bcbsa"
FBSS_SCS = "fbss-scs-permanent-aetna"

MEETS_CLAIM = "meets each required criterion"
PAIN_FIGURE = "Pain and function before and during the trial"
BLOCK_FIGURE = "Relief after each earlier block"
# A reason the issuing view would store: it strips the form input and keeps it whole.
REASON = "Evaluation scheduled for Dec 1; payer agreed to review in parallel"


def letter_for(facts, **kwargs):
    """Return the letter for facts, judged against their own payer as of TODAY."""
    return build_letter(facts, assess(facts, today=TODAY).results, today=TODAY, **kwargs)


def model_letter(name, **paths):
    """Return the letter for a model case with facts changed by dotted path."""
    return letter_for(change(example_facts(name), **paths))


def narrative(letter) -> list[str]:
    """Return every narrative line: opening, then each section's sentences, items and table cells."""
    lines = list(letter.opening)
    for section in letter.sections:
        lines += [
            *section.sentences,
            *section.items,
            *(cell for row in section.table for cell in row if cell),
        ]
    return lines


HISTORY = "Treatment history, in date order"


def section(letter, title):
    """Return the section with this title, or None: the argument's sections and the treatment history."""
    found = [s for s in (*letter.sections, letter.treatment_history) if s is not None and s.title == title]
    assert len(found) <= 1, title
    return found[0] if found else None


def section_text(letter, title) -> str:
    """Return a section's sentences, items and table rows as one string ('' when the section is absent)."""
    found = section(letter, title)
    if not found:
        return ""
    return " ".join([*found.sentences, *found.items, *(" | ".join(row) for row in found.table)])


def everything(letter) -> str:
    """Return every string the letter holds, joined; figures included."""
    return "\n".join(flatten(dataclasses.astuple(letter)))


def flatten(value) -> list[str]:
    """Return the strings inside a letter turned into tuples (flags such as `draft` hold none)."""
    if isinstance(value, bool):
        return []
    return [value] if isinstance(value, str) else [s for v in value for s in flatten(v)]


# ---------------------------------------------------------------------------------------------------------
# RE block, codes, criteria table


RE_LINES = {
    BLOCK: ("Patient: Kevin Brooks", "Date of birth: Sep 30, 1984", "Member ID: W530981274"),
    CRPS_SCS: ("Patient: Dana Whitfield", "Date of birth: Apr 18, 1960", "Member ID: 1EG4TE5MK73"),
    DRG_TRIAL: ("Patient: Teresa Alvarez", "Date of birth: Nov 3, 1972", "Member ID: HMK907132548"),
    FBSS_SCS: ("Patient: Robert Haines", "Date of birth: May 14, 1968", "Member ID: W284716395"),
}


def test_every_model_case_has_its_expectations_here():
    assert sorted(RE_LINES) == sorted(SECTION_TITLES) == sorted(ENCLOSURES) == EXAMPLE_NAMES


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_re_lines_hold_the_patients_name_birth_date_and_member_id_then_the_request(name):
    facts = example_facts(name)
    letter = letter_for(facts)
    assert letter.re_lines == (*RE_LINES[name], f"Request: {facts.request.procedure.label}")
    patient = facts.patient
    assert (letter.patient_name, letter.patient_born) == (patient.name, format_date(patient.born_on))


def test_re_lines_leave_out_what_the_patient_step_does_not_hold():
    letter = model_letter(CRPS_SCS, **{"patient.name": "", "patient.born_on": None, "patient.member_id": ""})
    assert letter.re_lines == ("Request: Spinal cord stimulator permanent implant",)
    assert "my patient" in letter.opening[0]


CODES = {
    BLOCK: [("CPT", "64520", "2", "RT"), ("ICD-10-CM", "G90.521", "", "")],
    CRPS_SCS: [
        ("CPT", "63650", "2", ""),
        ("CPT", "63685", "1", ""),
        ("HCPCS", "L8680", "2", ""),
        ("HCPCS", "L8687", "1", ""),
        ("ICD-10-CM", "G90.521", "", ""),
    ],
}


@pytest.mark.parametrize("name", sorted(CODES))
def test_code_rows_print_units_and_modifiers(name):
    rows = model_letter(name).codes
    assert [(r.system, r.code, r.units, r.modifiers) for r in rows] == CODES[name]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_code_rows_are_the_coding_lines_procedures_first_then_diagnoses(name):
    facts = example_facts(name)
    rows = letter_for(facts).codes
    lines = code_request(facts).lines
    assert [(r.system, r.code, r.description) for r in rows] == [
        (x.system, x.code, x.description) for x in lines
    ]
    assert [r.units for r in rows] == ["" if x.units is None else str(x.units) for x in lines]
    assert [r.modifiers for r in rows] == [", ".join(x.modifiers) for x in lines]
    systems = [r.system for r in rows]
    assert systems == sorted(systems, key=["CPT", "HCPCS", "ICD-10-CM"].index)
    assert systems[0] in ("CPT", "HCPCS")
    assert systems[-1] == "ICD-10-CM"


@pytest.mark.parametrize(
    ("name", "paths"),
    [
        (CRPS_SCS, {}),
        (FBSS_SCS, {"trial.pain_during_nrs": 6}),
        (CRPS_SCS, {"decision.risks_benefits_discussed": None, "psych": Psych()}),
        (BLOCK, {"blocks.blocks": ()}),
        (DRG_TRIAL, {}),
    ],
)
def test_criteria_rows_are_the_findings_in_order_with_their_status_and_evidence(name, paths):
    facts = change(example_facts(name), **paths)
    findings = assess(facts, today=TODAY).results
    rows = build_letter(facts, findings, today=TODAY).criteria
    assert findings
    assert [(r.id, r.status, r.status_label) for r in rows] == [
        (f.criterion.id, f.status.value, f.status.label) for f in findings
    ]
    # The evidence is the finding's, in the payer's words; a psychological clearance states the evaluation.
    assert [r.evidence for r in rows if r.id not in PSYCH_IDS] == [
        payer_text(f.finding.evidence) for f in findings if f.criterion.id not in PSYCH_IDS
    ]
    # Numbered, in the payer's words; the recipient's policy is cited once (policy_citation), not per row.
    assert [r.text for r in rows] == [
        f"{n}. {criterion_text(f.criterion)}" for n, f in enumerate(findings, 1)
    ]
    for row, finding in zip(rows, findings, strict=True):
        citation = finding.criterion.citation
        expected_kind = (
            "" if citation.verify_with_payer else "required" if finding.criterion.required else "recommended"
        )
        assert row.kind == expected_kind
        assert row.source == ""


def test_criteria_rows_keep_the_order_they_are_given():
    facts = example_facts(FBSS_SCS)
    findings = assess(facts, today=TODAY).results
    rows = build_letter(facts, findings[::-1], today=TODAY).criteria
    assert [r.id for r in rows] == [f.criterion.id for f in findings][::-1]


def test_a_changed_fact_shows_in_its_criterion_row():
    statuses = {r.id: r.status for r in model_letter(FBSS_SCS, **{"trial.pain_during_nrs": 6}).criteria}
    assert statuses["aetna.cpb0194.trial_relief"] == Status.NOT_MET.value
    statuses = {r.id: r.status for r in model_letter(FBSS_SCS, **{"trial.pain_during_nrs": None}).criteria}
    assert statuses["aetna.cpb0194.trial_relief"] == Status.NOT_DOCUMENTED.value


# ---------------------------------------------------------------------------------------------------------
# Sections: only for steps the request uses


SECTION_TITLES = {
    BLOCK: [
        "History and diagnosis",
        "Conservative treatment",
        "Function and pain",
        "Safety",
        "Sympathetic blocks",
        "Shared decision",
        "Plan after the procedure",
    ],
    CRPS_SCS: [
        "Device and placement",
        "History and diagnosis",
        "Conservative treatment",
        "Function and pain",
        "Psychological evaluation",
        "Safety",
        "Trial",
        "Shared decision",
        "Plan after the procedure",
    ],
    DRG_TRIAL: [
        "Device and placement",
        "History and diagnosis",
        "Conservative treatment",
        "Function and pain",
        "Psychological evaluation",
        "Safety",
        "Current stimulator",
        "Why this procedure, now",
        "Shared decision",
    ],
    FBSS_SCS: [
        "Device and placement",
        "History and diagnosis",
        "Conservative treatment",
        "Function and pain",
        "Psychological evaluation",
        "Safety",
        "Trial",
        "Shared decision",
    ],
}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_sections_are_the_steps_the_request_uses_in_wizard_order(name):
    assert [s.title for s in model_letter(name).sections] == SECTION_TITLES[name]


def test_a_block_request_has_no_trial_psych_or_device_section_even_with_their_facts_on_file():
    permanent, drg = example_facts(CRPS_SCS), example_facts(DRG_TRIAL)
    letter = model_letter(BLOCK, trial=permanent.trial, psych=permanent.psych, device=drg.device)
    assert [s.title for s in letter.sections] == SECTION_TITLES[BLOCK]
    assert [f.title for f in letter.figures] == [BLOCK_FIGURE]


def test_an_implant_request_has_no_sympathetic_blocks_section_even_with_blocks_on_file():
    letter = model_letter(CRPS_SCS, blocks=example_facts(BLOCK).blocks)
    assert [s.title for s in letter.sections] == SECTION_TITLES[CRPS_SCS]
    assert [f.title for f in letter.figures] == [PAIN_FIGURE]


@pytest.mark.parametrize(
    ("name", "has_existing_stimulator", "shown"),
    [
        (CRPS_SCS, False, False),
        (CRPS_SCS, None, False),
        (CRPS_SCS, True, True),
        (DRG_TRIAL, False, False),
        (DRG_TRIAL, True, True),
    ],
)
def test_current_stimulator_section_only_with_a_device_history(name, has_existing_stimulator, shown):
    letter = model_letter(
        name,
        device=example_facts(DRG_TRIAL).device,
        **{"request.has_existing_stimulator": has_existing_stimulator},
    )
    assert (section(letter, "Current stimulator") is not None) is shown


def test_replacement_request_has_a_current_stimulator_section_and_no_trial_section():
    letter = model_letter(
        CRPS_SCS,
        device=example_facts(DRG_TRIAL).device,
        **{"request.procedure": Procedure.SCS_REPLACEMENT, "request.has_existing_stimulator": None},
    )
    titles = [s.title for s in letter.sections]
    assert "Current stimulator" in titles
    assert "Trial" not in titles


def test_a_step_with_nothing_to_say_has_no_section():
    letter = model_letter(CRPS_SCS, psych=Psych())
    assert section(letter, "Psychological evaluation") is None


def test_a_request_with_nothing_documented_has_no_sections_figures_or_enclosures():
    for procedure in Procedure:
        letter = letter_for(CaseFacts(request=Request(procedure=procedure, payer=Payer.AETNA)))
        assert letter.sections == ()
        assert letter.figures == ()
        assert letter.enclosures == ()


# ---------------------------------------------------------------------------------------------------------
# Figures: present exactly when their data are


@pytest.mark.parametrize(
    ("name", "figures"),
    [(CRPS_SCS, [PAIN_FIGURE]), (FBSS_SCS, [PAIN_FIGURE]), (BLOCK, [BLOCK_FIGURE]), (DRG_TRIAL, [])],
)
def test_model_cases_have_the_figures_their_request_and_data_call_for(name, figures):
    assert [f.title for f in model_letter(name).figures] == figures


def test_pain_and_odi_figure_prints_the_trial_values():
    [figure] = model_letter(CRPS_SCS).figures
    assert "before trial 8, during trial 3" in figure.svg
    assert "before trial 56.0%, during trial 32.0%" in figure.svg


@pytest.mark.parametrize(
    ("paths", "panels"),
    [
        ({}, [PAIN_TITLE, ODI_TITLE]),
        ({"trial.pain_during_nrs": None}, [ODI_TITLE]),
        ({"trial.pain_before_nrs": None}, [ODI_TITLE]),
        ({"trial.odi": OdiAnswers()}, [PAIN_TITLE]),
        ({"baselines.odi": OdiAnswers()}, [PAIN_TITLE]),
        ({"trial.pain_during_nrs": None, "trial.odi": OdiAnswers()}, []),
        ({"trial.pain_before_nrs": None, "baselines.odi": OdiAnswers()}, []),
    ],
)
def test_pain_and_odi_figure_draws_only_panels_with_both_values(paths, panels):
    letter = model_letter(CRPS_SCS, **paths)
    if not panels:
        assert letter.figures == ()
        return
    [figure] = letter.figures
    assert [title for title in (PAIN_TITLE, ODI_TITLE) if title in figure.svg] == panels


def test_block_figure_lists_each_block_in_date_order_with_its_days_and_relief():
    facts = example_facts(BLOCK)
    shuffled = change(facts, **{"blocks.blocks": facts.blocks.blocks[::-1]})
    [figure] = letter_for(shuffled).figures
    labels = [
        "Aug 18, 2026: 3 days · 75.0% relief",
        "Sep 8, 2026: 6 days · 75.0% relief",
        "Oct 6, 2026: 12 days",
    ]
    positions = [figure.svg.index(label) for label in labels]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    "paths",
    [
        {"blocks.blocks": ()},
        {f"blocks.blocks.{i}.relief_days": None for i in range(3)},
        {"request.procedure": Procedure.SCS_TRIAL},
    ],
    ids=["no blocks", "no durations", "not a block request"],
)
def test_no_block_figure_without_durations_or_a_block_request(paths):
    assert model_letter(BLOCK, **paths).figures == ()


def test_no_pain_figure_for_a_trial_or_block_request_even_with_trial_data():
    trial = example_facts(CRPS_SCS).trial
    assert model_letter(DRG_TRIAL, trial=trial).figures == ()
    assert PAIN_FIGURE not in [f.title for f in model_letter(BLOCK, trial=trial).figures]


# ---------------------------------------------------------------------------------------------------------
# Evidence and references


MARKER = re.compile(r"\[(\d+(?:, \d+)*)\]")


def markers(letter) -> list[int]:
    """Return every [n] number in the evidence, in reading order."""
    return [int(n) for s in letter.evidence for group in MARKER.findall(s) for n in group.split(", ")]


EVIDENCE_CASES = {
    **{name: {} for name in EXAMPLE_NAMES},
    "fbss-high-frequency": {"request.stimulation_mode": StimulationMode.HIGH_FREQUENCY},
    "diabetic-neuropathy": {"diagnosis.condition": Condition.DIABETIC_NEUROPATHY},
    "other-neuropathic": {"diagnosis.condition": Condition.OTHER_NEUROPATHIC},
    "crps-drg-permanent": {
        "request.procedure": Procedure.DRG_PERMANENT,
        "diagnosis.condition": Condition.CRPS_1,
    },
}


def evidence_case(key):
    """Return facts for an evidence case: a model case by name, or the FBSS case with a change."""
    return change(example_facts(key if key in EXAMPLE_NAMES else FBSS_SCS), **EVIDENCE_CASES[key])


@pytest.mark.parametrize("key", sorted(EVIDENCE_CASES))
def test_references_are_numbered_in_first_use_order_and_every_marker_has_one(key):
    facts = evidence_case(key)
    letter = letter_for(facts)
    numbers = markers(letter)
    first_use = list(dict.fromkeys(numbers))
    assert numbers, "every indication here has cited evidence"
    assert first_use == list(range(1, len(first_use) + 1))
    assert max(numbers) <= len(letter.references)
    assert len(set(letter.references)) == len(letter.references)
    # Only the cited evidence: the recipient's policy is cited once, in the criteria appendix.
    assert len(letter.references) == len(first_use)


def test_block_evidence_cites_guidelines_and_algorithm_in_that_order():
    letter = model_letter(BLOCK)
    assert markers(letter) == [1, 2]
    assert letter.references[0].startswith("Harden RN")
    assert letter.references[1].startswith("Interdisciplinary CRPS treatment algorithm")
    assert letter.evidence[-1] == "This patient's documented relief has lengthened with each block."


def test_block_evidence_says_relief_lengthened_only_when_it_did():
    letter = model_letter(BLOCK, **{"blocks.blocks.2.relief_days": 4})
    assert not any("lengthened" in s for s in letter.evidence)


# ---------------------------------------------------------------------------------------------------------
# Enclosures


ENCLOSURES = {
    BLOCK: (
        "Oswestry Disability Index questionnaire (Oct 27, 2026)",
        "Medication history",
        "Physical therapy records",
        "Operative notes",
        "Sympathetic block procedure notes",
        "Shared decision-making note",
    ),
    CRPS_SCS: (
        "Psychological evaluation (Alan Porter, PsyD, Aug 12, 2026)",
        "Trial record (Oct 6, 2026 – Oct 13, 2026)",
        "Oswestry Disability Index questionnaire (Aug 4, 2026)",
        "Medication history",
        "Physical therapy records",
        "Injection procedure notes",
        "Operative notes",
        "Shared decision-making note",
    ),
    DRG_TRIAL: (
        "Psychological evaluation (Samuel Reed, PhD, Sep 3, 2026)",
        "Oswestry Disability Index questionnaire (Sep 10, 2026)",
        "Medication history",
        "Physical therapy records",
        "Injection procedure notes",
        "Operative notes",
        "Imaging report",
        "Device interrogation and imaging",
        "Shared decision-making note",
    ),
    FBSS_SCS: (
        "Psychological evaluation (Linda Cho, PhD, Jul 22, 2026)",
        "Trial record (Sep 14, 2026 – Sep 21, 2026)",
        "Oswestry Disability Index questionnaire (Aug 25, 2026)",
        "Medication history",
        "Physical therapy records",
        "Injection procedure notes",
        "Operative notes",
        "Imaging report",
        "Shared decision-making note",
    ),
}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_enclosures_list_the_records_the_case_documents(name):
    assert model_letter(name).enclosures == ENCLOSURES[name]


@pytest.mark.parametrize(
    ("paths", "gone"),
    [
        ({"psych.evaluated_on": None}, "Psychological evaluation"),
        ({"trial.ended_on": None}, "Trial record"),
        ({"trial.started_on": None}, "Trial record"),
        ({"baselines.odi_completed_on": None}, "Oswestry"),
        ({"therapy.medications": ()}, "Medication history"),
        ({"therapy.pt_courses": ()}, "Physical therapy records"),
        ({"therapy.injections": ()}, "Injection procedure notes"),
        ({"therapy.surgeries": ()}, "Operative notes"),
        ({"decision.discussed_on": None}, "Shared decision-making note"),
    ],
)
def test_an_undocumented_record_is_not_enclosed(paths, gone):
    enclosures = model_letter(CRPS_SCS, **paths).enclosures
    assert [e for e in enclosures if e.startswith(gone)] == []
    assert len(enclosures) == len(ENCLOSURES[CRPS_SCS]) - 1


def test_enclosures_list_only_records_of_steps_the_request_uses():
    permanent, drg = example_facts(CRPS_SCS), example_facts(DRG_TRIAL)
    letter = model_letter(BLOCK, psych=permanent.psych, trial=permanent.trial, device=drg.device)
    assert letter.enclosures == ENCLOSURES[BLOCK]


# ---------------------------------------------------------------------------------------------------------
# Conclusion and override


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_case_that_meets_says_so_in_the_conclusion(name):
    facts = example_facts(name)
    findings = assess(facts, today=TODAY).results
    assert verdict(findings).outcome is Outcome.MEETS
    letter = build_letter(facts, findings, today=TODAY)
    payer = facts.request.payer_name or facts.request.payer.label
    assert letter.conclusion[0] == f"The documentation {MEETS_CLAIM} of {payer} listed in Appendix A."
    assert letter.override == ()


def one_blocking_gap():
    """Return the Medicare model case with one required criterion left undocumented, and its findings."""
    facts = change(example_facts(CRPS_SCS), **{"decision.risks_benefits_discussed": None})
    findings = assess(facts, today=TODAY).results
    blocking = verdict(findings).blocking
    assert [r.criterion.id for r in blocking] == ["medicare.l36204.risks_discussed"]
    return facts, findings, blocking


@pytest.mark.parametrize(
    ("name", "paths"),
    [
        (CRPS_SCS, {"decision.risks_benefits_discussed": None}),
        (FBSS_SCS, {"trial.pain_during_nrs": 6}),
        (BLOCK, {"blocks.comprehensive_program": None}),
        (DRG_TRIAL, {"request.payer": None}),
    ],
    ids=["one-gap", "not-met", "block-without-programme", "no-payer"],
)
def test_a_case_that_does_not_meet_never_claims_to(name, paths):
    facts = change(example_facts(name), **paths)
    findings = assess(facts, today=TODAY).results
    assert not findings or verdict(findings).outcome is not Outcome.MEETS
    letter = build_letter(facts, findings, today=TODAY)
    assert MEETS_CLAIM not in everything(letter)
    # Medicare in an ASC documents necessity for the record: fee-for-service authorizes only in an OPD.
    asks = "This letter documents the medical necessity" if name == CRPS_SCS else "I respectfully request"
    assert letter.conclusion[0].startswith(asks)


def test_override_reason_is_printed_with_the_open_required_criteria():
    facts, findings, blocking = one_blocking_gap()
    letter = build_letter(facts, findings, today=TODAY, override_reason=REASON)
    [paragraph] = letter.override
    assert paragraph.endswith(f"Reason: {REASON}.")
    for result in blocking:
        assert result.criterion.text.rstrip(".") in paragraph
    met = [r.criterion.text.rstrip(".") for r in findings if r.status is Status.MET]
    assert not [text for text in met if text in paragraph]
    assert MEETS_CLAIM not in everything(letter)


def test_override_lists_every_open_required_criterion():
    facts = change(example_facts(CRPS_SCS), psych=Psych(), **{"decision.risks_benefits_discussed": None})
    findings = assess(facts, today=TODAY).results
    blocking = verdict(findings).blocking
    assert len(blocking) >= 2
    [paragraph] = build_letter(facts, findings, today=TODAY, override_reason=REASON).override
    assert [criterion_text(r.criterion).rstrip(".") in paragraph for r in blocking] == [True] * len(blocking)


def test_no_override_text_without_a_reason():
    facts, findings, _ = one_blocking_gap()
    letter = build_letter(facts, findings, today=TODAY)
    assert letter.override == ()
    assert "judgement" not in everything(letter)
    assert "not documented as met" not in everything(letter)


def test_override_on_a_case_that_meets_lists_no_open_criteria():
    [paragraph] = letter_for(example_facts(CRPS_SCS), override_reason=REASON).override
    assert "not documented as met" not in paragraph
    assert REASON in paragraph


@pytest.mark.parametrize(
    "paths",
    [
        {"safety.active_infection": True},
        {"safety.inr": Decimal("2.9")},
        {"safety.platelets": 40},
        {"safety.bleeding_disorder": True},
    ],
    ids=["infection", "inr", "platelets", "bleeding-disorder"],
)
def test_a_safety_hold_keeps_the_letter_from_claiming_meets_and_the_override_names_it(paths):
    facts = change(example_facts(CRPS_SCS), **paths)
    findings = assess(facts, today=TODAY).results
    assert verdict(findings).outcome is Outcome.MEETS  # every payer criterion is met: only the hold stops it
    letter = build_letter(facts, findings, today=TODAY)
    assert MEETS_CLAIM not in everything(letter)
    [paragraph] = build_letter(facts, findings, today=TODAY, override_reason=REASON).override
    assert "The following safety holds are open: " in paragraph and "on hold until" in paragraph
    assert "not documented as met" not in paragraph


def test_a_blocking_denial_risk_keeps_the_letter_from_claiming_meets():
    facts = change(example_facts(CRPS_SCS), **{"patient.born_on": None})
    letter = build_letter(facts, assess(facts, today=TODAY).results, today=TODAY, override_reason=REASON)
    assert MEETS_CLAIM not in everything(letter)
    assert "The following documentation gaps remain open: Administrative" in letter.override[0]


# ---------------------------------------------------------------------------------------------------------
# Missing facts: their sentences disappear


def test_blank_trial_pain_during_drops_the_relief_sentence_and_invents_no_number():
    letter = model_letter(CRPS_SCS, **{"trial.pain_during_nrs": None})
    trial = section_text(letter, "Trial")
    assert trial, "the rest of the trial is still reported"
    assert "relief" not in trial
    assert "→" not in trial
    assert "62.5" not in trial
    [figure] = letter.figures
    assert PAIN_TITLE not in figure.svg
    assert "during trial 3." not in figure.svg


@pytest.mark.parametrize(
    ("name", "paths", "title", "gone", "kept"),
    [
        (CRPS_SCS, {"trial.mme_during": None}, "Trial", "Opioid use", "Target-area pain 8 → 3/10"),
        (CRPS_SCS, {"trial.odi": OdiAnswers()}, "Trial", "The ODI went", "Opioid use fell"),
        (CRPS_SCS, {"trial.started_on": None}, "Trial", "from Oct 6", "with 2 leads"),
        (
            CRPS_SCS,
            {"trial.satisfied": None, "trial.wishes_to_proceed": None},
            "Trial",
            "satisfied",
            "Adverse",
        ),
        (
            CRPS_SCS,
            {"diagnosis.onset_on": None},
            "History and diagnosis",
            "has lasted",
            "Inciting event: Right",
        ),
        (CRPS_SCS, {"diagnosis.pain_nrs": None}, "History and diagnosis", "Current pain", "Budapest"),
        (
            CRPS_SCS,
            {"diagnosis.budapest_examined_on": None},
            "History and diagnosis",
            "on Aug 4",
            "signs were",
        ),
        (CRPS_SCS, {"baselines.odi": OdiAnswers()}, "Function and pain", "Oswestry", "average 8/10"),
        (CRPS_SCS, {"baselines.odi_completed_on": None}, "Function and pain", "on Aug 4", "56.0%"),
        (CRPS_SCS, {"baselines.pain_nrs_worst": None}, "Function and pain", "worst", "average 8/10"),
        (CRPS_SCS, {"baselines.mme_per_day": None}, "Function and pain", "opioid", "Oswestry"),
        (CRPS_SCS, {"psych.evaluated_on": None}, "Psychological evaluation", "Aug 12", "Alan Porter"),
        (CRPS_SCS, {"psych.instruments": ()}, "Psychological evaluation", "using", "concluded: cleared"),
        (CRPS_SCS, {"safety.inr": None}, "Safety", "INR", "Platelets 245"),
        (CRPS_SCS, {"safety.platelets_on": None}, "Safety", "µL on", "Platelets 245"),
        (CRPS_SCS, {"safety.pregnant": None}, "Safety", "pregnant", "no active infection"),
        (CRPS_SCS, {"decision.discussed_on": None}, "Shared decision", "on Oct 20", "risks and benefits: "),
        (CRPS_SCS, {"decision.patient_statement": ""}, "Shared decision", "says", "wishes to proceed"),
        (
            CRPS_SCS,
            {"therapy.medications.0.dose": ""},
            HISTORY,
            "500 mg",
            "Naproxen (NSAID) |  | Mar",
        ),
        (
            CRPS_SCS,
            {"therapy.injections.0.relief_days": None},
            HISTORY,
            "62.5% relief), relief",
            "62.5% relief)",
        ),
        (CRPS_SCS, {"therapy.injections.0.pain_after_nrs": None}, HISTORY, "62.5", "1 day"),
        (
            DRG_TRIAL,
            {"device.pain_with_device_nrs": None},
            "Current stimulator",
            "While it worked",
            "6 reprog",
        ),
        (DRG_TRIAL, {"device.problem_noted_on": None}, "Current stimulator", "found on", "loss of efficacy"),
        (BLOCK, {"blocks.blocks.1.relief_days": None}, "Sympathetic blocks", "6 days", "3 → 12 days"),
        (
            BLOCK,
            {"blocks.blocks.0.pain_after_nrs": None},
            "Sympathetic blocks",
            "8 → 2/10 (75.0% relief), relief lasted 3",
            "relief lasted 3 days",
        ),
        (
            BLOCK,
            {"blocks.program_notes": ""},
            "Sympathetic blocks",
            "program:",
            "comprehensive pain program.",
        ),
    ],
)
def test_a_missing_fact_removes_its_words_and_keeps_the_rest(name, paths, title, gone, kept):
    before = section_text(model_letter(name), title)
    after = section_text(model_letter(name, **paths), title)
    assert gone in before
    assert gone not in after
    assert kept in after


FORBIDDEN = (
    re.compile(r"\bNone\b"),
    re.compile(r"not recorded|not documented|unknown|undated", re.IGNORECASE),
    re.compile(r", ,|,,|\(\)|\( | \)| \.|  |: \.|:$|,$| ,"),
)


def leaf_paths(obj, prefix=""):
    """Yield (dotted path, value, blank value) for every fact of a dataclass, row fields included."""
    for f in dataclasses.fields(obj):
        value, path = getattr(obj, f.name), f"{prefix}{f.name}"
        if dataclasses.is_dataclass(value):
            yield from leaf_paths(value, f"{path}.")
            continue
        yield path, value, f.default_factory() if f.default is dataclasses.MISSING else f.default
        if isinstance(value, tuple):
            for i, row in enumerate(value):
                if dataclasses.is_dataclass(row):
                    yield from leaf_paths(row, f"{path}.{i}.")


def forbidden_in(letter) -> list[str]:
    """Return the narrative lines that print a missing fact as a placeholder or leave a gap."""
    return [line for line in [*narrative(letter), *letter.re_lines] if any(p.search(line) for p in FORBIDDEN)]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_blanking_any_one_fact_leaves_no_placeholder_or_gap_in_the_narrative(name):
    # The Medicare case's clinician typed "None" for adverse events; that is their text, not a missing fact.
    facts = change(example_facts(name), **{"trial.adverse_events": ""})
    assert forbidden_in(letter_for(facts)) == []
    found = {}
    for path, value, blank in leaf_paths(facts):
        if value == blank:
            continue
        bad = forbidden_in(letter_for(change(facts, **{path: blank})))
        if bad:
            found[path] = bad
    assert found == {}


def test_an_empty_step_leaves_no_placeholder_in_the_narrative():
    facts = change(example_facts(CRPS_SCS), **{"trial.adverse_events": ""})
    for field in dataclasses.fields(CaseFacts):
        if field.name == "request":
            continue
        letter = letter_for(dataclasses.replace(facts, **{field.name: type(getattr(facts, field.name))()}))
        assert forbidden_in(letter) == [], field.name


# ---------------------------------------------------------------------------------------------------------
# Bugs found while writing these tests, fixed since: each test keeps them fixed.


@pytest.mark.parametrize("during", [Decimal(40), Decimal(20)])
def test_opioid_sentence_never_says_fell_unless_use_fell(during):
    trial = section_text(model_letter(CRPS_SCS, **{"trial.mme_during": during}), "Trial")
    assert "fell" not in trial
    assert "(-" not in trial


ASPIRIN_SHORT_HOLD = AntithromboticUse(
    drug=Antithrombotic.ASPIRIN_PRIMARY, planned_hold=2, hold_unit=HoldUnit.DAYS, prescriber_agreed=False
)


def test_antithrombotic_sentence_claims_agreement_only_when_every_prescriber_agreed():
    safety = section_text(
        model_letter(CRPS_SCS, **{"safety.antithrombotics": (ASPIRIN_SHORT_HOLD,)}), "Safety"
    )
    assert "agreed" not in safety
    assert "follows ASRA guidance" not in safety


@pytest.mark.parametrize(
    "paths",
    [
        {"safety.antithrombotics.0.planned_hold": None},
        {"safety.antithrombotics.0.hold_unit": None},
        {"request.procedure": Procedure.SCS_REPLACEMENT, "request.revision_kind": None},
    ],
    ids=["no-hold", "no-unit", "replacement-of-unknown-kind"],
)
def test_antithrombotic_item_leaves_out_what_is_not_documented(paths):
    letter = model_letter(CRPS_SCS, **{"trial.adverse_events": "", **paths})
    assert section(letter, "Safety").items
    assert forbidden_in(letter) == []


def test_clinician_text_that_starts_a_sentence_keeps_its_case():
    notes = "eGFR 45; pH normal; walks 5 minutes"
    assert notes in section_text(
        model_letter(CRPS_SCS, **{"baselines.adl_notes": notes}), "Function and pain"
    )


def test_psych_sentence_never_calls_an_undocumented_evaluator_qualified():
    letter = model_letter(CRPS_SCS, **{"psych.evaluator_name": "", "psych.evaluator_credential": None})
    text = section_text(letter, "Psychological evaluation")
    assert "concluded: cleared" in text
    assert "qualified" not in text


def test_a_count_of_one_reads_singular():
    one_month_ago = date(TODAY.year, TODAY.month - 1, TODAY.day)
    facts = change(
        example_facts(DRG_TRIAL),
        **{
            "diagnosis.onset_on": one_month_ago,
            "therapy.medications": example_facts(DRG_TRIAL).therapy.medications[:1],
            "device.reprogramming_attempts": 1,
        },
    )
    text = " ".join(narrative(letter_for(facts)))
    assert re.findall(r"\b1 (?:months|drug classes|reprogramming sessions)\b", text) == []


# ---------------------------------------------------------------------------------------------------------
# The physician's argument (issue 9, item 4): each sentence present with its fact, absent without it


def test_device_and_placement_states_the_system_leads_and_levels_the_request_holds():
    letter = model_letter(
        CRPS_SCS,
        **{
            "request.device_maker": DeviceMaker.ABBOTT,
            "request.device_model": "Proclaim XR",
            "request.lead_levels": "T8-T10",
        },
    )
    text = section_text(letter, "Device and placement")
    assert "The requested system is the Abbott Proclaim XR." in text
    assert "Lead type: percutaneous (cylindrical) leads." in text
    assert "Planned placement: 2 leads (16 contacts in total), thoracic region, levels T8-T10." in text
    assert "The generator is rechargeable." in text


@pytest.mark.parametrize(
    ("paths", "gone", "kept"),
    [
        ({"request.lead_levels": ""}, "levels", "2 leads"),
        ({"request.device_model": ""}, "Proclaim", "is made by Abbott."),
        ({"request.device_maker": DeviceMaker.OTHER}, "Other", "the Proclaim XR."),
        ({"request.device_maker": None, "request.device_model": ""}, "requested system", "Lead type"),
        ({"request.lead_count": None}, "leads (", "thoracic region"),
        ({"request.lead_type": None}, "Lead type", "Planned placement"),
        ({"request.generator_rechargeable": None}, "generator", "Waveform"),
    ],
)
def test_device_and_placement_drops_what_the_request_does_not_hold(paths, gone, kept):
    base = {
        "request.device_maker": DeviceMaker.ABBOTT,
        "request.device_model": "Proclaim XR",
        "request.lead_levels": "T8-T10",
    }
    text = section_text(model_letter(CRPS_SCS, **{**base, **paths}), "Device and placement")
    assert gone not in text
    assert kept in text


def test_device_and_placement_is_not_in_a_block_letter_and_a_trial_has_no_generator_sentence():
    assert section(model_letter(BLOCK, **{"request.lead_count": 2}), "Device and placement") is None
    text = section_text(
        model_letter(DRG_TRIAL, **{"request.generator_rechargeable": True}), "Device and placement"
    )
    assert "L4 and S1, left" in text
    assert "generator" not in text


def test_trial_prints_how_pain_was_measured_and_leg_and_back_pain_each_with_its_relief():
    letter = model_letter(
        FBSS_SCS,
        **{
            "trial.pain_measurement": "daily NRS diary, days 2-7 averaged",
            "trial.leg_pain_before_nrs": 8,
            "trial.leg_pain_during_nrs": 2,
            "trial.back_pain_before_nrs": 6,
            "trial.back_pain_during_nrs": 4,
        },
    )
    text = section_text(letter, "Trial")
    assert "Pain measurement: daily NRS diary, days 2-7 averaged." in text
    assert "Leg pain 8 → 2/10 (75.0% relief)." in text
    assert "Back pain 6 → 4/10 (33.3% relief)." in text


def test_trial_leaves_out_leg_or_back_pain_with_either_score_missing():
    text = section_text(
        model_letter(FBSS_SCS, **{"trial.leg_pain_before_nrs": 8, "trial.back_pain_during_nrs": 4}), "Trial"
    )
    assert "Leg pain" not in text and "Back pain" not in text and "measurement" not in text
    assert "Target-area pain 8 → 3/10" in text


def test_why_now_states_the_reasons_the_success_definition_and_the_existing_system_plan():
    text = section_text(model_letter(DRG_TRIAL), "Why this procedure, now")
    assert text.startswith("The thoracic system no longer covers the dorsum of the left foot")
    assert "The trial will count as a success if it shows: at least 50% pain reduction" in text
    assert "Plan for the existing system: stays in place." in text


@pytest.mark.parametrize(
    ("path", "gone"),
    [
        ("decision.why_now", "The thoracic system"),
        ("decision.trial_success_definition", "count as a success"),
        ("decision.existing_system_plan", "existing system"),
    ],
)
def test_why_now_drops_each_sentence_without_its_fact(path, gone):
    before = section_text(model_letter(DRG_TRIAL), "Why this procedure, now")
    after = section_text(model_letter(DRG_TRIAL, **{path: ""}), "Why this procedure, now")
    assert gone in before and gone not in after
    assert after


def test_why_now_section_is_absent_without_its_facts_and_a_permanent_letter_speaks_of_the_trial_in_the_past():
    empty = {
        "decision.why_now": "",
        "decision.trial_success_definition": "",
        "decision.existing_system_plan": "",
    }
    assert section(model_letter(DRG_TRIAL, **empty), "Why this procedure, now") is None
    text = section_text(
        model_letter(FBSS_SCS, **{"decision.trial_success_definition": "at least 50% relief"}),
        "Why this procedure, now",
    )
    assert text == "The trial was to count as a success if it showed: at least 50% relief."


def test_plan_after_the_procedure_is_printed_as_written_and_absent_without_it():
    text = section_text(model_letter(CRPS_SCS), "Plan after the procedure")
    assert text == (
        "Stimulation within a multimodal program: continued physical therapy, psychological support and "
        "medication optimization."
    )
    assert (
        section(model_letter(CRPS_SCS, **{"decision.post_procedure_plan": ""}), "Plan after the procedure")
        is None
    )


def test_each_block_shows_its_imaging_guidance_and_the_evidence_it_was_sympathetic():
    letter = model_letter(
        BLOCK,
        **{
            "blocks.blocks.0.imaging_guidance": ImagingGuidance.FLUOROSCOPY,
            "blocks.blocks.0.temperature_rise_celsius": Decimal("3.5"),
            "blocks.blocks.0.sympathetic_signs": "venodilation of the right foot",
            "blocks.blocks.1.imaging_guidance": ImagingGuidance.NONE,
        },
    )
    first, second, third = section(letter, "Sympathetic blocks").items
    assert "right, L2, L3, under fluoroscopy with contrast, pain 8 → 2/10" in first
    assert (
        "sympathetic effect: skin temperature of the limb rose 3.5 °C; venodilation of the right foot"
        in first
    )
    assert "without imaging guidance" in second and "sympathetic effect" not in second
    assert "guidance" not in third and "sympathetic effect" not in third


def test_a_block_with_only_signs_or_only_a_temperature_rise_states_just_that():
    only_signs = model_letter(BLOCK, **{"blocks.blocks.0.sympathetic_signs": "Horner's syndrome"})
    assert "sympathetic effect: Horner's syndrome," in section(only_signs, "Sympathetic blocks").items[0]
    only_rise = model_letter(BLOCK, **{"blocks.blocks.0.temperature_rise_celsius": Decimal("2")})
    assert (
        "sympathetic effect: skin temperature of the limb rose 2 °C,"
        in section(only_rise, "Sympathetic blocks").items[0]
    )


def test_a_block_letter_states_each_antithrombotic_plan_with_its_asra_interval():
    use = AntithromboticUse(
        drug=Antithrombotic.CLOPIDOGREL,
        planned_hold=7,
        hold_unit=HoldUnit.DAYS,
        prescriber="Ana Ruiz, MD (cardiology)",
        prescriber_agreed=True,
    )
    letter = model_letter(BLOCK, **{"safety.antithrombotics": (use,)})
    [line] = section(letter, "Safety").items
    assert line.startswith("Clopidogrel, planned hold 7 days, agreed with Ana Ruiz, MD (cardiology)")
    assert "agreed with its prescriber" in section_text(letter, "Safety")
    # An interval our reference has not confirmed stays on the clinician's advisory, never in the letter.
    [advice] = antithrombotic_advice(change(example_facts(BLOCK), **{"safety.antithrombotics": (use,)}))
    assert ("ASRA 2018" in line) is advice.confirmed
    assert "unconfirmed" not in everything(letter)


def test_a_confirmed_asra_interval_is_printed_beside_the_plan():
    use = AntithromboticUse(
        drug=Antithrombotic.ASPIRIN_PRIMARY, planned_hold=6, hold_unit=HoldUnit.DAYS, prescriber_agreed=True
    )
    [advice] = antithrombotic_advice(change(example_facts(CRPS_SCS), **{"safety.antithrombotics": (use,)}))
    assert advice.confirmed
    [line] = section(model_letter(CRPS_SCS, **{"safety.antithrombotics": (use,)}), "Safety").items
    assert line.endswith(advice.guideline)


THERAPY_DATES = "Dates and duration"


def test_conservative_care_is_a_table_in_date_order_with_undated_rows_last():
    facts = example_facts(CRPS_SCS)
    undated = dataclasses.replace(
        facts.therapy.medications[0], drug="Lidocaine patch", started_on=None, stopped_on=None
    )
    medications = (undated, *facts.therapy.medications[::-1])
    letter = letter_for(change(facts, **{"therapy.medications": medications}))
    care = section(letter, HISTORY)
    # A medication's reason field also says why a continuing drug is insufficient.
    header = ("Therapy", "Dose or sessions", THERAPY_DATES, "Result", "Why stopped or insufficient")
    assert care.table_header == header
    assert len(care.table) == len(medications) + 2 + 2 + 1 + 2
    assert care.table[-1][0] == "Lidocaine patch (NSAID)"
    starts = [row[2].removeprefix("since ").split(" – ")[0].split(" (")[0] for row in care.table[:-1]]
    parsed = [datetime.strptime(start, "%b %d, %Y").date() for start in starts]
    assert parsed == sorted(parsed)
    assert not any(i.startswith(("Naproxen", "Physical therapy")) for i in care.items)


def test_therapy_table_rows_hold_dose_dates_duration_result_and_reason():
    care = section(model_letter(CRPS_SCS), HISTORY)
    rows = {row[0]: row for row in care.table}
    assert rows["Naproxen (NSAID)"] == (
        "Naproxen (NSAID)",
        "500 mg twice daily",
        "Mar 1, 2024 – Jun 1, 2024 (3 months)",
        "Ineffective",
        "No meaningful relief after 3 months",
    )
    assert rows["Tramadol (Opioid)"][2] == "since Jul 1, 2025 (continuing)"
    assert rows["Nortriptyline (Tricyclic antidepressant)"][2].endswith("(10 weeks)")
    assert rows["Prednisone taper (Oral corticosteroid)"][2].endswith("(2 weeks)")
    pt = [row for row in care.table if row[0].startswith("Physical therapy")]
    assert pt[0][1:4] == (
        "24 visits",
        "Apr 1, 2024 – Jul 15, 2024 (3 months)",
        "Partial relief, insufficient. Desensitization and graded loading; range of motion gained, pain unchanged",
    )
    blocks = [row for row in care.table if row[0].startswith("Sympathetic block")]
    assert blocks[0][3] == "pain 8 → 3/10 (62.5% relief), relief lasted 1 day"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2026, 1, 1), date(2026, 1, 2), "1 day"),
        (date(2026, 1, 1), date(2026, 1, 11), "10 days"),
        (date(2026, 1, 1), date(2026, 1, 15), "2 weeks"),
        (date(2026, 1, 1), date(2026, 3, 31), "12 weeks"),
        (date(2026, 1, 1), date(2026, 4, 2), "3 months"),
        (date(2026, 1, 1), None, ""),
        (None, date(2026, 1, 1), ""),
        (date(2026, 2, 1), date(2026, 1, 1), ""),
    ],
)
def test_course_duration_reads_in_days_weeks_or_months_and_singular_for_one(start, end, text):
    assert duration(start, end) == text


def test_a_case_without_therapy_rows_has_no_table():
    letter = model_letter(
        CRPS_SCS,
        **{
            "therapy.medications": (),
            "therapy.pt_courses": (),
            "therapy.injections": (),
            "therapy.surgeries": (),
            "therapy.other_therapies": (),
        },
    )
    assert section(letter, HISTORY) is None
    assert letter.treatment_history is None


def test_future_mri_says_only_that_it_is_anticipated_and_that_mri_conditional_labeling_is_to_be_confirmed():
    text = section_text(model_letter(CRPS_SCS), "Safety")
    assert "MRI-conditional system is planned" not in text
    assert (
        "Future MRI is anticipated; MRI-conditional labeling of the system is to be confirmed before implant."
        in text
    )
    block = section_text(model_letter(BLOCK, **{"safety.future_mri_needed": True}), "Safety")
    assert "Future MRI is anticipated." in block and "labeling" not in block
    assert "No future MRI is anticipated." in section_text(model_letter(FBSS_SCS), "Safety")
    assert "MRI" not in section_text(model_letter(CRPS_SCS, **{"safety.future_mri_needed": None}), "Safety")


def test_a_cardiac_device_is_a_caution_for_cardiology_never_a_contraindication():
    text = section_text(model_letter(CRPS_SCS, **{"safety.cardiac_device": True}), "Safety")
    assert (
        "The patient has a cardiac pacemaker or defibrillator, a caution to be managed with cardiology."
        in text
    )
    assert "contraindicat" not in " ".join(
        narrative(model_letter(CRPS_SCS, **{"safety.cardiac_device": True}))
    )


def test_a_relief_of_one_day_never_reads_one_days():
    letter = model_letter(BLOCK, **{"blocks.blocks.0.relief_days": 1, "blocks.blocks.1.relief_days": 2})
    assert re.findall(r"\b1 days\b", " ".join(narrative(letter))) == []
    assert "relief lasted 1 day," in section(letter, "Sympathetic blocks").items[0]


def test_pt_weeks_are_stated_only_when_no_course_is_still_open():
    assert "in the last 12 months: 7.7 weeks" in section_text(
        model_letter(DRG_TRIAL), "Conservative treatment"
    )
    # The block case's PT is ongoing: its total counts only the first visit, so no total is printed.
    block = model_letter(BLOCK)
    assert "weeks" not in " ".join(section(block, "Conservative treatment").sentences)
    assert any(row[2] == "since May 4, 2026 (ongoing)" for row in block.treatment_history.table)


@pytest.mark.parametrize(
    ("kind", "leads", "generator"),
    [
        (RevisionKind.GENERATOR_REPLACEMENT, False, True),
        (RevisionKind.PERCUTANEOUS_LEAD_REVISION, True, False),
        (None, False, False),
    ],
)
def test_a_replacement_states_only_the_hardware_it_places(kind, leads, generator):
    paths = {
        "request.procedure": Procedure.SCS_REPLACEMENT,
        "request.revision_kind": kind,
        "request.device_maker": DeviceMaker.MEDTRONIC,
        "request.lead_levels": "T9-T11",
    }
    text = section_text(model_letter(CRPS_SCS, **paths), "Device and placement")
    assert "The requested system is made by Medtronic." in text
    assert ("Planned placement" in text) is leads
    assert ("Lead type" in text) is leads
    assert ("generator" in text) is generator
