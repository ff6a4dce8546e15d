"""Criteria every payer profile carries as recommendations: they prevent the commonest denials.

They never block: a payer that does not list them will not deny for them, but reviewers read them
(reference §9.3 #8 and the sympathetic-block algorithm of §2.3).
"""

from __future__ import annotations

from ..rules import Criterion
from . import blocks as b
from . import predicates as p
from .decision import (
    ALTERNATIVES_DISCUSSED,
    ALTERNATIVES_TEXT,
    PATIENT_WISHES,
    RISKS_DISCUSSED,
    RISKS_TEXT,
    WISH_TEXT,
)
from .groups import BLOCKS, EVERY_REQUEST, NEW_STIMULATORS
from .sources import CRPS_ALGORITHM, NEUROMOD_PSYCH, PALMETTO_CHECKLIST, cite

RECOMMENDED = cite(PALMETTO_CHECKLIST, "Recommended for every payer (reference 9.3 #8)")


def recommended(topic: str, text: str, citation, applies, predicate, step: str, field: str = "") -> Criterion:
    """Return a recommended criterion shared by payer profiles."""
    return Criterion(f"common.{topic}", text, citation, applies, predicate, False, step, field)


DECISION = (
    recommended(
        "decision.risks_discussed",
        RISKS_TEXT,
        RECOMMENDED,
        EVERY_REQUEST,
        RISKS_DISCUSSED,
        "decision",
        "risks_benefits_discussed",
    ),
    recommended(
        "decision.alternatives_discussed",
        ALTERNATIVES_TEXT,
        RECOMMENDED,
        EVERY_REQUEST,
        ALTERNATIVES_DISCUSSED,
        "decision",
        "alternatives_discussed",
    ),
    recommended(
        "decision.patient_wish",
        WISH_TEXT,
        RECOMMENDED,
        EVERY_REQUEST,
        PATIENT_WISHES,
        "decision",
        "patient_wishes_to_proceed",
    ),
)
PSYCH_BEFORE_TRIAL = recommended(
    "psych.evaluation",
    "A psychological evaluation cleared the patient before the trial.",
    NEUROMOD_PSYCH,
    NEW_STIMULATORS,
    p.psych_cleared,
    "psych",
    "conclusion",
)
RELIEF_LENGTHENING = recommended(
    "blocks.relief_lengthening",
    "Each sympathetic block's relief lasted longer than the one before; otherwise blocks stop and a "
    "stimulator trial is considered.",
    CRPS_ALGORITHM,
    BLOCKS,
    b.relief_lengthening,
    "blocks",
)
