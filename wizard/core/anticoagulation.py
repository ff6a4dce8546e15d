"""Antithrombotic advisory: the procedure's ASRA 2018 bleeding-risk class and the hold table as data.

Advisory only (reference 5, domain README 2 item 7): it sets each planned hold beside the guideline interval
and never tells anyone to stop or start a drug; the plan belongs to the prescribing clinician. Besides the
antithrombotic rows of the safety step it shows NSAIDs, SSRIs/SNRIs and listed supplements from the therapy
medication rows that are still taken around the procedure date (updates U1, issue 8 item 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .asra_table import (
    HOURS_PER_DAY,
    INR_DRUGS,
    NOT_GIVEN,
    BleedingRisk,
    ExtraDrug,
    HoldRule,
    bleeding_risk,
    hold_rule,
    medication_drug,
)
from .choices import Antithrombotic, Choice, HoldUnit
from .coagulation import (
    INR_NORMAL_MAX,
    INR_QUOTED_ALTERNATIVE,
    INR_WINDOW_DAYS,
    coagulation_notes,
    days_before,
    when_words,
)
from .display import format_date
from .facts import AntithromboticUse, CaseFacts
from .medication_antithrombotics import antithrombotic_medications
from .restart_timing import restart_words
from .rows import Medication

EMPTY_USE = AntithromboticUse()

ADVISORY_NOTE = (
    "Advisory only: the periprocedural plan for each antithrombotic drug is agreed with the prescribing "
    "clinician. This is not an instruction to stop or start any drug."
)
UNCONFIRMED_LABEL = "unconfirmed — verify against Narouze 2018"
FROM_MEDICATIONS = "from the medication list"


class AdviceStatus(Choice):
    CONSISTENT = "consistent", "Consistent with ASRA 2018"
    SHORTER_THAN_GUIDELINE = "shorter_than_guideline", "Shorter than ASRA 2018 suggests"
    SHARED_ASSESSMENT = "shared_assessment", "Shared assessment with the prescriber"
    NO_HOLD_IN_GUIDELINE = "no_hold_in_guideline", "No hold in ASRA 2018"
    INR_NOT_ON_RECORD = "inr_not_on_record", "No INR on record near the procedure date"
    INR_ABOVE_NORMAL = "inr_above_normal", "INR above the normal range (verify cut-off)"
    NOT_DOCUMENTED = "not_documented", "Not documented"


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


def planned_hours(use: AntithromboticUse) -> int | None:
    """Return the planned hold in hours; None when the number or its unit is not documented."""
    count = use.planned_hold
    if isinstance(count, bool) or not isinstance(count, int | Decimal) or count < 0:
        return None
    if count == 0:
        return 0
    per = {HoldUnit.HOURS: 1, HoldUnit.DAYS: HOURS_PER_DAY}.get(use.hold_unit)
    return None if per is None else int(count * per)


def planned_words(use: AntithromboticUse) -> str:
    """Return 'planned hold: 3 days' or what is missing."""
    count = use.planned_hold
    if count is None:
        return "planned hold: not documented"
    if count == 0:
        return "planned hold: none"
    unit = use.hold_unit.label if isinstance(use.hold_unit, HoldUnit) else ""
    if planned_hours(use) is None:
        return f"planned hold: {count} (unit not documented)" if not unit else "planned hold: not documented"
    return f"planned hold: {count} {unit.rstrip('s') if count == 1 else unit}".rstrip()


def guideline_words(rule: HoldRule | None, risk: BleedingRisk | None) -> str:
    """Return the guideline interval in words, e.g. 'ASRA 2018: 6 days before high-risk procedures'."""
    if risk is None:
        return "ASRA 2018 interval unknown: the procedure's bleeding-risk class is not documented"
    before = f"before {risk.value}-risk procedures"
    if rule is None:
        return f"ASRA 2018: no row in our reference for this drug {before}"
    prefix = "ASRA 2018" if rule.confirmed else "ASRA 2018 (unconfirmed)"
    parts = []
    if rule.interval is not None:
        parts.append(rule.interval.words() + (" and a normal INR" if rule.normal_inr else ""))
    if rule.no_hold:
        parts.append("no hold")
    if rule.shared_assessment:
        parts.append("shared assessment and risk stratification with the prescriber")
    if not parts:
        return f"{prefix}: {NOT_GIVEN}{f' ({rule.note})' if rule.note else ''} {before}"
    if rule.note:
        parts[-1] += f" ({rule.note})"
    return f"{prefix}: {'; '.join(parts)} {before}"


def judge(rule: HoldRule | None, hours_planned: int | None) -> AdviceStatus:
    """Return how the planned hold stands against the rule."""
    if rule is None or not rule.given:
        return AdviceStatus.NOT_DOCUMENTED
    if rule.interval is not None:
        if hours_planned is None:
            return AdviceStatus.NOT_DOCUMENTED
        if hours_planned >= rule.interval.min_hours:
            return AdviceStatus.CONSISTENT
        return AdviceStatus.SHORTER_THAN_GUIDELINE
    if rule.shared_assessment:
        return AdviceStatus.SHARED_ASSESSMENT
    return AdviceStatus.NO_HOLD_IN_GUIDELINE


def inr_standing(safety: object, planned_on: object) -> AdviceStatus | None:
    """Return INR_NOT_ON_RECORD, INR_ABOVE_NORMAL, or None when a normal INR is on record near the date."""
    inr, inr_on = getattr(safety, "inr", None), getattr(safety, "inr_on", None)
    gap = days_before(inr_on, planned_on)
    if not isinstance(inr, int | Decimal) or isinstance(inr, bool) or gap is None:
        return AdviceStatus.INR_NOT_ON_RECORD
    if not 0 <= gap <= INR_WINDOW_DAYS:
        return AdviceStatus.INR_NOT_ON_RECORD
    return AdviceStatus.INR_ABOVE_NORMAL if Decimal(inr) > INR_NORMAL_MAX else None


def inr_words(safety: object, rule: HoldRule | None, planned_on: object = None) -> str:
    """Return the INR, its date against the procedure date, and how it stands; cut-offs say 'verify'."""
    inr, inr_on = getattr(safety, "inr", None), getattr(safety, "inr_on", None)
    asked = rule is not None and rule.normal_inr
    text = "no INR documented" if inr is None else f"INR {inr}{when_words(inr_on, planned_on)}"
    if asked:
        text += "; ASRA 2018 asks for a normal INR (numeric cut-off unconfirmed)"
        standing = inr_standing(safety, planned_on)
        if standing is AdviceStatus.INR_NOT_ON_RECORD and inr is not None:
            text += f"; not within {INR_WINDOW_DAYS} days before the procedure date (our window, verify)"
        elif standing is AdviceStatus.INR_ABOVE_NORMAL:
            text += (
                f"; above {INR_NORMAL_MAX}, the lower of the commonly quoted cut-offs "
                f"({INR_NORMAL_MAX} or {INR_QUOTED_ALTERNATIVE}) — verify cut-off"
            )
        elif standing is None:
            text += f"; within the normal range (at most {INR_NORMAL_MAX}) — verify cut-off"
    return text


STATUS_PHRASES = {
    AdviceStatus.CONSISTENT: "planned hold is at least the minimum ASRA 2018 suggests",
    AdviceStatus.SHORTER_THAN_GUIDELINE: "planned hold is shorter than the interval ASRA 2018 suggests",
    AdviceStatus.SHARED_ASSESSMENT: "ASRA 2018 suggests a shared assessment with the prescriber",
    AdviceStatus.NO_HOLD_IN_GUIDELINE: "ASRA 2018 suggests no hold",
    AdviceStatus.INR_NOT_ON_RECORD: (
        "ASRA 2018 suggests a normal INR before the procedure; no INR is on record near the procedure date"
    ),
    AdviceStatus.INR_ABOVE_NORMAL: (
        "ASRA 2018 suggests a normal INR before the procedure; the INR on record is above the normal range"
    ),
    AdviceStatus.NOT_DOCUMENTED: "not enough documented to compare with ASRA 2018",
}


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
