"""Medicare LCD tables: L36204 (Noridian JF), its copy for L35136 (Noridian JE, text not retrieved), and
L37632 with A56876 (Palmetto JJ, JM).

Palmetto's checklist list (reference 1.6) applies to JJ and JM only, with A56876's primary 63655 setting
limit and the LCDs' functional improvement (2.2).
"""

from __future__ import annotations

from dataclasses import replace

from ..choices import EvaluatorCredential
from ..coding import (
    MEDICARE_MAX_CONTACTS,
    MEDICARE_MAX_LEADS,
    MEDICARE_MAX_TRIALS_PER_REGION,
)
from ..rules import Criterion
from . import predicates as p
from . import trial_outcome as t
from .decision import (
    ALTERNATIVES_DISCUSSED,
    ALTERNATIVES_TEXT,
    PATIENT_WISHES,
    RISKS_DISCUSSED,
    RISKS_TEXT,
    WISH_TEXT,
)
from .groups import NEW_STIMULATORS, PERMANENT, REPLACEMENT
from .medicare_rules import implant_setting, lead_limits, paddle_implant_setting, trial_limit
from .sources import A56876, L35136, L36204, PALMETTO_CHECKLIST, SECONDARY, cite

Cred = EvaluatorCredential
# Who may perform the psychological evaluation, per MAC where the reference lists it (reference 1.5, 6.1);
# CGS's list is in medicare_no_lcd.
# Palmetto (JJ, JM): psychiatrist, psychologist, clinical social worker, or another non-physician
# practitioner under physician supervision [PALMETTO-CHECKLIST].
PALMETTO_EVALUATORS = frozenset(
    {Cred.PSYCHIATRIST, Cred.PSYCHOLOGIST, Cred.CLINICAL_SOCIAL_WORKER, Cred.OTHER_SUPERVISED}
)
PALMETTO_LIST = (
    "Palmetto accepts a psychiatrist, psychologist, clinical social worker, or another non-physician "
    "practitioner under physician supervision (if supervised, record that)"
)


def jurisdiction_copy(criteria: tuple[Criterion, ...], name: str, source) -> tuple[Criterion, ...]:
    """Return criteria re-cited to another LCD whose text was not retrieved: same checks, verify only."""
    return tuple(
        replace(
            c, id=c.id.replace("l36204", name), citation=cite(source, c.citation.section, source.confidence)
        )
        for c in criteria
    )


def l36204(topic, text, section, applies, predicate, step, field="", required=True) -> Criterion:
    """Return an LCD L36204 criterion."""
    return Criterion(
        f"medicare.l36204.{topic}", text, cite(L36204, section), applies, predicate, required, step, field
    )


L36204_CRITERIA = (
    l36204(
        "no_active_substance_abuse",
        "The patient has no active substance abuse issues.",
        "Patient selection for a trial",
        NEW_STIMULATORS,
        p.no_substance_use_disorder(treated_counts_as_active=True),
        "psych",
        "substance_use",
    ),
    l36204(
        "risks_discussed",
        "The patient was educated about the procedure and its specific risks and benefits were discussed and disclosed.",
        "Patient selection for a trial",
        NEW_STIMULATORS,
        RISKS_DISCUSSED,
        "decision",
        "risks_benefits_discussed",
    ),
    l36204(
        "lead_limit",
        f"The request stays within {MEDICARE_MAX_LEADS} leads or {MEDICARE_MAX_CONTACTS} contacts.",
        "Limitations",
        NEW_STIMULATORS,
        lead_limits,
        "request",
        "lead_count",
    ),
    l36204(
        "trial_limit",
        f"No more than {MEDICARE_MAX_TRIALS_PER_REGION} trials in this spinal region in the patient's lifetime, "
        "and a repeat trial has a stated cause.",
        "Limitations",
        NEW_STIMULATORS,
        trial_limit,
        "request",
        "prior_trials_in_region",
    ),
    l36204(
        "functional_improvement",
        "The trial showed some element of functional improvement.",
        "Criteria for permanent implantation",
        PERMANENT,
        t.functional_improvement,
        "trial",
        "functional_gains",
    ),
    l36204(
        "implant_setting",
        "The permanent system is implanted in an ambulatory surgery center or a hospital.",
        "Place of service",
        PERMANENT | REPLACEMENT,
        implant_setting,
        "request",
        "place_of_service",
    ),
    l36204(
        "alternatives_discussed",
        ALTERNATIVES_TEXT,
        "Palmetto checklist wording; recommended",
        NEW_STIMULATORS,
        ALTERNATIVES_DISCUSSED,
        "decision",
        "alternatives_discussed",
        required=False,
    ),
)
L35136_CRITERIA = jurisdiction_copy(L36204_CRITERIA, "l35136", L35136)


def palmetto(topic, text, source, section, applies, predicate, step, field, confidence=None) -> Criterion:
    """Return a Palmetto (L37632, A56876 and checklist) criterion."""
    citation = cite(source, section, confidence)
    return Criterion(f"medicare.l37632.{topic}", text, citation, applies, predicate, True, step, field)


L37632_CRITERIA = (
    palmetto(
        "lead_limit",
        L36204_CRITERIA[2].text,
        A56876,
        "Utilization limits",
        NEW_STIMULATORS,
        lead_limits,
        "request",
        "lead_count",
    ),
    palmetto(
        "trial_limit",
        L36204_CRITERIA[3].text,
        A56876,
        "Utilization limits",
        NEW_STIMULATORS,
        trial_limit,
        "request",
        "prior_trials_in_region",
    ),
    palmetto(
        "risks_discussed",
        RISKS_TEXT,
        PALMETTO_CHECKLIST,
        "Documentation",
        NEW_STIMULATORS,
        RISKS_DISCUSSED,
        "decision",
        "risks_benefits_discussed",
    ),
    palmetto(
        "alternatives_discussed",
        ALTERNATIVES_TEXT,
        PALMETTO_CHECKLIST,
        "Documentation",
        NEW_STIMULATORS,
        ALTERNATIVES_DISCUSSED,
        "decision",
        "alternatives_discussed",
    ),
    palmetto(
        "patient_wish",
        WISH_TEXT,
        PALMETTO_CHECKLIST,
        "Documentation",
        NEW_STIMULATORS,
        PATIENT_WISHES,
        "decision",
        "patient_wishes_to_proceed",
    ),
    palmetto(
        "implant_setting",
        L36204_CRITERIA[5].text,
        A56876,
        "63655: ASC or hospital only; verify for 63650",
        PERMANENT | REPLACEMENT,
        implant_setting,
        "request",
        "place_of_service",
        SECONDARY,
    ),
    palmetto(
        "paddle_setting",
        "A permanent paddle-lead implant (63655) is done in an ambulatory surgery center or a hospital.",
        A56876,
        "63655: ASC, outpatient hospital or hospital only",
        PERMANENT,
        paddle_implant_setting,
        "request",
        "lead_type",
    ),
    palmetto(
        "functional_improvement",
        "The trial showed some element of functional improvement.",
        PALMETTO_CHECKLIST,
        "Medicare LCDs require some element of functional improvement (reference 2.2)",
        PERMANENT,
        t.functional_improvement,
        "trial",
        "functional_gains",
    ),
    palmetto(
        "evaluator_qualified",
        "The psychological evaluation was done by a psychiatrist, psychologist, clinical social worker, or "
        "another non-physician practitioner under physician supervision.",
        PALMETTO_CHECKLIST,
        "Evaluation by a qualified professional",
        NEW_STIMULATORS,
        p.evaluator_qualified(PALMETTO_EVALUATORS, PALMETTO_LIST),
        "psych",
        "evaluator_credential",
    ),
)
