"""Before submission: the documentation gaps payers deny for (reference §9.3), each with its fix; the
record's own gaps here, the request's in request_risks.

Each check reads the facts (and the criteria findings where a payer rule decides) and returns gaps
that name the wizard step and field where the clinician fixes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import mme, scoring
from .choices import Condition, Side
from .coding import Coding
from .criteria.predicates import CLEARED, modality_status
from .facts import CaseFacts
from .gaps import Check, DenialRisk, Gap
from .icd10 import diagnosis_codes
from .request_risks import (
    administrative_gaps,
    blue_plan_gaps,
    medicare_program_gaps,
    repeat_trial_gaps,
    replacement_gaps,
    technology_gaps,
    trial_gaps,
)
from .rules import Result
from .steps import NEW_LEAD_PROCEDURES, PERMANENT_PROCEDURES, STIMULATOR_PROCEDURES


def psych_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """No evaluation, no explicit clearance, no qualification or date, or dated after the trial."""
    if facts.request.procedure not in NEW_LEAD_PROCEDURES:
        return []
    psych, gaps = facts.psych, []
    if psych.conclusion is None:
        gaps.append(
            Gap("No psychological evaluation conclusion (cleared / not cleared).", "psych", "conclusion")
        )
    elif psych.conclusion not in CLEARED:
        gaps.append(
            Gap(
                "The psychological evaluation did not clear the patient.",
                "psych",
                "conclusion",
                blocks=True,
                failed=True,
            )
        )
    if psych.evaluated_on is None:
        gaps.append(Gap("The psychological evaluation is not dated.", "psych", "evaluated_on"))
    if psych.evaluator_credential is None:
        gaps.append(Gap("The evaluator's qualification is not recorded.", "psych", "evaluator_credential"))
    trial_start = facts.trial.started_on
    after_trial = psych.evaluated_on and trial_start and psych.evaluated_on > trial_start
    if after_trial and facts.request.procedure in PERMANENT_PROCEDURES:
        gaps.append(
            Gap("The psychological evaluation is dated after the trial began.", "psych", "evaluated_on")
        )
    return gaps


def conservative_care_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Drugs without dose, dates or outcome; PT without dates, visits or outcome; modalities unexplained."""
    therapy, gaps = facts.therapy, []
    for i, med in enumerate(therapy.medications, start=1):
        missing = [
            w
            for w, v in (("dose", med.dose), ("start date", med.started_on), ("outcome", med.outcome))
            if not v
        ]
        if missing:
            gaps.append(
                Gap(
                    f"Medication {i} ({med.drug or 'unnamed'}): no {', '.join(missing)}.",
                    "therapy",
                    "medications",
                )
            )
    for i, course in enumerate(therapy.pt_courses, start=1):
        missing = [w for w, v in (("visits", course.visits), ("outcome", course.outcome)) if v is None]
        if missing:
            gaps.append(
                Gap(f"Physical therapy course {i}: no {', '.join(missing)}.", "therapy", "pt_courses")
            )
    if facts.request.procedure in STIMULATOR_PROCEDURES:
        for modality, (kind, _) in modality_status(facts).items():
            if kind == "missing":
                gaps.append(
                    Gap(f"No {modality} treatment recorded, and no reason it was unsuitable.", "therapy")
                )
    return gaps


def diagnosis_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """No covered, specific diagnosis: no condition, no code, CRPS without Budapest or laterality."""
    dx, gaps = facts.diagnosis, []
    if dx.condition is None:
        return [Gap("No diagnosis recorded.", "diagnosis", "condition", blocks=True)]
    if not diagnosis_codes(dx):
        gaps.append(
            Gap("The diagnosis does not yield an ICD-10-CM code.", "diagnosis", "condition", blocks=True)
        )
    if dx.condition in (Condition.CRPS_1, Condition.CRPS_2):
        if scoring.score_budapest(dx) is None:
            gaps.append(
                Gap("CRPS without documented Budapest findings.", "diagnosis", "budapest_examined_on")
            )
        if dx.side in (None, Side.UNSPECIFIED):
            gaps.append(Gap("Laterality is missing or unspecified.", "diagnosis", "side"))
    if dx.condition == Condition.FBSS and dx.radicular_pain is None:
        gaps.append(
            Gap("FBSS without saying whether radicular leg pain predominates.", "diagnosis", "radicular_pain")
        )
    return gaps


def baseline_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """No functional baseline: neither an ODI nor the activities the pain limits."""
    baselines = facts.baselines
    if (
        scoring.score_odi(baselines.odi.scores()) is None
        and not baselines.adl_limits
        and not baselines.adl_notes
    ):
        return [
            Gap("No ODI and no description of the activities of daily living the pain limits.", "baselines")
        ]
    return []


def mme_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """A stated MME that differs from the one computed from the opioid rows, without a reason (updates U6).

    Without a date here, every recorded stop counts as stopped (stop dates cannot lie in the future).
    """
    baseline = mme.baseline_mme(facts, None)
    if not baseline.needs_reason:
        return []
    stated, computed = (mme.display_number(v) for v in (baseline.stated, baseline.computed.total))
    return [
        Gap(
            f"The stated opioid use ({stated} MME/day) differs from the {computed} MME/day computed from "
            "the medication rows, and no reason is given.",
            "baselines",
            "mme_reason",
        )
    ]


def substance_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Substance use not addressed."""
    if facts.request.procedure in NEW_LEAD_PROCEDURES and facts.psych.substance_use is None:
        return [Gap("Substance use is not addressed.", "psych", "substance_use")]
    return []


def decision_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Risks and benefits, alternatives, or the patient's stated wish not documented."""
    decision = facts.decision
    items = (
        ("risks_benefits_discussed", decision.risks_benefits_discussed, "Risks and benefits discussion"),
        ("alternatives_discussed", decision.alternatives_discussed, "Discussion of alternatives"),
        ("patient_wishes_to_proceed", decision.patient_wishes_to_proceed, "The patient's stated wish"),
    )
    return [
        Gap(f"{words} not documented.", "decision", name) for name, value, words in items if value is not True
    ]


CHECKS: tuple[tuple[str, str, str, Check], ...] = (
    (
        "psych",
        "Psychological evaluation",
        "NORIDIAN-SMRC-072; PALMETTO-CHECKLIST; CGS-PA; VERITY-AETNA",
        psych_gaps,
    ),
    (
        "conservative_care",
        "Conservative care itemised",
        "NCD160.7; CGS-PA; NGS-PA; VERITY-AETNA",
        conservative_care_gaps,
    ),
    ("diagnosis", "Covered, specific diagnosis", "NYDFS-137927; VERITY-AETNA", diagnosis_gaps),
    ("baseline", "Functional baseline", "VERITY-AETNA; CGS-PA; HEALTHPARTNERS", baseline_gaps),
    # The reviewer recomputes MME with the CDC 2022 factors (updates U6, not in the reference's index).
    ("mme", "Opioid dose (MME) explained", "CDC-2022", mme_gaps),
    ("trial", "Trial documentation", "PRECERTLY; MCD-A56876; NYDFS-126465; NEUROMODFOUND-TRIAL", trial_gaps),
    ("repeat_trial", "Repeat trial explained", "PRECERTLY; MCD-A56876", repeat_trial_gaps),
    ("substance_use", "Substance use addressed", "PRECERTLY; VERITY-AETNA", substance_gaps),
    ("decision", "Shared decision-making", "PALMETTO-CHECKLIST; HEALTHPARTNERS", decision_gaps),
    (
        "technology",
        "Technology the payer covers",
        "VERITY-EVICORE; COHERE-SCS; VERITY-AETNA",
        technology_gaps,
    ),
    (
        "administrative",
        "Administrative",
        "PALMETTO-CHECKLIST; CGS-PA; COHERE-SCS; MCD-A56876",
        administrative_gaps,
    ),
    ("replacement", "Replacement reason", "MP328; GENHEALTH-CMS", replacement_gaps),
    ("blue_plan", "Member's Blue plan named", "BCBSND-7.01.25; TRIPLES-07.001.029", blue_plan_gaps),
    (
        "medicare_program",
        "Medicare program: OPD prior authorization, UTN, WISeR",
        "NGS-2889364; CGS-PA-ISN; KATTEN-WISER; NORIDIAN-WISER; COHERE-WISER-TX",
        medicare_program_gaps,
    ),
)


def denial_risks(facts: CaseFacts, results: Sequence[Result], coding: Coding) -> list[DenialRisk]:
    """Return every denial risk this case still carries, each with the gaps that cause it."""
    risks = []
    for key, title, sources, check in CHECKS:
        gaps = check(facts, results, coding)
        if gaps:
            risks.append(DenialRisk(key, title, sources, tuple(gaps)))
    return risks
