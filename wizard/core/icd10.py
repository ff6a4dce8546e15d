"""ICD-10-CM codes from diagnosis, limb and side (reference 3.4 and 7.3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .choices import Condition, DiabetesType, Limb, RadiculopathyRegion, Side
from .facts import Diagnosis

ICD10_PATTERN = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")

SIDE_WORDS = {
    Side.RIGHT: "right",
    Side.LEFT: "left",
    Side.BILATERAL: "bilateral",
    Side.UNSPECIFIED: "unspecified",
}

# [ICD-FHIR-G90]: CRPS I, fifth/sixth character by limb then side.
CRPS1_CODES = {
    (Limb.UPPER, Side.RIGHT): "G90.511",
    (Limb.UPPER, Side.LEFT): "G90.512",
    (Limb.UPPER, Side.BILATERAL): "G90.513",
    (Limb.UPPER, Side.UNSPECIFIED): "G90.519",
    (Limb.LOWER, Side.RIGHT): "G90.521",
    (Limb.LOWER, Side.LEFT): "G90.522",
    (Limb.LOWER, Side.BILATERAL): "G90.523",
    (Limb.LOWER, Side.UNSPECIFIED): "G90.529",
}
# [ICD-FHIR-G56G57]: CRPS II is causalgia, G56.4- upper and G57.7- lower limb.
CRPS2_CODES = {
    (Limb.UPPER, Side.UNSPECIFIED): "G56.40",
    (Limb.UPPER, Side.RIGHT): "G56.41",
    (Limb.UPPER, Side.LEFT): "G56.42",
    (Limb.UPPER, Side.BILATERAL): "G56.43",
    (Limb.LOWER, Side.UNSPECIFIED): "G57.70",
    (Limb.LOWER, Side.RIGHT): "G57.71",
    (Limb.LOWER, Side.LEFT): "G57.72",
    (Limb.LOWER, Side.BILATERAL): "G57.73",
}
RADICULOPATHY_CODES = {
    RadiculopathyRegion.LUMBAR: ("M54.16", "Radiculopathy, lumbar region"),
    RadiculopathyRegion.LUMBOSACRAL: ("M54.17", "Radiculopathy, lumbosacral region"),
}
DIABETIC_POLYNEUROPATHY = {
    DiabetesType.TYPE_1: ("E10.42", "Type 1 diabetes mellitus with diabetic polyneuropathy"),
    DiabetesType.TYPE_2: ("E11.42", "Type 2 diabetes mellitus with diabetic polyneuropathy"),
}


@dataclass(frozen=True)
class Icd10Code:
    code: str
    description: str


def crps1_description(limb: Limb, side: Side) -> str:
    """Describe a CRPS I code in ICD-10-CM words."""
    return f"Complex regional pain syndrome I of {SIDE_WORDS[side]} {limb.label.lower()}"


def causalgia_description(limb: Limb, side: Side) -> str:
    """Describe a causalgia (CRPS II) code in ICD-10-CM words."""
    plural = "s" if side == Side.BILATERAL else ""
    return f"Causalgia of {SIDE_WORDS[side]} {limb.label.lower()}{plural}"


def crps_codes(dx: Diagnosis) -> list[Icd10Code]:
    """Return the CRPS code for the limb and side, or the unspecified CRPS I code without a limb."""
    side = dx.side or Side.UNSPECIFIED
    if dx.condition == Condition.CRPS_1:
        if dx.limb is None:
            return [Icd10Code("G90.50", "Complex regional pain syndrome I, unspecified")]
        return [Icd10Code(CRPS1_CODES[(dx.limb, side)], crps1_description(dx.limb, side))]
    if dx.limb is None:
        return []
    return [Icd10Code(CRPS2_CODES[(dx.limb, side)], causalgia_description(dx.limb, side))]


def diagnosis_codes(dx: Diagnosis) -> list[Icd10Code]:
    """Return the ICD-10-CM codes the documented diagnosis supports, primary first."""
    if dx.condition in (Condition.CRPS_1, Condition.CRPS_2):
        return crps_codes(dx)
    if dx.condition == Condition.FBSS:
        codes = [Icd10Code("M96.1", "Postlaminectomy syndrome, not elsewhere classified")]
        if dx.radiculopathy_region is not None:
            codes.append(Icd10Code(*RADICULOPATHY_CODES[dx.radiculopathy_region]))
        return codes
    if dx.condition == Condition.DIABETIC_NEUROPATHY and dx.diabetes_type is not None:
        return [Icd10Code(*DIABETIC_POLYNEUROPATHY[dx.diabetes_type])]
    if dx.condition == Condition.OTHER_NEUROPATHIC and is_icd10_code(dx.other_icd10):
        return [Icd10Code(dx.other_icd10.upper(), dx.other_description or "As documented")]
    return []


def is_icd10_code(value: str) -> bool:
    """Return whether a string has the shape of an ICD-10-CM code, e.g. G89.29."""
    return bool(ICD10_PATTERN.match((value or "").strip().upper()))
