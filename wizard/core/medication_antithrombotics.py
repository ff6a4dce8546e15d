"""Antithrombotic drugs found in the therapy medication rows (NSAIDs, SSRIs/SNRIs, listed supplements): which
are still taken around the procedure date, so the advisory carries them beside the documented plans."""

from __future__ import annotations

from datetime import date, timedelta

from .asra_table import BleedingRisk, HoldRule, hold_rule, medication_drug
from .facts import CaseFacts
from .rows import Medication

# Medication rows whose class has no interval in our reference: shown when stopped within this many days of
# the procedure. Our display window, not a guideline value (the longest interval in ref 5.3 is 10 days).
UNKNOWN_INTERVAL_LOOKBACK_DAYS = 14


def still_taken(row: Medication, rule: HoldRule | None, planned_on: object) -> bool:
    """Return True when a medication row is taken around the procedure date.

    No stop date: taken. Stopped: taken when it stopped later than the procedure date minus the drug's longest
    hold interval (or UNKNOWN_INTERVAL_LOOKBACK_DAYS where our reference gives none). Without a procedure date
    only rows with no stop date count. A row started after the procedure date is not taken at it.
    """
    if not isinstance(planned_on, date):
        return row.stopped_on is None
    if isinstance(row.started_on, date) and row.started_on > planned_on:
        return False
    if not isinstance(row.stopped_on, date):
        return True
    lookback = (
        timedelta(hours=rule.interval.max_hours)
        if rule is not None and rule.interval is not None
        else timedelta(days=UNKNOWN_INTERVAL_LOOKBACK_DAYS)
    )
    return row.stopped_on > planned_on - lookback


def antithrombotic_medications(facts: CaseFacts, listed: set) -> list[tuple[Medication, object]]:
    """Return (row, drug) for each medication row with an ASRA drug still taken and not already listed."""
    planned_on = getattr(getattr(facts, "request", None), "planned_on", None)
    rows = getattr(getattr(facts, "therapy", None), "medications", None) or ()
    found = []
    for row in rows:
        if not isinstance(row, Medication):
            continue
        drug = medication_drug(row.drug, row.drug_class)
        if drug is None or drug in listed:
            continue
        # The longest interval of the drug across risk classes decides whether it is still taken.
        if still_taken(row, hold_rule(drug, BleedingRisk.HIGH), planned_on):
            found.append((row, drug))
    return found
