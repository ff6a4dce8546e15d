"""ICD-10-CM codes from diagnosis, limb and side (reference 3.4, 7.3)."""

import pytest

from wizard.core.choices import Condition, DiabetesType, Limb, RadiculopathyRegion, Side
from wizard.core.facts import Diagnosis
from wizard.core.icd10 import diagnosis_codes, is_icd10_code


@pytest.mark.parametrize(
    ("condition", "limb", "side", "code"),
    [
        (Condition.CRPS_1, Limb.LOWER, Side.RIGHT, "G90.521"),
        (Condition.CRPS_1, Limb.LOWER, Side.LEFT, "G90.522"),
        (Condition.CRPS_1, Limb.LOWER, Side.BILATERAL, "G90.523"),
        (Condition.CRPS_1, Limb.LOWER, Side.UNSPECIFIED, "G90.529"),
        (Condition.CRPS_1, Limb.UPPER, Side.RIGHT, "G90.511"),
        (Condition.CRPS_1, Limb.UPPER, Side.LEFT, "G90.512"),
        (Condition.CRPS_1, Limb.UPPER, Side.BILATERAL, "G90.513"),
        (Condition.CRPS_1, Limb.UPPER, None, "G90.519"),
        (Condition.CRPS_1, None, Side.RIGHT, "G90.50"),
        (Condition.CRPS_2, Limb.LOWER, Side.LEFT, "G57.72"),
        (Condition.CRPS_2, Limb.LOWER, Side.RIGHT, "G57.71"),
        (Condition.CRPS_2, Limb.LOWER, Side.BILATERAL, "G57.73"),
        (Condition.CRPS_2, Limb.LOWER, Side.UNSPECIFIED, "G57.70"),
        (Condition.CRPS_2, Limb.UPPER, Side.RIGHT, "G56.41"),
        (Condition.CRPS_2, Limb.UPPER, Side.LEFT, "G56.42"),
        (Condition.CRPS_2, Limb.UPPER, Side.BILATERAL, "G56.43"),
        (Condition.CRPS_2, Limb.UPPER, Side.UNSPECIFIED, "G56.40"),
    ],
)
def test_crps_code_follows_type_limb_and_side(condition, limb, side, code):
    codes = diagnosis_codes(Diagnosis(condition=condition, limb=limb, side=side))
    assert [c.code for c in codes] == [code]


def test_crps_descriptions_use_icd_words():
    [code] = diagnosis_codes(Diagnosis(condition=Condition.CRPS_2, limb=Limb.LOWER, side=Side.BILATERAL))
    assert code.description == "Causalgia of bilateral lower limbs"
    [code] = diagnosis_codes(Diagnosis(condition=Condition.CRPS_1, limb=Limb.LOWER, side=Side.RIGHT))
    assert code.description == "Complex regional pain syndrome I of right lower limb"


def test_crps_2_without_limb_has_no_code():
    assert diagnosis_codes(Diagnosis(condition=Condition.CRPS_2)) == []


def test_fbss_adds_the_radiculopathy_code():
    codes = diagnosis_codes(
        Diagnosis(condition=Condition.FBSS, radiculopathy_region=RadiculopathyRegion.LUMBOSACRAL)
    )
    assert [c.code for c in codes] == ["M96.1", "M54.17"]
    assert [c.code for c in diagnosis_codes(Diagnosis(condition=Condition.FBSS))] == ["M96.1"]


@pytest.mark.parametrize(("kind", "code"), [(DiabetesType.TYPE_1, "E10.42"), (DiabetesType.TYPE_2, "E11.42")])
def test_diabetic_neuropathy_code_by_type(kind, code):
    codes = diagnosis_codes(Diagnosis(condition=Condition.DIABETIC_NEUROPATHY, diabetes_type=kind))
    assert [c.code for c in codes] == [code]


def test_other_neuropathic_pain_uses_the_typed_code_only_when_well_formed():
    good = Diagnosis(
        condition=Condition.OTHER_NEUROPATHIC, other_icd10="g89.29", other_description="Chronic pain"
    )
    assert [(c.code, c.description) for c in diagnosis_codes(good)] == [("G89.29", "Chronic pain")]
    assert diagnosis_codes(Diagnosis(condition=Condition.OTHER_NEUROPATHIC, other_icd10="89.29")) == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("G90.521", True),
        ("M96.1", True),
        ("E11.42", True),
        ("G89", True),
        ("U07.1", False),
        ("G9", False),
        ("G90.52112", False),
        ("", False),
    ],
)
def test_is_icd10_code(value, ok):
    assert is_icd10_code(value) is ok
