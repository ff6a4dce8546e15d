"""The wizard's steps in order, and which of them a request needs."""

from __future__ import annotations

from .choices import Procedure

STEPS = (
    "request",
    "patient",
    "diagnosis",
    "therapy",
    "baselines",
    "psych",
    "safety",
    "trial",
    "device",
    "blocks",
    "decision",
    "review",
)

STEP_TITLES = {
    "request": "Request",
    "patient": "Patient",
    "diagnosis": "Diagnosis",
    "therapy": "Therapy history",
    "baselines": "Function and pain",
    "psych": "Psychological evaluation",
    "safety": "Safety",
    "trial": "Trial outcome",
    "device": "Device history",
    "blocks": "Serial blocks",
    "decision": "Shared decision",
    "review": "Review",
}

STIMULATOR_PROCEDURES = frozenset(
    {
        Procedure.SCS_TRIAL,
        Procedure.SCS_PERMANENT,
        Procedure.SCS_REPLACEMENT,
        Procedure.DRG_TRIAL,
        Procedure.DRG_PERMANENT,
    }
)
PERMANENT_PROCEDURES = frozenset({Procedure.SCS_PERMANENT, Procedure.DRG_PERMANENT})
TRIAL_PROCEDURES = frozenset({Procedure.SCS_TRIAL, Procedure.DRG_TRIAL})
NEW_LEAD_PROCEDURES = TRIAL_PROCEDURES | PERMANENT_PROCEDURES
BLOCK_PROCEDURES = frozenset({Procedure.LUMBAR_SYMPATHETIC_BLOCK, Procedure.STELLATE_GANGLION_BLOCK})


def step_applies(step: str, procedure: Procedure | None, has_existing_stimulator: bool | None) -> bool:
    """Return whether a step is asked for this request; with no procedure yet, only shared steps."""
    if step == "psych":
        return procedure is None or procedure in STIMULATOR_PROCEDURES
    if step == "trial":
        return procedure in PERMANENT_PROCEDURES
    if step == "device":
        return procedure == Procedure.SCS_REPLACEMENT or (
            procedure in STIMULATOR_PROCEDURES and bool(has_existing_stimulator)
        )
    if step == "blocks":
        return procedure in BLOCK_PROCEDURES
    return step in STEPS


def applicable_steps(procedure: Procedure | None, has_existing_stimulator: bool | None) -> list[str]:
    """Return the steps of this request in wizard order."""
    return [s for s in STEPS if step_applies(s, procedure, has_existing_stimulator)]
