"""Checks on the ICD-10-CM lines: a missing code, a code without limb or laterality, FBSS without radiculopathy.

Source tags in brackets point into the domain reference (sections 3.4, 7.3 and 9.3).
"""

from __future__ import annotations

from collections.abc import Sequence

from .choices import Condition, Side
from .coding_checks import CodingCheck, error, warning
from .facts import Diagnosis
from .icd10 import Icd10Code

# Reference 9.3 #3 [NYDFS-137927; VERITY-AETNA]: an unspecific diagnosis or missing laterality invites denial.
SPECIFICITY_SOURCE = "NYDFS-137927; VERITY-AETNA"
ICD10_SOURCE = "ICD-FHIR-G90; ICD-FHIR-G56G57; ICD-MULTI"
CRPS_CONDITIONS = frozenset({Condition.CRPS_1, Condition.CRPS_2})


def diagnosis_checks(dx: Diagnosis, codes: Sequence[Icd10Code]) -> list[CodingCheck]:
    """Return checks on the ICD-10-CM codes: a missing code, missing laterality or radiculopathy."""
    if not codes:
        return [missing_diagnosis_check(dx)]
    found = []
    if dx.condition in CRPS_CONDITIONS and dx.limb is None:
        found.append(
            warning(
                f"{codes[0].code} does not say which limb has CRPS: record the limb so the code is specific.",
                SPECIFICITY_SOURCE,
                "limb",
                step="diagnosis",
            )
        )
    elif dx.condition in CRPS_CONDITIONS and dx.side in (None, Side.UNSPECIFIED):
        found.append(
            warning(
                f"{codes[0].code} has no laterality because the side is not documented; an unspecified side "
                "invites denial, so record the affected side.",
                SPECIFICITY_SOURCE,
                "side",
                step="diagnosis",
            )
        )
    if dx.condition == Condition.FBSS and dx.radiculopathy_region is None and dx.radicular_pain is not False:
        found.append(
            warning(
                "M96.1 is coded without the radiculopathy that makes the case (M54.16 lumbar or M54.17 "
                "lumbosacral): record the radiculopathy region.",
                "ICD-MULTI",
                "radiculopathy_region",
                step="diagnosis",
            )
        )
    return found


def missing_diagnosis_check(dx: Diagnosis) -> CodingCheck:
    """Return the error for a diagnosis that yields no ICD-10-CM code, on the field that would supply it."""
    if dx.condition == Condition.CRPS_2:
        field, why = "limb", "CRPS II (causalgia) has no code without the limb"
    elif dx.condition == Condition.DIABETIC_NEUROPATHY:
        field, why = "diabetes_type", "diabetic neuropathy has no code without the diabetes type"
    elif dx.condition == Condition.OTHER_NEUROPATHIC:
        field, why = (
            "other_icd10",
            "the ICD-10-CM code typed for other neuropathic pain is missing or malformed",
        )
    else:
        field, why = "condition", "no diagnosis is documented"
    return error(
        f"No ICD-10-CM code: {why}, and a claim without one is rejected.", ICD10_SOURCE, field, "diagnosis"
    )
