"""Before submission: the documentation gaps payers deny for (reference §9.3), each with its fix.

Each check reads the facts (and the criteria findings where a payer rule decides) and returns gaps
that name the wizard step and field where the clinician fixes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import scoring
from .choices import Condition, Procedure, Side
from .coding import Coding
from .criteria.predicates import CLEARED, modality_status
from .facts import CaseFacts
from .icd10 import diagnosis_codes
from .rules import Result, Status
from .steps import NEW_LEAD_PROCEDURES, PERMANENT_PROCEDURES, STIMULATOR_PROCEDURES, TRIAL_PROCEDURES


@dataclass(frozen=True)
class Gap:
    """One documentation gap; `blocks` when a payer reviewer denies on it whatever the criteria table says,
    `failed` when the record documents the failing fact (rather than leaving it out)."""

    message: str
    step: str
    field: str = ""
    blocks: bool = False
    failed: bool = False


@dataclass(frozen=True)
class DenialRisk:
    key: str
    title: str
    sources: str
    gaps: tuple[Gap, ...]

    @property
    def blocking_gaps(self) -> tuple[Gap, ...]:
        """Return the gaps of this risk that stop the request."""
        return tuple(g for g in self.gaps if g.blocks)

    @property
    def blocks(self) -> bool:
        """Return True when any gap of this risk stops the request."""
        return bool(self.blocking_gaps)


Check = Callable[[CaseFacts, Sequence[Result], Coding], list[Gap]]
TECHNOLOGY_CRITERIA = ("technology", "not_drg", "no_waveform_swap", "drg_for_crps")
ADMIN_CRITERIA = ("implant_setting", "lead_limit", "trial_limit")


def sentence(text: str) -> str:
    """Return text with its first letter upper-cased and a full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def failing(results: Sequence[Result], topics: Sequence[str]) -> list[Result]:
    """Return results not met whose criterion id ends with one of the topics."""
    return [r for r in results if r.status is Status.NOT_MET and r.criterion.id.rsplit(".", 1)[1] in topics]


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


def trial_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Trial relief not quantified, length missing or outside the payer's window, no function or satisfaction."""
    if facts.request.procedure not in PERMANENT_PROCEDURES:
        return []
    trial, gaps = facts.trial, []
    if scoring.percent_reduction(trial.pain_before_nrs, trial.pain_during_nrs) is None:
        gaps.append(
            Gap("Target pain before and during the trial not both recorded.", "trial", "pain_during_nrs")
        )
    if scoring.trial_days(trial) is None:
        gaps.append(Gap("Trial dates not recorded.", "trial", "ended_on"))
    gaps += [
        Gap(f"Trial length: {r.finding.evidence}.", "trial", "ended_on")
        for r in failing(results, ["trial_length"])
    ]
    if not trial.functional_gains and not trial.functional_notes:
        gaps.append(Gap("No functional change during the trial recorded.", "trial", "functional_gains"))
    if trial.satisfied is None:
        gaps.append(Gap("No statement of the patient's satisfaction with the trial.", "trial", "satisfied"))
    return gaps


def repeat_trial_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """A repeat trial without the reason the earlier one failed."""
    request, trial = facts.request, facts.trial
    if (
        request.procedure in TRIAL_PROCEDURES
        and (request.prior_trials_in_region or 0) > 0
        and not request.repeat_trial_reason
    ):
        return [
            Gap(
                "Repeat trial in this region without the reason the first failed.",
                "request",
                "repeat_trial_reason",
            )
        ]
    if request.procedure in PERMANENT_PROCEDURES and trial.is_repeat_trial and not trial.prior_failure_reason:
        return [
            Gap(
                "The trial was a repeat, without the reason the first failed.",
                "trial",
                "prior_failure_reason",
            )
        ]
    return []


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


def technology_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """The payer does not cover this technology (DRG, non-tonic modes, a swap of a working system)."""
    return [
        Gap(sentence(r.finding.evidence), r.criterion.step, r.criterion.field)
        for r in failing(results, TECHNOLOGY_CRITERIA)
    ]


def administrative_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Request type, setting, limits, units and the two patient identifiers."""
    gaps = []
    if facts.request.procedure is None:
        gaps.append(
            Gap(
                "The request type (trial, permanent, replacement, block) is not chosen.",
                "request",
                "procedure",
            )
        )
    if not facts.patient.name or facts.patient.born_on is None:
        gaps.append(
            Gap(
                "Two patient identifiers (name and date of birth) are needed on every page.",
                "patient",
                "name",
                blocks=True,
            )
        )
    gaps += [
        Gap(sentence(r.finding.evidence), r.criterion.step, r.criterion.field)
        for r in failing(results, ADMIN_CRITERIA)
    ]
    # A coding error is a claim a payer rejects as filed (e.g. 63655 outside an ASC or hospital).
    gaps += [
        Gap(c.message, c.step, c.field, blocks=True, failed=True) for c in coding.checks if c.level == "error"
    ]
    return gaps


def replacement_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """A replacement or revision without the device problem and the benefit before it.

    Every payer's reviewer asks for both (spec README §1; reference 9.3 #11; MP328), so both block.
    """
    if facts.request.procedure != Procedure.SCS_REPLACEMENT:
        return []
    device, gaps = facts.device, []
    problem = getattr(device.problem, "value", device.problem)
    if problem is None:
        gaps.append(
            Gap("The problem with the current system is not recorded.", "device", "problem", blocks=True)
        )
    elif problem == "none":
        gaps.append(
            Gap(
                "The current system works: no device problem justifies its replacement.",
                "device",
                "problem",
                blocks=True,
                failed=True,
            )
        )
    elif problem == "infection":
        gaps.append(
            Gap(
                "An infected system is explanted and treated, and reimplanted later: it is not replaced now.",
                "device",
                "problem",
                blocks=True,
                failed=True,
            )
        )
    relief = scoring.percent_reduction(device.pain_before_implant_nrs, device.pain_with_device_nrs)
    if relief is None and not device.benefit_notes:
        gaps.append(
            Gap(
                "The benefit the system gave before the problem is not recorded.",
                "device",
                "pain_with_device_nrs",
                blocks=True,
            )
        )
    return gaps


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
)


def denial_risks(facts: CaseFacts, results: Sequence[Result], coding: Coding) -> list[DenialRisk]:
    """Return every denial risk this case still carries, each with the gaps that cause it."""
    risks = []
    for key, title, sources, check in CHECKS:
        gaps = check(facts, results, coding)
        if gaps:
            risks.append(DenialRisk(key, title, sources, tuple(gaps)))
    return risks
