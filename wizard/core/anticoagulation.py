"""Antithrombotic advisory: the procedure's ASRA 2018 bleeding-risk class and the hold table as data.

Advisory only (reference 5, domain README 2 item 7): it sets each planned hold beside the guideline interval
and never tells anyone to stop or start a drug; the plan belongs to the prescribing clinician.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .asra_table import HOURS_PER_DAY, INR_DRUGS, NOT_GIVEN, BleedingRisk, HoldRule, bleeding_risk, hold_rule
from .choices import Antithrombotic, Choice, HoldUnit
from .display import format_date
from .facts import AntithromboticUse, CaseFacts

EMPTY_USE = AntithromboticUse()

ADVISORY_NOTE = (
    "Advisory only: the periprocedural plan for each antithrombotic drug is agreed with the prescribing "
    "clinician. This is not an instruction to stop or start any drug."
)
UNCONFIRMED_LABEL = "unconfirmed — verify against Narouze 2018"


class AdviceStatus(Choice):
    CONSISTENT = "consistent", "Consistent with ASRA 2018"
    SHORTER_THAN_GUIDELINE = "shorter_than_guideline", "Shorter than ASRA 2018 suggests"
    SHARED_ASSESSMENT = "shared_assessment", "Shared assessment with the prescriber"
    NO_HOLD_IN_GUIDELINE = "no_hold_in_guideline", "No hold in ASRA 2018"
    NOT_DOCUMENTED = "not_documented", "Not documented"


@dataclass(frozen=True)
class AntithromboticAdvice:
    """The guideline interval beside one documented antithrombotic drug and its planned hold."""

    drug: Antithrombotic | None
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

    @property
    def confidence_label(self) -> str:
        """Return the label the UI shows beside an unconfirmed row, or ''."""
        return "" if self.confirmed else UNCONFIRMED_LABEL


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
        return f"{prefix}: {NOT_GIVEN} {before}"
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


def inr_words(safety: object, rule: HoldRule | None) -> str:
    """Return whether an INR is documented and when; the guideline gives no numeric cut-off."""
    inr, inr_on = getattr(safety, "inr", None), getattr(safety, "inr_on", None)
    asked = rule is not None and rule.normal_inr
    if inr is None:
        text = "no INR documented"
    else:
        when = f" on {format_date(inr_on)}" if isinstance(inr_on, date) else " (date not documented)"
        text = f"INR {inr}{when}"
    if asked:
        text += "; ASRA 2018 asks for a normal INR (numeric cut-off unconfirmed)"
    return text


STATUS_PHRASES = {
    AdviceStatus.CONSISTENT: "planned hold is at least the minimum ASRA 2018 suggests",
    AdviceStatus.SHORTER_THAN_GUIDELINE: "planned hold is shorter than the interval ASRA 2018 suggests",
    AdviceStatus.SHARED_ASSESSMENT: "ASRA 2018 suggests a shared assessment with the prescriber",
    AdviceStatus.NO_HOLD_IN_GUIDELINE: "ASRA 2018 suggests no hold",
    AdviceStatus.NOT_DOCUMENTED: "not enough documented to compare with ASRA 2018",
}


def advise(use: AntithromboticUse, risk: BleedingRisk | None, safety: object) -> AntithromboticAdvice:
    """Return the advisory for one antithrombotic row."""
    drug = use.drug if isinstance(use.drug, Antithrombotic) else None
    label = drug.label if drug else "Antithrombotic (drug not named)"
    rule = hold_rule(drug, risk)
    status = judge(rule, planned_hours(use))
    guideline, planned = guideline_words(rule, risk), planned_words(use)
    agreed = use.prescriber_agreed is True
    prescriber = use.prescriber if isinstance(use.prescriber, str) else ""
    inr = inr_words(safety, rule) if drug in INR_DRUGS else ""
    details = [guideline, planned]
    if inr:
        details.append(inr)
    details.append(
        f"agreed with {prescriber or 'the prescriber'}"
        if agreed
        else "plan not documented as agreed with the prescriber"
    )
    message = f"{label}: {STATUS_PHRASES[status]} ({'; '.join(details)})."
    return AntithromboticAdvice(
        drug=drug,
        drug_label=label,
        risk=risk,
        guideline=guideline,
        planned=planned,
        status=status,
        confirmed=rule.confirmed if rule else False,
        restart=rule.restart if rule else NOT_GIVEN,
        prescriber=prescriber,
        prescriber_agreed=agreed,
        message=message,
        source=rule.source if rule else "",
        inr=inr,
    )


def antithrombotic_advice(facts: CaseFacts) -> list[AntithromboticAdvice]:
    """Return one advisory per documented antithrombotic row, in the order entered."""
    safety = getattr(facts, "safety", None)
    risk = bleeding_risk(getattr(facts, "request", None))
    uses = getattr(safety, "antithrombotics", None) or ()
    return [
        advise(use, risk, safety) for use in uses if isinstance(use, AntithromboticUse) and use != EMPTY_USE
    ]
