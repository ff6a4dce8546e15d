"""The letter's addressee and program for every payer and setting, the member id per payer, and the MBI."""

import dataclasses
import json

import pytest

from tests.conftest import EXAMPLES, TODAY, example_facts
from tests.criteria_builders import change
from wizard.case_files import CaseFileError, read_case_file
from wizard.core.assessment import assess
from wizard.core.choices import BluePlan, MacJurisdiction, Payer, PlaceOfService, Procedure
from wizard.core.validation import MBI_MESSAGE, is_valid_mbi, mbi_problem, problems
from wizard.letter.addressing import program_line, recipient_lines
from wizard.letter.build import build_letter

MEDICARE_CASE = "crps-scs-permanent-medicare"
AETNA_CASE = "fbss-scs-permanent-aetna"
MBI = "1EG4TE5MK73"
PRIOR_AUTHORIZATION = "Utilization Management / Prior Authorization"


def medicare(place: PlaceOfService, **paths):
    """Return the Medicare model case (permanent implant, MAC JF) at a place of service."""
    return change(example_facts(MEDICARE_CASE), **{"request.place_of_service": place, **paths})


def letter_for(facts, **kwargs):
    """Return the letter for facts judged against their own payer."""
    return build_letter(facts, assess(facts, today=TODAY).results, today=TODAY, **kwargs)


def everything(letter) -> str:
    """Return every string the letter holds."""

    def flatten(value):
        if isinstance(value, str):
            return [value]
        return [s for v in value for s in flatten(v)] if isinstance(value, tuple) else []

    return "\n".join(flatten(dataclasses.astuple(letter)))


# ---------------------------------------------------------------------------------------------------------
# The payer block: name and plan for every payer


@pytest.mark.parametrize(
    ("paths", "name"),
    [
        ({"request.payer": Payer.AETNA}, "Aetna"),
        ({"request.payer": Payer.UHC}, "UnitedHealthcare (commercial)"),
        ({"request.payer": Payer.ANTHEM}, "Anthem (Elevance) / Carelon"),
        ({"request.payer": Payer.HUMANA_MA}, "Humana Medicare Advantage"),
        ({"request.payer": Payer.EVICORE_CIGNA}, "Cigna / eviCore"),
        (
            {"request.payer": Payer.BCBSA, "request.blue_plan": BluePlan.HIGHMARK},
            "Highmark Blue Cross Blue Shield",
        ),
        ({"request.payer": Payer.BCBSA, "request.blue_plan": None}, "Blue Cross Blue Shield plan"),
        ({"request.payer": Payer.OTHER_COMMERCIAL, "request.payer_name": "Acme Health"}, "Acme Health"),
        ({"request.payer": Payer.MEDICARE}, "Medicare (traditional)"),
    ],
)
def test_recipient_names_the_payer_then_the_members_plan(paths, name):
    facts = change(example_facts(AETNA_CASE), **{"request.plan_name": "Gold Choice", **paths})
    lines = recipient_lines(facts)
    assert lines[:2] == (name, "Gold Choice")
    assert "BCBSA 7.01.25" not in " ".join(lines)


def test_recipient_leaves_out_a_plan_name_not_recorded():
    lines = recipient_lines(change(example_facts(AETNA_CASE), **{"request.plan_name": ""}))
    assert lines == ("Aetna", PRIOR_AUTHORIZATION)


@pytest.mark.parametrize(
    "place", [PlaceOfService.ASC, PlaceOfService.OFFICE, PlaceOfService.HOSPITAL_INPATIENT]
)
def test_medicare_outside_a_hospital_outpatient_department_is_documentation_for_the_record(place):
    facts = medicare(place)
    lines = recipient_lines(facts)
    assert lines == (
        "Medicare (traditional)",
        "Medicare Part B",
        "Noridian, Medicare Administrative Contractor (jurisdiction JF)",
        "Medical Review",
        "Documentation of medical necessity for the record",
    )
    letter = letter_for(facts)
    assert program_line(facts) == ""
    assert "Prior Authorization" not in everything(letter)
    assert "C-codes" not in everything(letter)


@pytest.mark.parametrize("procedure", [Procedure.SCS_PERMANENT, Procedure.SCS_TRIAL, Procedure.DRG_PERMANENT])
def test_medicare_in_a_hospital_outpatient_department_asks_prior_authorization_naming_utn_and_c_codes(
    procedure,
):
    facts = medicare(PlaceOfService.HOSPITAL_OUTPATIENT, **{"request.procedure": procedure})
    lines = recipient_lines(facts)
    assert PRIOR_AUTHORIZATION in lines
    assert "Prior Authorization Program for Hospital Outpatient Department Services" in lines
    letter = letter_for(facts)
    [program] = [line for line in letter.re_lines if line.startswith("Program:")]
    assert "hospital outpatient department" in program
    assert "unique tracking number (UTN)" in program and "C-codes" in program
    assert letter.opening[0].startswith("I am writing to request authorization of")


def test_medicare_mac_line_names_the_chosen_contractor_only():
    facts = medicare(PlaceOfService.ASC, **{"request.mac_jurisdiction": MacJurisdiction.JH})
    assert "Novitas, Medicare Administrative Contractor (jurisdiction JH)" in recipient_lines(facts)
    unchosen = medicare(PlaceOfService.ASC, **{"request.mac_jurisdiction": None})
    assert not any("Contractor" in line for line in recipient_lines(unchosen))


def test_a_medicare_block_in_an_outpatient_department_has_no_stimulator_program_line():
    facts = medicare(
        PlaceOfService.HOSPITAL_OUTPATIENT, **{"request.procedure": Procedure.LUMBAR_SYMPATHETIC_BLOCK}
    )
    assert program_line(facts) == ""


@pytest.mark.parametrize("payer", [Payer.AETNA, Payer.HUMANA_MA, Payer.UHC])
def test_other_payers_in_an_outpatient_department_have_no_medicare_program_or_contractor(payer):
    facts = medicare(PlaceOfService.HOSPITAL_OUTPATIENT, **{"request.payer": payer})
    assert program_line(facts) == ""
    assert not any("Contractor" in line or "record" in line for line in recipient_lines(facts))


# ---------------------------------------------------------------------------------------------------------
# The member id belongs to one payer


@pytest.mark.parametrize("other", [Payer.AETNA, Payer.HUMANA_MA, Payer.BCBSA, Payer.UHC])
def test_comparing_another_payer_never_carries_the_member_id_or_trial_authorization(other):
    facts = medicare(PlaceOfService.HOSPITAL_OUTPATIENT, **{"request.trial_authorization": "A1B2C3D4"})
    compared = assess(facts, today=TODAY, payer=other)
    assert compared.facts.patient.member_id == ""
    assert compared.facts.request.trial_authorization == ""
    letter = build_letter(compared.facts, compared.results, today=TODAY)
    text = everything(letter)
    assert MBI not in text and "A1B2C3D4" not in text
    assert not any(line.startswith("Member ID") for line in letter.re_lines)
    # The patient stays the same person.
    assert "Patient: Dana Whitfield" in letter.re_lines


def test_the_cases_own_payer_keeps_its_member_id():
    facts = example_facts(MEDICARE_CASE)
    for payer in (None, Payer.MEDICARE):
        assert assess(facts, today=TODAY, payer=payer).facts.patient.member_id == MBI
    assert f"Member ID: {MBI}" in letter_for(facts).re_lines


# ---------------------------------------------------------------------------------------------------------
# The Medicare Beneficiary Identifier (CMS MBI format: C A AN N A AN N A A N N)


@pytest.mark.parametrize("value", [MBI, "9AA0AA0AA00", "1A00A00AA99", "5Y97M35PQ12"])
def test_mbi_in_the_cms_format_is_valid(value):
    assert is_valid_mbi(value)
    assert mbi_problem(Payer.MEDICARE, value) is None


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("1EG4-TE5-MK73", "dashes are not part of it"),
        ("1eg4te5mk73", "lower case"),
        ("1EG4TE5MK7", "10 characters"),
        ("1EG4TE5MK731", "12 characters"),
        ("0EG4TE5MK73", "position 1 is 1-9"),
        ("11G4TE5MK73", "position 2 is a letter"),
        ("1EGATE5MK73", "position 4 is a digit"),
        ("1EG4115MK73", "position 5 is a letter"),
        ("1EG4TEAMK73", "position 7 is a digit"),
        ("1EG4TE5M173", "position 9 is a letter"),
        ("1EG4TE5MKA3", "position 10 is a digit"),
        ("1SG4TE5MK73", "S is never used"),
        ("1EL4TE5MK73", "L is never used"),
        ("1EG4OE5MK73", "O is never used"),
        ("1EG4TE5IK73", "I is never used"),
        ("1EG4TB5MK73", "B is never used"),
        ("1EG4TE5MZ73", "Z is never used"),
        ("123456789A", "a legacy HICN-like number"),
    ],
)
def test_mbi_outside_the_cms_format_is_refused_for_medicare(value, why):
    assert not is_valid_mbi(value), why
    assert mbi_problem(Payer.MEDICARE, value) == MBI_MESSAGE


@pytest.mark.parametrize("payer", [Payer.AETNA, Payer.HUMANA_MA, None])
def test_other_payers_member_ids_are_not_held_to_the_mbi_format(payer):
    assert mbi_problem(payer, "W284716395") is None


def test_an_empty_member_id_is_not_a_format_problem():
    assert mbi_problem(Payer.MEDICARE, "") is None


def test_case_problems_put_the_mbi_error_beside_the_member_id():
    facts = change(example_facts(MEDICARE_CASE), **{"patient.member_id": "1EG4-TE5-MK73"})
    assert ("patient.member_id", MBI_MESSAGE) in problems(facts, TODAY)
    assert not any(path == "patient.member_id" for path, _ in problems(example_facts(MEDICARE_CASE), TODAY))


def test_importing_a_medicare_case_with_a_malformed_mbi_is_refused():
    data = json.loads((EXAMPLES / f"{MEDICARE_CASE}.json").read_text())
    data["patient"]["member_id"] = "W284716395"
    with pytest.raises(CaseFileError) as refused:
        read_case_file(json.dumps(data).encode(), TODAY)
    assert any(
        message.startswith("patient.member_id: is not a Medicare Beneficiary Identifier")
        for message in refused.value.messages
    )
