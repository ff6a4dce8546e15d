"""Antithrombotic advisory: the procedure's ASRA 2018 bleeding-risk class and the hold table as data.

Advisory only (reference 5, domain README 2 item 7): it sets each planned hold beside the guideline interval
and never tells anyone to stop or start a drug; the plan belongs to the prescribing clinician. Besides the
antithrombotic rows of the safety step it shows NSAIDs, SSRIs/SNRIs and listed supplements from the therapy
medication rows that are still taken around the procedure date (updates U1, issue 8 item 3).

This module assembles the rows; hold_comparison.py judges one plan against its cell of asra_table.py and
renal_intervals.py adds the creatinine clearance where the interval depends on it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .asra_table import (
    INR_DRUGS,
    BleedingRisk,
    ExtraDrug,
    HoldRule,
    bleeding_risk,
    hold_rule,
    medication_drug,
)
from .choices import Antithrombotic
from .coagulation import coagulation_notes, crcl_reduced
from .display import format_date
from .facts import AntithromboticUse, CaseFacts
from .hold_comparison import (
    STATUS_PHRASES,
    AdviceStatus,
    guideline_words,
    inr_standing,
    inr_words,
    judge,
    planned_hours,
    planned_words,
)
from .medication_antithrombotics import antithrombotic_medications
from .renal_intervals import renal_rule, renal_standing
from .restart_timing import restart_words
from .rows import Medication

EMPTY_USE = AntithromboticUse()

ADVISORY_NOTE = (
    "Advisory only: the periprocedural plan for each antithrombotic drug is agreed with the prescribing "
    "clinician. This is not an instruction to stop or start any drug."
)
UNCONFIRMED_LABEL = "unconfirmed — verify against Narouze 2018"
FROM_MEDICATIONS = "from the medication list"


@dataclass(frozen=True)
class AntithromboticAdvice:
    """The guideline interval beside one documented antithrombotic drug and its planned hold."""

    drug: Antithrombotic | ExtraDrug | None
    drug_label: str
    risk: BleedingRisk | None
    guideline: str
    planned: str
    status: AdviceStatus
    confirmed: bool
    restart: str
    prescriber: str
    prescriber_agreed: bool
    message: str
    source: str = ""
    inr: str = ""
    from_medications: bool = False
    coagulation: tuple[str, ...] = ()

    @property
    def confidence_label(self) -> str:
        """Return the label the UI shows beside an unconfirmed row, or ''."""
        return "" if self.confirmed else UNCONFIRMED_LABEL

    @property
    def agreement(self) -> str:
        """Return 'plan agreed' or the open item the UI and the letter show."""
        return "plan agreed" if self.prescriber_agreed else "agreement not recorded"


def from_guideline(rule: HoldRule | None, risk: BleedingRisk | None, request: object) -> dict:
    """Return what an advisory row takes from the guideline: the interval, restart, source and confidence."""
    return {
        "risk": risk,
        "guideline": guideline_words(rule, risk),
        "confirmed": rule.confirmed if rule else False,
        "restart": restart_words(rule, getattr(request, "procedure", None)),
        "source": rule.source if rule else "",
    }


def advise(
    use: AntithromboticUse,
    risk: BleedingRisk | None,
    safety: object,
    request: object = None,
    coagulation: tuple[str, ...] = (),
) -> AntithromboticAdvice:
    """Return the advisory for one antithrombotic row."""
    drug = use.drug if isinstance(use.drug, Antithrombotic) else None
    label = drug.label if drug else "Antithrombotic (drug not named)"
    rule = hold_rule(drug, risk)
    planned_on = getattr(request, "planned_on", None)
    status = judge(rule, planned_hours(use))
    if status is AdviceStatus.CONSISTENT and drug in INR_DRUGS and rule.normal_inr:
        # Days held alone do not make a VKA plan consistent: a normal INR near the date does (updates U1).
        status = inr_standing(safety, planned_on) or status
    guideline = from_guideline(rule, risk, request)
    renal = renal_rule(drug, risk)
    if renal is not None:
        status, renal_words = renal_standing(renal, rule, status, planned_hours(use), safety, planned_on)
        guideline["guideline"] += f"; {renal_words}"
        if renal.impaired_interval is not None and crcl_reduced(safety, planned_on):
            # A drug resumed during a trial meets its hold again before lead removal: the renal one here.
            guideline["restart"] = restart_words(
                replace(rule, interval=renal.impaired_interval), getattr(request, "procedure", None)
            )
    planned = planned_words(use)
    agreed = use.prescriber_agreed is True
    prescriber = use.prescriber if isinstance(use.prescriber, str) else ""
    inr = inr_words(safety, rule, planned_on) if drug in INR_DRUGS else ""
    details = [guideline["guideline"], planned]
    if inr:
        details.append(inr)
    details.append(
        f"agreed with {prescriber or 'the prescriber'}"
        if agreed
        else "plan not documented as agreed with the prescriber: agreement not recorded"
    )
    message = f"{label}: {STATUS_PHRASES[status]} ({'; '.join(details)})."
    return AntithromboticAdvice(
        drug=drug,
        drug_label=label,
        planned=planned,
        status=status,
        prescriber=prescriber,
        prescriber_agreed=agreed,
        message=message,
        inr=inr,
        coagulation=coagulation,
        **guideline,
    )


def advise_medication(
    row: Medication,
    drug: Antithrombotic | ExtraDrug,
    risk: BleedingRisk | None,
    request: object,
    coagulation: tuple[str, ...],
) -> AntithromboticAdvice:
    """Return the advisory for a therapy medication row: no plan is recorded, so nothing is agreed."""
    rule = hold_rule(drug, risk)
    name = row.drug.strip() if isinstance(row.drug, str) and row.drug.strip() else ""
    label = f"{name} ({drug.label})" if name else drug.label
    planned_on = getattr(request, "planned_on", None)
    taken = (
        "ongoing, no end date recorded"
        if not isinstance(row.stopped_on, date)
        else f"last taken {format_date(row.stopped_on)}"
        + (f", {(planned_on - row.stopped_on).days} days before the procedure" if planned_on else "")
    )
    status = judge(rule, None)
    guideline = from_guideline(rule, risk, request)
    planned = f"planned hold: not documented ({FROM_MEDICATIONS}, {taken})"
    message = (
        f"{label}: {STATUS_PHRASES[status]} ({guideline['guideline']}; {planned}; no plan recorded with the "
        "prescriber: agreement not recorded)."
    )
    return AntithromboticAdvice(
        drug=drug,
        drug_label=label,
        planned=planned,
        status=status,
        prescriber="",
        prescriber_agreed=False,
        message=message,
        from_medications=True,
        coagulation=coagulation,
        **guideline,
    )


def medication_advice(
    facts: CaseFacts, risk: BleedingRisk | None, listed: set, coagulation: tuple[str, ...]
) -> list[AntithromboticAdvice]:
    """Return advisories for NSAIDs, SSRIs/SNRIs and listed supplements in the therapy medication rows."""
    request = getattr(facts, "request", None)
    return [
        advise_medication(row, drug, risk, request, coagulation)
        for row, drug in antithrombotic_medications(facts, listed)
    ]


def antithrombotic_advice(facts: CaseFacts) -> list[AntithromboticAdvice]:
    """Return one advisory per documented antithrombotic row, in the order entered, then the medication rows.

    Every row is kept, agreed with its prescriber or not: an unagreed plan is an open item, never dropped.
    """
    safety = getattr(facts, "safety", None)
    request = getattr(facts, "request", None)
    risk = bleeding_risk(request)
    uses = [
        use
        for use in (getattr(safety, "antithrombotics", None) or ())
        if isinstance(use, AntithromboticUse) and use != EMPTY_USE
    ]
    meds = getattr(getattr(facts, "therapy", None), "medications", None) or ()
    if not uses and not any(
        isinstance(m, Medication) and medication_drug(m.drug, m.drug_class) for m in meds
    ):
        return []
    coagulation = coagulation_notes(facts)
    listed = {use.drug for use in uses if isinstance(use.drug, Antithrombotic)}
    return [advise(use, risk, safety, request, coagulation) for use in uses] + medication_advice(
        facts, risk, listed, coagulation
    )
