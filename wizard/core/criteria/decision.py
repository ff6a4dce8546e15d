"""Shared decision-making: risks and benefits, alternatives, the patient's wish (reference §1.6)."""

from __future__ import annotations

from . import predicates as p

RISKS_DISCUSSED = p.answered(
    lambda f: f.decision.risks_benefits_discussed,
    "specific risks and benefits discussed",
    "risks and benefits not discussed",
    "discussion of risks and benefits not documented",
)
ALTERNATIVES_DISCUSSED = p.answered(
    lambda f: f.decision.alternatives_discussed,
    "alternatives and non-surgical options discussed",
    "alternatives not discussed",
    "discussion of alternatives not documented",
)
PATIENT_WISHES = p.answered(
    lambda f: f.decision.patient_wishes_to_proceed,
    "the patient states they wish to proceed",
    "the patient does not wish to proceed",
    "the patient's wish not documented",
)
RISKS_TEXT = "The specific risks and benefits were discussed with the patient."
ALTERNATIVES_TEXT = "Alternatives and non-surgical options were discussed with the patient."
WISH_TEXT = "The patient clearly states the wish to proceed."
