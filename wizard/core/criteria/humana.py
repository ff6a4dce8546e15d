"""Humana Medicare Advantage (HUM-0306-026): NCD 160.7 and the LCDs, and its vendor's DRG position."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from ..choices import Procedure, StimulatorKind
from ..facts import CaseFacts
from ..rules import Criterion, Finding, met, not_documented, not_met
from . import trial_outcome as t
from .groups import ALL_STIMULATORS, DRG, PERMANENT
from .medicare import L36204_CRITERIA, NCD_CRITERIA
from .sources import COHERE_SCS, HUMANA_MA, cite

TRIAL_RELIEF_PERCENT = Decimal(50)


def not_drg(facts: CaseFacts, today: date) -> Finding:
    """The request is for dorsal-column SCS of a documented type, not DRG stimulation."""
    if facts.request.procedure in DRG:
        return not_met("DRG stimulation requests do not meet Humana Medicare criteria and will pend or deny")
    if facts.request.procedure == Procedure.SCS_REPLACEMENT and facts.device.kind == StimulatorKind.DRG:
        return not_met(
            "replacing a dorsal root ganglion system is a DRG request: DRG stimulation does not meet Humana "
            "Medicare criteria and will pend or deny"
        )
    mode = facts.request.stimulation_mode
    if mode is None:
        return not_documented("stimulation waveform not recorded")
    return met(f"{mode.label.lower()} spinal cord stimulation")


LCD_CRITERIA = tuple(
    replace(c, id=c.id.replace("medicare.l36204", "humana.lcd"), citation=cite(HUMANA_MA, "Per LCD L36204"))
    for c in L36204_CRITERIA
)
CRITERIA = (
    *NCD_CRITERIA,
    *LCD_CRITERIA,
    Criterion(
        "humana.hum0306.trial_relief",
        f"A staged trial gave at least {TRIAL_RELIEF_PERCENT}% pain relief, or, as the LCDs it adopts "
        f"allow, at least {TRIAL_RELIEF_PERCENT}% less analgesic use (with functional improvement, judged "
        "on its own).",
        cite(HUMANA_MA, "Trial; NCD 160.7 and LCDs L35136/L36204/L37632 (reference 2.1, 1.3, 2.2)"),
        PERMANENT,
        t.trial_relief_or_analgesic_reduction(TRIAL_RELIEF_PERCENT),
        True,
        "trial",
        "pain_during_nrs",
    ),
    Criterion(
        "humana.cohere.not_drg",
        "The request is for spinal cord stimulation, not DRG stimulation, which "
        "Humana's reviewer pends or denies.",
        COHERE_SCS,
        ALL_STIMULATORS,
        not_drg,
        True,
        "request",
        "procedure",
        frozenset({"device"}),
    ),
)
