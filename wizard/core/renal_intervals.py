"""How a drug's ASRA 2018 hold depends on kidney function (reference 5.3), and the creatinine clearance on
record set beside it."""

from __future__ import annotations

from dataclasses import dataclass

from .asra_table import HOLD_RULES, RAPM, BleedingRisk, HoldRule, Interval, days
from .choices import Antithrombotic
from .coagulation import crcl_reduced, crcl_words
from .hold_comparison import AdviceStatus

A = Antithrombotic


@dataclass(frozen=True)
class RenalRule:
    """How a drug's hold depends on kidney function, as far as reference 5.3 gives it."""

    drug: Antithrombotic
    # The interval with renal impairment; None where the reference gives no renal-adjusted number.
    impaired_interval: Interval | None
    source: str = RAPM


RENAL_DEPENDS = "interval depends on CrCl: verify in ASRA"
# Reference 5.3 gives a renal-adjusted number only for dabigatran ("6 days if renal impairment", UNCONFIRMED).
# Therapeutic-dose LMWH is cleared by the kidney (issue 8 names it beside dabigatran), but our reference holds
# no renal number for it: the row asks for the CrCl and says RENAL_DEPENDS, never a number of ours. Dalteparin's row has the
# therapeutic enoxaparin interval (24 h), so it is treated alike. Fondaparinux, rivaroxaban, apixaban and
# edoxaban carry no renal wording in the reference, so none is added here.
RENAL_RULES = {
    A.DABIGATRAN: RenalRule(A.DABIGATRAN, days(6)),
    A.ENOXAPARIN_THERAPEUTIC: RenalRule(A.ENOXAPARIN_THERAPEUTIC, None),
    A.DALTEPARIN: RenalRule(A.DALTEPARIN, None),
}


def renal_rule(drug: object, risk: BleedingRisk | None) -> RenalRule | None:
    """Return the renal dependence of a drug's interval before this risk class, where the table gives one."""
    rule = HOLD_RULES.get((drug, risk))
    return RENAL_RULES.get(drug) if rule is not None and rule.interval is not None else None


def renal_standing(
    renal: RenalRule,
    rule: HoldRule,
    status: AdviceStatus,
    hours_planned: int | None,
    safety: object,
    planned_on,
) -> tuple[AdviceStatus, str]:
    """Return the status and the words once the creatinine clearance is set beside a renal-dependent interval.

    A plan long enough for the interval with renal impairment stands whatever the CrCl; a shorter one needs a
    CrCl on record near the date that is not reduced. Where the reference gives no renal number, a reduced CrCl
    leaves the plan to be verified in ASRA.
    """
    reduced = crcl_reduced(safety, planned_on)
    crcl = crcl_words(safety, planned_on)
    impaired = renal.impaired_interval
    if impaired is None:
        if status is AdviceStatus.CONSISTENT and reduced is not False:
            status = AdviceStatus.CRCL_NOT_ON_RECORD if reduced is None else AdviceStatus.RENAL_VERIFY
        return status, f"{RENAL_DEPENDS}; {crcl}"
    applies = {
        True: f": the interval with renal impairment, {impaired.words()} (unconfirmed), applies",
        False: f": the {rule.interval.words()} interval applies",
    }.get(reduced, "")
    if status in (AdviceStatus.CONSISTENT, AdviceStatus.SHORTER_THAN_GUIDELINE) and reduced is not False:
        long_enough = hours_planned is not None and hours_planned >= impaired.min_hours
        if long_enough:
            status = AdviceStatus.CONSISTENT
        elif reduced:
            status = AdviceStatus.SHORTER_THAN_GUIDELINE
        elif status is AdviceStatus.CONSISTENT:
            status = AdviceStatus.CRCL_NOT_ON_RECORD
    return status, f"{crcl}{applies}"
