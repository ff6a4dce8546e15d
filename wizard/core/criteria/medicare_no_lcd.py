"""Medicare where no LCD is active (CGS, NGS, Novitas, WPS, First Coast): NCD 160.7 plus the OPD
prior-authorization documentation list; CGS (J15) adds who may perform the psychological evaluation for
hospital outpatient prior authorization (reference 1.5, 6.1)."""

from __future__ import annotations

from ..choices import EvaluatorCredential, PlaceOfService
from ..facts import CaseFacts
from ..rules import Criterion
from . import predicates as p
from .decision import (
    ALTERNATIVES_DISCUSSED,
    ALTERNATIVES_TEXT,
    PATIENT_WISHES,
    RISKS_DISCUSSED,
    RISKS_TEXT,
    WISH_TEXT,
)
from .groups import NEW_STIMULATORS
from .medicare_rules import daily_living_impact
from .sources import CGS_PA, PALMETTO_CHECKLIST, cite

Cred = EvaluatorCredential

# CGS (J15), hospital outpatient prior authorization: psychiatrist, clinical psychologist or licensed medical
# social worker [CGS-PA]. A licensed clinical social worker is a licensed social worker and is accepted.
CGS_EVALUATORS = frozenset(
    {Cred.PSYCHIATRIST, Cred.PSYCHOLOGIST, Cred.MEDICAL_SOCIAL_WORKER, Cred.CLINICAL_SOCIAL_WORKER}
)
CGS_LIST = "CGS accepts a psychiatrist, clinical psychologist or licensed medical social worker"
CGS_SCOPE = "CGS's list binds hospital outpatient prior authorization only"


def cgs_list_binds(facts: CaseFacts) -> bool | None:
    """Return whether CGS's OPD evaluator list binds this request: hospital outpatient only."""
    place = facts.request.place_of_service
    if place is None:
        return None
    return place is PlaceOfService.HOSPITAL_OUTPATIENT


def recommended(criterion_id: str, text: str, citation, predicate, step: str, field: str) -> Criterion:
    """Return a recommended criterion for jurisdictions without an active LCD."""
    return Criterion(criterion_id, text, citation, NEW_STIMULATORS, predicate, False, step, field)


NO_LCD_CRITERIA = (
    Criterion(
        "medicare.opd_pa.daily_living",
        "The record says how the pain affects activities of daily living.",
        cite(CGS_PA, "Physician documentation"),
        NEW_STIMULATORS,
        daily_living_impact,
        step="baselines",
        field="adl_limits",
    ),
    recommended(
        "medicare.checklist.risks_discussed",
        RISKS_TEXT,
        cite(PALMETTO_CHECKLIST, "Recommended"),
        RISKS_DISCUSSED,
        "decision",
        "risks_benefits_discussed",
    ),
    recommended(
        "medicare.checklist.alternatives_discussed",
        ALTERNATIVES_TEXT,
        cite(PALMETTO_CHECKLIST, "Recommended"),
        ALTERNATIVES_DISCUSSED,
        "decision",
        "alternatives_discussed",
    ),
    recommended(
        "medicare.checklist.patient_wish",
        WISH_TEXT,
        cite(PALMETTO_CHECKLIST, "Recommended"),
        PATIENT_WISHES,
        "decision",
        "patient_wishes_to_proceed",
    ),
)
CGS_CRITERIA = (
    *NO_LCD_CRITERIA,
    Criterion(
        "medicare.cgs_pa.evaluator_qualified",
        "For hospital outpatient prior authorization, the psychological evaluation was done by a "
        "psychiatrist, a clinical psychologist or a licensed medical social worker.",
        cite(CGS_PA, "Psychological evaluation"),
        NEW_STIMULATORS,
        p.evaluator_qualified(CGS_EVALUATORS, CGS_LIST, binds=cgs_list_binds, scope=CGS_SCOPE),
        step="psych",
        field="evaluator_credential",
        reads=frozenset({"request"}),
    ),
)
