"""Claim lines and coding checks for every request type (reference 1.3, 1.4, 7)."""

import functools
import itertools
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import escape

from tests.test_citations import source_index_tags
from wizard.core.case_format import load_case
from wizard.core.choices import (
    Condition,
    DiabetesType,
    LeadType,
    Limb,
    MacJurisdiction,
    Payer,
    PlaceOfService,
    Procedure,
    RadiculopathyRegion,
    RevisionKind,
    Side,
    SpinalRegion,
)
from wizard.core.code_reference import CODE_REFERENCE, CODED, CODES
from wizard.core.coding import (
    MEDICARE_IMPLANT_PLACES,
    MEDICARE_MAX_CONTACTS,
    MEDICARE_MAX_LEADS,
    MEDICARE_MAX_TRIALS_PER_REGION,
    block_levels,
    code_request,
)
from wizard.core.coding_checks import article_checks
from wizard.core.facts import CaseFacts, Device, Diagnosis, Request

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "cases"

BASE = CaseFacts(
    request=Request(
        procedure=Procedure.SCS_PERMANENT,
        payer=Payer.AETNA,
        place_of_service=PlaceOfService.ASC,
        lead_type=LeadType.PERCUTANEOUS,
        lead_count=2,
        contacts_total=16,
        generator_rechargeable=True,
        spinal_region=SpinalRegion.THORACIC,
        prior_trials_in_region=1,
    ),
    diagnosis=Diagnosis(condition=Condition.CRPS_1, limb=Limb.LOWER, side=Side.RIGHT),
)

# Note sources, used to name the notes a case must carry.
LEAD_LINES = "CPT-ASSIST-2011; AAPC-NEURO; SHADOWEBIKE"
HUMANA_LEAD_LINES = "COHERE-SCS"
L8680_PER_CONTACT = "AAPC-L8680"
C_CODES = "IFRAME-L8686"
RECHARGER = "HCPCS-CODES-L8689"
FLUOROSCOPY = "MDSTRATEGIES; BECKERS"
BILATERAL_LINES = "BECKERS; AAPC-RAD; IFRAME-64520"
PALMETTO_LIFETIME = "MCD-A56876"
PADDLE_LIFETIME = "PRECERTLY; MCD-A56876"
OPD_PRIOR_AUTH = "NGS-PA; CGS-PA"
PROGRAMMING = "CPT-ASSIST-2011; CODINGAHEAD-95971"


def make_facts(diagnosis=None, device=None, **request):
    """Return the base case (Aetna permanent SCS, CRPS I right leg) with request fields changed."""
    return replace(
        BASE,
        request=replace(BASE.request, **request),
        diagnosis=diagnosis or BASE.diagnosis,
        device=device or BASE.device,
    )


def procedure_lines(coding):
    return [(line.code, line.units, line.modifiers) for line in coding.lines if line.system != "ICD-10-CM"]


def icd_codes(coding):
    return [line.code for line in coding.lines if line.system == "ICD-10-CM"]


def problems(coding):
    """Return the errors and warnings as (level, "step.field")."""
    return [(c.level, f"{c.step}.{c.field}") for c in coding.checks if c.level != "note"]


def notes(coding):
    return [c.source for c in coding.checks if c.level == "note"]


def example(name):
    return load_case(json.loads((EXAMPLES / f"{name}.json").read_text()))


# Trials: 63650 per lead, nothing else.


@pytest.mark.parametrize(
    ("overrides", "lines", "found", "noted"),
    [
        ({"lead_count": 2}, [("63650", 2, ())], [], [LEAD_LINES]),
        ({"lead_count": 1}, [("63650", 1, ())], [], []),
        ({"lead_count": 2, "lead_type": LeadType.PADDLE}, [("63650", 2, ())], [], [LEAD_LINES]),
        ({"lead_count": None}, [], [("error", "request.lead_count")], []),
        ({"lead_count": 0}, [], [("error", "request.lead_count")], []),
        ({"lead_count": 2, "generator_rechargeable": None}, [("63650", 2, ())], [], [LEAD_LINES]),
    ],
)
def test_scs_trial_codes_one_63650_unit_per_lead_and_no_generator(overrides, lines, found, noted):
    coding = code_request(make_facts(procedure=Procedure.SCS_TRIAL, **overrides))
    assert procedure_lines(coding) == lines
    assert problems(coding) == found
    assert notes(coding) == noted


@pytest.mark.parametrize(
    ("lead_count", "lines", "found"),
    [
        (2, [("63650", 2, ())], [("warning", "request.")]),
        (None, [], [("error", "request.lead_count"), ("warning", "request.")]),
    ],
)
def test_drg_trial_uses_63650_per_lead_and_warns_to_confirm_the_code_set(lead_count, lines, found):
    coding = code_request(make_facts(procedure=Procedure.DRG_TRIAL, lead_count=lead_count))
    assert procedure_lines(coding) == lines
    assert problems(coding) == found
    [drg] = [c for c in coding.checks if c.level == "warning"]
    assert "no CPT code of its own" in drg.message
    assert "Aetna" in drg.message


# Permanent implants: leads, one generator, L8680 per lead, supply code by arrays and charging.


@pytest.mark.parametrize(
    ("overrides", "lines", "found"),
    [
        (
            {"lead_count": 2, "generator_rechargeable": True},
            [("63650", 2, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8687", 1, ())],
            [],
        ),
        (
            {"lead_count": 2, "generator_rechargeable": False},
            [("63650", 2, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8688", 1, ())],
            [],
        ),
        (
            {"lead_count": 1, "generator_rechargeable": True},
            [("63650", 1, ()), ("63685", 1, ()), ("L8680", 1, ()), ("L8685", 1, ())],
            [],
        ),
        (
            {"lead_count": 1, "generator_rechargeable": False},
            [("63650", 1, ()), ("63685", 1, ()), ("L8680", 1, ()), ("L8686", 1, ())],
            [],
        ),
        (
            {"lead_count": 4, "contacts_total": 32, "generator_rechargeable": False},
            [("63650", 4, ()), ("63685", 1, ()), ("L8680", 4, ()), ("L8688", 1, ())],
            [],
        ),
        (
            {"lead_type": LeadType.PADDLE, "lead_count": 1},
            [("63655", 1, ()), ("63685", 1, ()), ("L8680", 1, ()), ("L8685", 1, ())],
            [],
        ),
        (
            {"lead_type": LeadType.PADDLE, "lead_count": 2, "generator_rechargeable": False},
            [("63655", 1, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8688", 1, ())],
            [],
        ),
        (
            {"generator_rechargeable": None},
            [("63650", 2, ()), ("63685", 1, ()), ("L8680", 2, ())],
            [("error", "request.generator_rechargeable")],
        ),
        ({"lead_count": None}, [("63685", 1, ())], [("error", "request.lead_count")]),
        (
            {"lead_type": LeadType.PADDLE, "lead_count": None},
            [("63655", 1, ()), ("63685", 1, ())],
            [("error", "request.lead_count")],
        ),
        (
            {"lead_type": None},
            [("63685", 1, ()), ("L8680", 2, ()), ("L8687", 1, ())],
            [("error", "request.lead_type")],
        ),
    ],
)
def test_scs_permanent_lines(overrides, lines, found):
    coding = code_request(make_facts(procedure=Procedure.SCS_PERMANENT, **overrides))
    assert procedure_lines(coding) == lines
    assert problems(coding) == found


def test_permanent_notes_that_l8680_may_be_counted_per_contact_with_the_numbers():
    coding = code_request(make_facts(lead_count=2, contacts_total=16))
    [l8680] = [c for c in coding.checks if c.source == L8680_PER_CONTACT]
    assert l8680.level == "note"
    assert "2 units" in l8680.message
    assert "16 units" in l8680.message


@pytest.mark.parametrize(
    ("overrides", "lines"),
    [
        ({}, [("63650", 2, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8687", 1, ())]),
        ({"lead_type": None}, [("63650", 2, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8687", 1, ())]),
        (
            {"lead_type": LeadType.PADDLE, "generator_rechargeable": False},
            [("63655", 1, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8688", 1, ())],
        ),
    ],
)
def test_drg_permanent_codes_like_scs_defaulting_to_percutaneous_leads_and_warns(overrides, lines):
    coding = code_request(make_facts(procedure=Procedure.DRG_PERMANENT, **overrides))
    assert procedure_lines(coding) == lines
    assert problems(coding) == [("warning", "request.")]


# Replacement and revision.


@pytest.mark.parametrize(
    ("overrides", "device", "lines", "found", "noted"),
    [
        (
            {"revision_kind": RevisionKind.GENERATOR_REPLACEMENT},
            None,
            [("63685", 1, ()), ("L8687", 1, ())],
            [],
            [PROGRAMMING, RECHARGER],
        ),
        (
            {
                "revision_kind": RevisionKind.GENERATOR_REPLACEMENT,
                "lead_count": 1,
                "generator_rechargeable": None,
            },
            Device(rechargeable=False),
            [("63685", 1, ()), ("L8686", 1, ())],
            [],
            [PROGRAMMING],
        ),
        (
            {"revision_kind": RevisionKind.GENERATOR_REPLACEMENT, "generator_rechargeable": None},
            Device(rechargeable=True),
            [("63685", 1, ()), ("L8687", 1, ())],
            [],
            [PROGRAMMING, RECHARGER],
        ),
        (
            {"revision_kind": RevisionKind.GENERATOR_REPLACEMENT, "generator_rechargeable": False},
            Device(rechargeable=True),
            [("63685", 1, ()), ("L8688", 1, ())],
            [],
            [PROGRAMMING],
        ),
        (
            {"revision_kind": RevisionKind.GENERATOR_REPLACEMENT, "generator_rechargeable": None},
            None,
            [("63685", 1, ())],
            [("error", "request.generator_rechargeable")],
            [PROGRAMMING, RECHARGER],
        ),
        (
            {"revision_kind": RevisionKind.GENERATOR_REPLACEMENT, "lead_count": None},
            None,
            [("63685", 1, ())],
            [("error", "request.lead_count")],
            [PROGRAMMING, RECHARGER],
        ),
        ({"revision_kind": RevisionKind.GENERATOR_REVISION}, None, [("63688", 1, ())], [], [RECHARGER]),
        (
            {"revision_kind": RevisionKind.PERCUTANEOUS_LEAD_REVISION, "generator_rechargeable": False},
            None,
            [("63663", 1, ())],
            [],
            [],
        ),
        ({"revision_kind": RevisionKind.PADDLE_LEAD_REVISION}, None, [("63664", 1, ())], [], [RECHARGER]),
        ({"revision_kind": None}, None, [], [("error", "request.revision_kind")], []),
    ],
)
def test_replacement_and_revision_lines(overrides, device, lines, found, noted):
    coding = code_request(make_facts(procedure=Procedure.SCS_REPLACEMENT, device=device, **overrides))
    assert procedure_lines(coding) == lines
    assert problems(coding) == found
    assert notes(coding) == noted


def test_recharger_l8689_is_never_a_line():
    for kind in RevisionKind:
        coding = code_request(make_facts(procedure=Procedure.SCS_REPLACEMENT, revision_kind=kind))
        assert "L8689" not in [line.code for line in coding.lines]


# Sympathetic blocks.


@pytest.mark.parametrize(
    ("procedure", "side", "levels", "lines", "found", "noted"),
    [
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.RIGHT,
            "L2, L3",
            [("64520", 2, ("RT",))],
            [],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.LEFT,
            "L2, L3, L4",
            [("64520", 3, ("LT",))],
            [],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.BILATERAL,
            "L3",
            [("64520", 1, ("50",))],
            [],
            [BILATERAL_LINES, FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.RIGHT,
            "L2, l2",
            [("64520", 1, ("RT",))],
            [],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.RIGHT,
            "L2 and L3",
            [("64520", 2, ("RT",))],
            [],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.RIGHT,
            "L2, L3, C7",
            [("64520", 2, ("RT",))],
            [("warning", "request.block_levels")],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.RIGHT,
            "",
            [],
            [("error", "request.block_levels")],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.RIGHT,
            "L2-L4",
            [],
            [("error", "request.block_levels")],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            None,
            "L2",
            [("64520", 1, ())],
            [("error", "request.block_side"), ("warning", "diagnosis.side")],
            [FLUOROSCOPY],
        ),
        (
            Procedure.LUMBAR_SYMPATHETIC_BLOCK,
            Side.UNSPECIFIED,
            "L2",
            [("64520", 1, ())],
            [("error", "request.block_side"), ("warning", "diagnosis.side")],
            [FLUOROSCOPY],
        ),
        (Procedure.STELLATE_GANGLION_BLOCK, Side.RIGHT, "", [("64510", 1, ("RT",))], [], [FLUOROSCOPY]),
        (Procedure.STELLATE_GANGLION_BLOCK, Side.LEFT, "C6, C7", [("64510", 1, ("LT",))], [], [FLUOROSCOPY]),
        (
            Procedure.STELLATE_GANGLION_BLOCK,
            Side.BILATERAL,
            "",
            [("64510", 1, ("50",))],
            [],
            [BILATERAL_LINES, FLUOROSCOPY],
        ),
        (
            Procedure.STELLATE_GANGLION_BLOCK,
            None,
            "",
            [("64510", 1, ())],
            [("error", "request.block_side"), ("warning", "diagnosis.side")],
            [FLUOROSCOPY],
        ),
    ],
)
def test_block_lines(procedure, side, levels, lines, found, noted):
    # Diagnosis on the same side as the block, so only the block itself is checked here.
    diagnosis = replace(BASE.diagnosis, side=side)
    coding = code_request(make_facts(diagnosis, procedure=procedure, block_side=side, block_levels=levels))
    assert procedure_lines(coding) == lines
    assert problems(coding) == found
    assert notes(coding) == noted


def test_fluoroscopy_note_is_marked_unconfirmed():
    facts = make_facts(procedure=Procedure.LUMBAR_SYMPATHETIC_BLOCK, block_side=Side.RIGHT, block_levels="L2")
    [fluoroscopy] = [c for c in code_request(facts).checks if c.source == FLUOROSCOPY]
    assert "77003" in fluoroscopy.message
    assert fluoroscopy.message.startswith("UNCONFIRMED")
    assert "77003" not in [line.code for line in code_request(facts).lines]


@pytest.mark.parametrize(
    ("block_side", "dx_side", "found"),
    [
        (Side.LEFT, Side.RIGHT, [("warning", "request.block_side")]),
        (Side.BILATERAL, Side.RIGHT, [("warning", "request.block_side")]),
        (Side.RIGHT, Side.BILATERAL, []),
        (Side.RIGHT, Side.RIGHT, []),
    ],
)
def test_block_side_must_agree_with_diagnosis_side(block_side, dx_side, found):
    diagnosis = replace(BASE.diagnosis, side=dx_side)
    facts = make_facts(
        diagnosis, procedure=Procedure.LUMBAR_SYMPATHETIC_BLOCK, block_side=block_side, block_levels="L2"
    )
    assert problems(code_request(facts)) == found


@pytest.mark.parametrize(
    ("text", "levels", "unread"),
    [
        ("L2, L3", ["L2", "L3"], []),
        ("l2;L3 L4", ["L2", "L3", "L4"], []),
        ("T12, L1", ["T12", "L1"], []),
        ("L2, L2", ["L2"], []),
        ("L2-L4", [], ["L2-L4"]),
        ("L2, S1", ["L2"], ["S1"]),
        ("", [], []),
    ],
)
def test_block_levels_reads_each_thoracic_or_lumbar_level_once(text, levels, unread):
    assert block_levels(text) == (levels, unread)


# Medicare utilisation limits (reference 1.3, 1.4).


def test_medicare_limits_are_the_lcd_numbers():
    assert (MEDICARE_MAX_LEADS, MEDICARE_MAX_CONTACTS, MEDICARE_MAX_TRIALS_PER_REGION) == (2, 16, 2)
    assert {PlaceOfService.ASC, PlaceOfService.HOSPITAL_OUTPATIENT, PlaceOfService.HOSPITAL_INPATIENT} == (
        MEDICARE_IMPLANT_PLACES
    )


@pytest.mark.parametrize(
    ("overrides", "found"),
    [
        ({"lead_count": 3}, [("error", "request.lead_count")]),
        ({"lead_count": 2, "contacts_total": 17}, [("error", "request.contacts_total")]),
        (
            {"lead_count": 3, "contacts_total": 24},
            [("error", "request.lead_count"), ("error", "request.contacts_total")],
        ),
        ({"lead_count": 2, "contacts_total": 16}, []),
        ({"prior_trials_in_region": 2}, [("error", "request.prior_trials_in_region")]),
        ({"prior_trials_in_region": 1}, []),
        ({"prior_trials_in_region": None}, []),
        (
            {
                "prior_trials_in_region": 2,
                "repeat_trial_reason": "Lead migrated on day 1 of the second trial",
            },
            [("warning", "request.repeat_trial_reason")],
        ),
        (
            {"prior_trials_in_region": 2, "repeat_trial_reason": "  "},
            [("error", "request.prior_trials_in_region")],
        ),
        ({"place_of_service": PlaceOfService.OFFICE}, []),
        (
            {"procedure": Procedure.DRG_TRIAL, "lead_count": 3},
            [("error", "request.lead_count"), ("warning", "request.")],
        ),
        ({"payer": Payer.HUMANA_MA, "lead_count": 3}, [("error", "request.lead_count")]),
        (
            {"payer": Payer.HUMANA_MA, "prior_trials_in_region": 2},
            [("error", "request.prior_trials_in_region")],
        ),
        ({"payer": Payer.AETNA, "lead_count": 3, "contacts_total": 24, "prior_trials_in_region": 2}, []),
        ({"payer": Payer.BCBSA, "lead_count": 4}, []),
    ],
)
def test_medicare_trial_limits(overrides, found):
    request = {
        "procedure": Procedure.SCS_TRIAL,
        "payer": Payer.MEDICARE,
        "mac_jurisdiction": MacJurisdiction.JF,
    }
    coding = code_request(make_facts(**{**request, **overrides}))
    assert problems(coding) == found


def test_medicare_limit_messages_carry_the_numbers():
    coding = code_request(
        make_facts(
            procedure=Procedure.SCS_TRIAL, payer=Payer.MEDICARE, lead_count=3, prior_trials_in_region=2
        )
    )
    leads, trials = (c.message for c in coding.checks if c.level == "error")
    assert "at most 2 leads" in leads
    assert "has 3" in leads
    assert "2 trials per spinal region" in trials
    assert "thoracic" in trials


@pytest.mark.parametrize(
    ("overrides", "found"),
    [
        ({"place_of_service": PlaceOfService.OFFICE}, [("error", "request.place_of_service")]),
        ({"place_of_service": PlaceOfService.ASC}, []),
        ({"place_of_service": PlaceOfService.HOSPITAL_OUTPATIENT}, []),
        ({"place_of_service": PlaceOfService.HOSPITAL_INPATIENT}, []),
        ({"place_of_service": None}, [("warning", "request.place_of_service")]),
        ({"prior_trials_in_region": 3}, []),
        (
            {"lead_count": 3, "contacts_total": 24},
            [("error", "request.lead_count"), ("error", "request.contacts_total")],
        ),
        (
            {"procedure": Procedure.DRG_PERMANENT, "place_of_service": PlaceOfService.OFFICE},
            [("error", "request.place_of_service"), ("warning", "request.")],
        ),
        (
            {
                "procedure": Procedure.SCS_REPLACEMENT,
                "revision_kind": RevisionKind.GENERATOR_REPLACEMENT,
                "place_of_service": PlaceOfService.OFFICE,
            },
            [("error", "request.place_of_service")],
        ),
        (
            {
                "procedure": Procedure.SCS_REPLACEMENT,
                "revision_kind": RevisionKind.GENERATOR_REVISION,
                "place_of_service": PlaceOfService.OFFICE,
            },
            [],
        ),
        (
            {"payer": Payer.HUMANA_MA, "place_of_service": PlaceOfService.OFFICE},
            [("error", "request.place_of_service")],
        ),
        ({"payer": Payer.AETNA, "place_of_service": PlaceOfService.OFFICE}, []),
    ],
)
def test_medicare_permanent_generator_only_in_asc_or_hospital(overrides, found):
    request = {
        "procedure": Procedure.SCS_PERMANENT,
        "payer": Payer.MEDICARE,
        "mac_jurisdiction": MacJurisdiction.JF,
    }
    coding = code_request(make_facts(**{**request, **overrides}))
    assert problems(coding) == found


@pytest.mark.parametrize(
    ("overrides", "noted"),
    [
        ({}, [LEAD_LINES, L8680_PER_CONTACT, C_CODES, PROGRAMMING]),
        ({"payer": Payer.HUMANA_MA}, [HUMANA_LEAD_LINES, L8680_PER_CONTACT, C_CODES, PROGRAMMING]),
        ({"payer": Payer.AETNA}, [LEAD_LINES, L8680_PER_CONTACT, PROGRAMMING]),
        (
            {"mac_jurisdiction": MacJurisdiction.JJ},
            [LEAD_LINES, L8680_PER_CONTACT, C_CODES, PROGRAMMING, PALMETTO_LIFETIME],
        ),
        (
            {"mac_jurisdiction": MacJurisdiction.JM},
            [LEAD_LINES, L8680_PER_CONTACT, C_CODES, PROGRAMMING, PALMETTO_LIFETIME],
        ),
        (
            {"place_of_service": PlaceOfService.HOSPITAL_OUTPATIENT},
            [LEAD_LINES, L8680_PER_CONTACT, C_CODES, PROGRAMMING, OPD_PRIOR_AUTH],
        ),
        (
            {"payer": Payer.HUMANA_MA, "place_of_service": PlaceOfService.HOSPITAL_OUTPATIENT},
            [HUMANA_LEAD_LINES, L8680_PER_CONTACT, C_CODES, PROGRAMMING],
        ),
        ({"lead_type": LeadType.PADDLE}, [L8680_PER_CONTACT, C_CODES, PROGRAMMING, PADDLE_LIFETIME]),
        ({"procedure": Procedure.SCS_TRIAL}, [LEAD_LINES]),
        (
            {"procedure": Procedure.SCS_TRIAL, "mac_jurisdiction": MacJurisdiction.JJ},
            [LEAD_LINES, PALMETTO_LIFETIME],
        ),
    ],
)
def test_medicare_notes(overrides, noted):
    request = {"payer": Payer.MEDICARE, "mac_jurisdiction": MacJurisdiction.JF}
    coding = code_request(make_facts(**{**request, **overrides}))
    assert notes(coding) == noted


def test_palmetto_lifetime_note_counts_this_claims_63650_units():
    coding = code_request(
        make_facts(procedure=Procedure.SCS_TRIAL, payer=Payer.MEDICARE, mac_jurisdiction=MacJurisdiction.JJ)
    )
    [palmetto] = [c for c in coding.checks if c.source == PALMETTO_LIFETIME]
    assert "4 units per lifetime" in palmetto.message
    assert "bills 2" in palmetto.message


@pytest.mark.parametrize(
    ("mac", "place", "found"),
    [
        (MacJurisdiction.JJ, PlaceOfService.OFFICE, [("error", "request.place_of_service")]),
        (MacJurisdiction.JM, PlaceOfService.OFFICE, [("error", "request.place_of_service")]),
        (MacJurisdiction.JJ, PlaceOfService.ASC, []),
        (MacJurisdiction.JF, PlaceOfService.OFFICE, []),
    ],
)
def test_palmetto_does_not_pay_percutaneous_lead_revision_in_the_office(mac, place, found):
    facts = make_facts(
        procedure=Procedure.SCS_REPLACEMENT,
        revision_kind=RevisionKind.PERCUTANEOUS_LEAD_REVISION,
        payer=Payer.MEDICARE,
        mac_jurisdiction=mac,
        place_of_service=place,
    )
    assert problems(code_request(facts)) == found


# Diagnosis lines and their checks.


@pytest.mark.parametrize(
    ("diagnosis", "codes", "found"),
    [
        (Diagnosis(condition=Condition.CRPS_1, limb=Limb.LOWER, side=Side.RIGHT), ["G90.521"], []),
        (Diagnosis(condition=Condition.CRPS_2, limb=Limb.UPPER, side=Side.LEFT), ["G56.42"], []),
        (
            Diagnosis(condition=Condition.CRPS_1, limb=Limb.LOWER),
            ["G90.529"],
            [("warning", "diagnosis.side")],
        ),
        (
            Diagnosis(condition=Condition.CRPS_1, limb=Limb.UPPER, side=Side.UNSPECIFIED),
            ["G90.519"],
            [("warning", "diagnosis.side")],
        ),
        (Diagnosis(condition=Condition.CRPS_2, limb=Limb.LOWER), ["G57.70"], [("warning", "diagnosis.side")]),
        (Diagnosis(condition=Condition.CRPS_1, side=Side.RIGHT), ["G90.50"], [("warning", "diagnosis.limb")]),
        (Diagnosis(condition=Condition.CRPS_2, side=Side.RIGHT), [], [("error", "diagnosis.limb")]),
        (Diagnosis(), [], [("error", "diagnosis.condition")]),
        (Diagnosis(condition=Condition.DIABETIC_NEUROPATHY), [], [("error", "diagnosis.diabetes_type")]),
        (
            Diagnosis(condition=Condition.DIABETIC_NEUROPATHY, diabetes_type=DiabetesType.TYPE_2),
            ["E11.42"],
            [],
        ),
        (
            Diagnosis(condition=Condition.OTHER_NEUROPATHIC, other_icd10="pain"),
            [],
            [("error", "diagnosis.other_icd10")],
        ),
        (
            Diagnosis(condition=Condition.FBSS, radiculopathy_region=RadiculopathyRegion.LUMBOSACRAL),
            ["M96.1", "M54.17"],
            [],
        ),
        (Diagnosis(condition=Condition.FBSS), ["M96.1"], [("warning", "diagnosis.radiculopathy_region")]),
        (Diagnosis(condition=Condition.FBSS, radicular_pain=False), ["M96.1"], []),
    ],
)
def test_diagnosis_lines(diagnosis, codes, found):
    coding = code_request(make_facts(diagnosis))
    assert icd_codes(coding) == codes
    assert problems(coding) == found
    assert all(line.units is None and line.modifiers == () for line in coding.lines if line.code in codes)


def test_icd_lines_carry_the_icd10_descriptor():
    coding = code_request(make_facts())
    assert coding.lines[-1].description == "Complex regional pain syndrome I of right lower limb"


# Whole requests: order, model cases, robustness.


def test_lines_are_cpt_then_hcpcs_then_icd10_and_checks_errors_first():
    diagnosis = Diagnosis(condition=Condition.FBSS)
    coding = code_request(
        make_facts(diagnosis, payer=Payer.MEDICARE, generator_rechargeable=None, lead_count=3)
    )
    assert [line.system for line in coding.lines] == ["CPT", "CPT", "HCPCS", "ICD-10-CM"]
    levels = [c.level for c in coding.checks]
    assert levels == sorted(levels, key=["error", "warning", "note"].index)
    assert levels[:3] == ["error", "error", "warning"]


def test_missing_procedure_is_an_error_and_codes_only_the_diagnosis():
    coding = code_request(CaseFacts())
    assert coding.lines == ()
    assert problems(coding) == [("error", "request.procedure"), ("error", "diagnosis.condition")]


def test_every_procedure_line_has_a_description():
    for procedure in Procedure:
        for line in code_request(
            make_facts(procedure=procedure, block_side=Side.LEFT, block_levels="L3")
        ).lines:
            assert line.description


@pytest.mark.parametrize(
    ("name", "lines", "codes", "found"),
    [
        (
            "crps-scs-permanent-medicare",
            [("63650", 2, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8687", 1, ())],
            ["G90.521"],
            [],
        ),
        (
            "fbss-scs-permanent-aetna",
            [("63650", 2, ()), ("63685", 1, ()), ("L8680", 2, ()), ("L8688", 1, ())],
            ["M96.1", "M54.17"],
            [],
        ),
        ("crps2-drg-trial-bcbsa", [("63650", 2, ())], ["G57.72"], [("warning", "request.")]),
        ("crps-lumbar-sympathetic-block-aetna", [("64520", 2, ("RT",))], ["G90.521"], []),
    ],
)
def test_model_cases_code_as_expected(name, lines, codes, found):
    coding = code_request(example(name))
    assert procedure_lines(coding) == lines
    assert icd_codes(coding) == codes
    assert problems(coding) == found


def test_drg_model_case_warning_names_the_payer():
    [drg] = [c for c in code_request(example("crps2-drg-trial-bcbsa")).checks if c.level == "warning"]
    assert "Highmark Blue Cross Blue Shield" in drg.message


def odd_requests(procedure):
    """Yield requests for a procedure with every stimulator or block fact missing, odd or set."""
    for kind, lead_type, leads, charging, payer in itertools.product(
        [None, *RevisionKind], [None, *LeadType], [None, 0, 1, 2, 5], [None, True, False], [None, *Payer]
    ):
        yield Request(
            procedure=procedure,
            revision_kind=kind,
            lead_type=lead_type,
            lead_count=leads,
            generator_rechargeable=charging,
            payer=payer,
            mac_jurisdiction=MacJurisdiction.JJ,
            place_of_service=PlaceOfService.OFFICE,
            prior_trials_in_region=5,
        )
    for side, levels in itertools.product([None, *Side], ["", "L2", "x, -, L9", ",,"]):
        yield Request(procedure=procedure, block_side=side, block_levels=levels)


@pytest.mark.parametrize("procedure", [None, *Procedure])
def test_code_request_never_raises_on_missing_or_odd_facts(procedure):
    diagnoses = [Diagnosis(), *(Diagnosis(condition=condition) for condition in Condition)]
    for request, diagnosis in zip(odd_requests(procedure), itertools.cycle(diagnoses), strict=False):
        coding = code_request(CaseFacts(request=request, diagnosis=diagnosis))
        assert all(line.units is None or line.units > 0 for line in coding.lines)
        assert all(c.level in ("error", "warning", "note") and c.message and c.source for c in coding.checks)


# Seed 004's code family and the code reference page.


@functools.cache
def emitted_codes():
    """Return every procedure or device code the coder emits over odd and ordinary requests."""
    codes = set()
    for procedure in [None, *Procedure]:
        for request in odd_requests(procedure):
            codes |= {
                line.code
                for line in code_request(CaseFacts(request=request)).lines
                if line.system != "ICD-10-CM"
            }
    return codes


def test_every_code_the_coder_emits_is_in_the_code_reference_as_coded():
    assert emitted_codes() == CODED


def test_the_code_reference_names_seed_004s_codes():
    seed_004 = {
        "63661",
        "63663",
        "63664",
        "63688",
        "95970",
        "95971",
        "95972",
        "0784T",
        "0785T",
        "0786T",
        "0787T",
    }
    assert seed_004 <= set(CODES)


@pytest.mark.parametrize("code", sorted(set(CODES) - CODED))
def test_a_code_not_coded_says_what_fact_it_needs_and_is_never_a_line(code):
    assert CODES[code].needs
    assert code not in emitted_codes()


def test_lines_carry_the_code_references_descriptor():
    for procedure in Procedure:
        facts = make_facts(
            procedure=procedure,
            block_side=Side.LEFT,
            block_levels="L3",
            revision_kind=RevisionKind.GENERATOR_REPLACEMENT,
        )
        for line in code_request(facts).lines:
            if line.system != "ICD-10-CM":
                assert line.description == CODES[line.code].description


def test_code_reference_sources_are_in_the_reference_index():
    tags = source_index_tags() | {"CODINGAHEAD-*", "IFRAME-*"}
    for entry in CODE_REFERENCE:
        for tag in entry.source.split("; "):
            assert tag in tags or re.match(r"IFRAME-|CODINGAHEAD-|OPENPAYER-", tag), (entry.code, tag)


@pytest.mark.parametrize(
    ("overrides", "noted"),
    [
        ({}, True),
        ({"procedure": Procedure.DRG_PERMANENT}, True),
        ({"lead_type": LeadType.PADDLE}, True),
        ({"procedure": Procedure.SCS_REPLACEMENT, "revision_kind": RevisionKind.GENERATOR_REPLACEMENT}, True),
        ({"procedure": Procedure.SCS_REPLACEMENT, "revision_kind": RevisionKind.GENERATOR_REVISION}, False),
        (
            {
                "procedure": Procedure.SCS_REPLACEMENT,
                "revision_kind": RevisionKind.PERCUTANEOUS_LEAD_REVISION,
            },
            False,
        ),
        ({"procedure": Procedure.SCS_REPLACEMENT, "revision_kind": RevisionKind.PADDLE_LEAD_REVISION}, False),
        ({"procedure": Procedure.SCS_TRIAL}, False),
        ({"procedure": Procedure.DRG_TRIAL}, False),
        (
            {"procedure": Procedure.LUMBAR_SYMPATHETIC_BLOCK, "block_side": Side.RIGHT, "block_levels": "L2"},
            False,
        ),
    ],
)
def test_programming_at_implant_is_a_note_with_every_63685_and_never_a_line(overrides, noted):
    coding = code_request(make_facts(**overrides))
    codes = [line.code for line in coding.lines]
    assert ("63685" in codes) is noted
    assert (PROGRAMMING in notes(coding)) is noted
    assert not {"95970", "95971", "95972"} & set(codes)
    if noted:
        [programming] = [c for c in coding.checks if c.source == PROGRAMMING]
        assert "95972" in programming.message and "UNCONFIRMED" in programming.message


@pytest.mark.parametrize(
    ("code", "mac", "place", "found"),
    [
        ("63661", MacJurisdiction.JJ, PlaceOfService.OFFICE, True),
        ("63661", MacJurisdiction.JM, PlaceOfService.OFFICE, True),
        ("63661", MacJurisdiction.JJ, PlaceOfService.ASC, False),
        ("63661", MacJurisdiction.JF, PlaceOfService.OFFICE, False),
        ("63663", MacJurisdiction.JJ, PlaceOfService.OFFICE, True),
        ("63664", MacJurisdiction.JJ, PlaceOfService.OFFICE, False),
        ("63688", MacJurisdiction.JJ, PlaceOfService.OFFICE, False),
    ],
)
def test_palmetto_office_rule_covers_63661_and_63663(code, mac, place, found):
    facts = make_facts(payer=Payer.MEDICARE, mac_jurisdiction=mac, place_of_service=place)
    errors = [c for c in article_checks(facts, {code: 1}) if c.level == "error"]
    assert bool(errors) is found
    assert all(code in c.message for c in errors)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (RevisionKind.GENERATOR_REVISION, "63688"),
        (RevisionKind.PERCUTANEOUS_LEAD_REVISION, "63663"),
        (RevisionKind.PADDLE_LEAD_REVISION, "63664"),
    ],
)
def test_revision_codes_are_one_unit_without_modifiers_and_only_for_their_kind(kind, code):
    for other in [None, *RevisionKind]:
        for procedure in Procedure:
            facts = make_facts(
                procedure=procedure, revision_kind=other, block_side=Side.LEFT, block_levels="L3"
            )
            lines = [line for line in code_request(facts).lines if line.code == code]
            if other == kind and procedure == Procedure.SCS_REPLACEMENT:
                assert [(line.units, line.modifiers) for line in lines] == [(1, ())]
            else:
                assert not lines


@pytest.mark.django_db
def test_code_reference_page_needs_sign_in(client):
    response = client.get("/codes/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_code_reference_page_refuses_a_user_without_a_clinic(client, db):
    user = get_user_model().objects.create_user(username="loner", password="x")
    client.force_login(user)
    assert client.get("/codes/").status_code == 403


@pytest.mark.parametrize("member", ["clinician_client", "staff_client", "manager_client"])
def test_code_reference_page_shows_every_code_to_any_member(member, request):
    page = request.getfixturevalue(member).get(reverse("code_reference"))
    assert page.status_code == 200
    html = page.content.decode()
    for code in emitted_codes() | set(CODES):
        assert f'id="code-{code}"' in html, code
    for entry in CODE_REFERENCE:
        assert escape(entry.description) in html
        assert all(escape(check) in html for check in entry.checks)
        if not entry.coded:
            assert escape(f"Not coded: needs {entry.needs}") in html
    assert "G90.521" in html and "M96.1" in html
    assert 'href="/codes/"' in html


def test_code_reference_page_lists_every_diagnosis_code_the_coder_emits(clinician_client):
    html = clinician_client.get("/codes/").content.decode()
    for condition, limb, side, region, diabetes in itertools.product(
        Condition, [None, *Limb], [None, *Side], [None, *RadiculopathyRegion], [None, *DiabetesType]
    ):
        diagnosis = Diagnosis(
            condition=condition, limb=limb, side=side, radiculopathy_region=region, diabetes_type=diabetes
        )
        for line in code_request(CaseFacts(diagnosis=diagnosis)).lines:
            assert f'<th scope="row">{line.code}</th>' in html, line.code
