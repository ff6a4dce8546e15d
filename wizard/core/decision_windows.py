"""How long each payer takes to decide a standard request, and the expedite line when the date is that close.

Since 2026-01-01 Medicare Advantage, Medicaid/CHIP and exchange plans decide a standard request within
7 calendar days and an expedited one within 72 hours (CMS-0057-F; 89 FR 8758; updates U4). For every
other payer we know no rule, so we plan with our own default and say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .choices import Payer, PlaceOfService
from .display import format_date
from .facts import CaseFacts

RULE_SOURCE = "CMS-0057-F (89 FR 8758)"
# Payers under CMS-0057-F among ours: Medicare Advantage (Medicaid and exchange plans are not profiles yet).
RULE_PAYERS = frozenset({Payer.HUMANA_MA})
RULE_STANDARD_DAYS = 7
RULE_EXPEDITED_HOURS = 72
# Our planning default for a payer with no decision-time rule we know of; not a payer's published figure.
DEFAULT_STANDARD_DAYS = 15


@dataclass(frozen=True)
class DecisionWindow:
    """A payer's standard decision time in calendar days; `source` is empty when it is our default."""

    days: int
    expedited_hours: int | None = None
    source: str = ""

    @property
    def is_default(self) -> bool:
        """Return True when no rule sets this window and it is our planning default."""
        return not self.source


def decision_window(facts: CaseFacts, default_days: int = DEFAULT_STANDARD_DAYS) -> DecisionWindow | None:
    """Return the payer's standard decision window; None when no decision is asked (or no payer)."""
    request = facts.request
    if request.payer is None:
        return None
    if request.payer == Payer.MEDICARE and request.place_of_service != PlaceOfService.HOSPITAL_OUTPATIENT:
        # Fee-for-service gives no prior authorization outside a hospital outpatient department (U3).
        return None
    if request.payer in RULE_PAYERS:
        return DecisionWindow(RULE_STANDARD_DAYS, RULE_EXPEDITED_HOURS, RULE_SOURCE)
    return DecisionWindow(default_days)


def expedite_line(
    facts: CaseFacts, today: date, *, payer_name: str = "", default_days: int = DEFAULT_STANDARD_DAYS
) -> str:
    """Return the expedite request when the date of service falls within the decision window; else ""."""
    window = decision_window(facts, default_days)
    planned = facts.request.planned_on
    if window is None or planned is None:
        return ""
    days_away = (planned - today).days
    if not 0 <= days_away <= window.days:
        return ""
    payer = payer_name or facts.request.payer_name or facts.request.payer.label
    within = (
        f"within a {window.days}-day standard decision time, the time we allow for {payer}"
        if window.is_default
        else f"within {payer}'s {window.days}-day standard decision time"
    )
    return f"Expedited review requested: the procedure is scheduled for {format_date(planned)}, {within}."
