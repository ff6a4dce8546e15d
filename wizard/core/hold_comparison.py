"""One planned antithrombotic hold set beside its ASRA 2018 cell: the advice statuses, the plan and the
guideline interval in words, and the judgement (with the INR that a VKA plan needs near the procedure date).
"""

from __future__ import annotations

from decimal import Decimal

from .asra_table import HOURS_PER_DAY, NOT_GIVEN, BleedingRisk, HoldRule
from .choices import Choice, HoldUnit
from .coagulation import INR_NORMAL_MAX, INR_QUOTED_ALTERNATIVE, INR_WINDOW_DAYS, days_before, when_words
from .facts import AntithromboticUse


class AdviceStatus(Choice):
    CONSISTENT = "consistent", "Consistent with ASRA 2018"
    SHORTER_THAN_GUIDELINE = "shorter_than_guideline", "Shorter than ASRA 2018 suggests"
    SHARED_ASSESSMENT = "shared_assessment", "Shared assessment with the prescriber"
    NO_HOLD_IN_GUIDELINE = "no_hold_in_guideline", "No hold in ASRA 2018"
    INR_NOT_ON_RECORD = "inr_not_on_record", "No INR on record near the procedure date"
    CRCL_NOT_ON_RECORD = "crcl_not_on_record", "Creatinine clearance needed for this drug's interval"
    RENAL_VERIFY = "renal_verify", "Interval depends on creatinine clearance: verify in ASRA"
    INR_ABOVE_NORMAL = "inr_above_normal", "INR above the normal range (verify cut-off)"
    NOT_DOCUMENTED = "not_documented", "Not documented"


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
    AdviceStatus.CRCL_NOT_ON_RECORD: (
        "ASRA 2018 suggests an interval that depends on kidney function; no recent creatinine clearance is "
        "on record"
    ),
    AdviceStatus.RENAL_VERIFY: (
        "ASRA 2018 suggests an interval that depends on kidney function, and the creatinine clearance is "
        "reduced: verify the interval in ASRA"
    ),
    AdviceStatus.NOT_DOCUMENTED: "not enough documented to compare with ASRA 2018",
}
