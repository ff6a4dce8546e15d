"""Anthem (Elevance): Carelon (formerly AIM) Musculoskeletal Interventional Pain Management guideline.

Only Anthem's change notices were retrieved (reference 2.1 and its gaps table; updates U2), so every
criterion here says what the notices name and what to verify with Carelon: none blocks. The replacement
rule is the one every payer carries (reference 9.3 #11); Carelon added revision/removal criteria in 2019.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..choices import OtherTherapyKind
from ..facts import CaseFacts
from ..rules import Criterion, Finding, met, not_documented, not_met
from . import predicates as p
from . import trial_outcome as t
from .groups import NEW_STIMULATORS, PERMANENT, TRIALS
from .medicare_rules import replacement_problem
from .sources import ANTHEM_AIM_2022, ANTHEM_AIM_2023, UNCONFIRMED, cite

# Not Carelon's number (its trial text was not retrieved): every payer in the reference uses ≥ 50 % pain
# relief (reference 2.2), shown so the clinician can verify Carelon's threshold.
TRIAL_RELIEF_PERCENT = Decimal(50)


def conservative_treatment_failed(*, count_psychological: bool):
    """Return a predicate: conservative treatments with a recorded outcome, at least one failed.

    Medications, physical therapy courses (in person, virtual or supervised at home) and other therapies
    count; psychological therapy counts only when `count_psychological` (Carelon removed CBT as a
    conservative modality in 2023). No duration is judged: the payers' own numbers were not retrieved.
    """

    def predicate(facts: CaseFacts, today: date) -> Finding:
        therapy = facts.therapy
        others = [
            o
            for o in therapy.other_therapies
            if count_psychological or o.kind != OtherTherapyKind.PSYCHOLOGICAL
        ]
        rows = [*therapy.medications, *therapy.pt_courses, *others]
        outcomes = [r.outcome for r in rows if r.outcome is not None]
        failed = sum(o.failed for o in outcomes)
        skipped = len(therapy.other_therapies) - len(others)
        text = f"{len(outcomes)} conservative treatment(s) with an outcome, {failed} failed"
        if skipped:
            text += f" (psychological therapy not counted: {skipped})"
        if not outcomes:
            return not_documented(f"{text}; record each treatment tried and its outcome")
        if not failed:
            return not_met(f"{text}: conservative care documented as effective")
        return met(text)

    return predicate


def first_trial(facts: CaseFacts, today: date) -> Finding:
    """The trial is the first in this region; a repeat trial meets Carelon's repeat-trial indications."""
    earlier = facts.request.prior_trials_in_region
    if earlier is None:
        return not_documented("number of earlier trials in this region not recorded")
    if earlier == 0:
        return met("first trial in this region")
    return not_met(
        f"{earlier} earlier trial(s) in this region: a repeat trial must meet Carelon's repeat-trial "
        "indications (text not retrieved)"
    )


def carelon(topic, text, citation, applies, predicate, step, field="") -> Criterion:
    """Return a Carelon criterion: never blocking, shown as "verify with payer"."""
    return Criterion(f"anthem.carelon.{topic}", text, citation, applies, predicate, False, step, field)


CRITERIA = (
    carelon(
        "last_resort",
        "Stimulation is a last resort: pharmacological, physical, psychological and surgical treatment "
        "failed or are unsuitable; Carelon also asks for a spine surgeon's evaluation (verify with Carelon).",
        cite(
            ANTHEM_AIM_2023,
            "Last resort and spine-surgeon evaluation, as the societies' letter of 2025-06-18 reports "
            "(updates U2, IPSIS-2025-06-18)",
        ),
        NEW_STIMULATORS,
        p.other_modalities_failed_or_unsuitable,
        "therapy",
    ),
    carelon(
        "conservative_management",
        "Conservative management failed, as Carelon defines it: physical therapy (supervised home PT "
        "counts), medications and minimally invasive pain procedures; cognitive behavioural therapy no "
        "longer counts (required duration not retrieved: verify with Carelon).",
        cite(ANTHEM_AIM_2023, "Conservative management (2022-03-13 and 2023 changes)"),
        NEW_STIMULATORS,
        conservative_treatment_failed(count_psychological=False),
        "therapy",
    ),
    carelon(
        "mental_health_timing",
        "A mental-health evaluation cleared the patient before the trial (Carelon specifies its timing; "
        "the window was not retrieved: verify with Carelon).",
        cite(ANTHEM_AIM_2022, "Timing of the mental-health evaluation", UNCONFIRMED),
        NEW_STIMULATORS,
        p.psych_cleared,
        "psych",
        "conclusion",
    ),
    carelon(
        "repeat_trial",
        "The trial is the first in this region, or a repeat trial meets Carelon's repeat-trial "
        "indications (defined in 2022; text not retrieved: verify with Carelon).",
        cite(ANTHEM_AIM_2022, "Indications for a repeat trial", UNCONFIRMED),
        TRIALS,
        first_trial,
        "request",
        "prior_trials_in_region",
    ),
    carelon(
        "trial_relief",
        f"The trial gave at least {TRIAL_RELIEF_PERCENT}% pain relief, the threshold every payer in the "
        "reference uses (Carelon's trial text not retrieved: verify with Carelon).",
        cite(ANTHEM_AIM_2022, "Trial (threshold per reference 2.2)", UNCONFIRMED),
        PERMANENT,
        t.trial_relief_at_least(TRIAL_RELIEF_PERCENT),
        "trial",
        "pain_during_nrs",
    ),
    replacement_problem("anthem"),
)
