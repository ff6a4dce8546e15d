"""When an antithrombotic may restart: counted from lead removal after a trial, from the procedure otherwise."""

from __future__ import annotations

from .asra_table import NOT_GIVEN, TRIALS, HoldRule

TRIAL_RESTART_SOURCE = (
    "NACC 2017 bleeding consensus; ASRA neuraxial catheter-removal rules — SECONDARY, verify"
)


def restart_words(rule: HoldRule | None, procedure: object) -> str:
    """Return when the drug may restart, counted from lead removal for a trial, from the procedure otherwise.

    Trial leads stay in the epidural space for days and their removal is a neuraxial-catheter removal, so the
    restart counts from removal and a drug resumed during the trial meets its pre-procedure hold again before
    removal (updates U1 [NACC 2017; ASRA catheter-removal rules], SECONDARY).
    """
    if rule is None:
        return NOT_GIVEN
    if procedure in TRIALS:
        when = (
            f"{rule.restart} after the trial leads are removed"
            if rule.restart != NOT_GIVEN
            else "interval not given; counted from removal of the trial leads"
        )
        again = (
            f"; if resumed during the trial, its {rule.interval.words()} pre-procedure hold applies again "
            "before the leads are removed"
            if rule.interval is not None
            else "; if resumed during the trial, its pre-procedure guidance applies again before removal"
        )
        return f"{when} (not from placement){again} [{TRIAL_RESTART_SOURCE}]"
    if rule.restart == NOT_GIVEN:
        return NOT_GIVEN
    return f"{rule.restart} after the procedure"
