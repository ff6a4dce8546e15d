"""The case file: round trips, clear errors, and a schema that matches the dataclasses and the docs."""

import json
from datetime import date
from decimal import Decimal

import jsonschema
import pytest

from tests.conftest import EXAMPLE_NAMES, ROOT, example_data, example_facts
from wizard.core.case_format import CaseFormatError, dump_case, load_case
from wizard.core.case_schema import case_json_schema
from wizard.core.facts import CaseFacts, Patient

SCHEMA_FILE = ROOT / "docs" / "case.schema.json"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_model_case_round_trips_unchanged(name):
    data = example_data(name)
    assert dump_case(load_case(data)) == data


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_model_case_validates_against_the_schema(name):
    jsonschema.validate(example_data(name), case_json_schema())


def test_schema_file_in_docs_is_the_generated_schema():
    generated = json.dumps(case_json_schema(), indent=2, ensure_ascii=False) + "\n"
    assert SCHEMA_FILE.read_text() == generated, "run: python manage.py case_schema > docs/case.schema.json"


def test_empty_case_is_valid_and_means_nothing_documented():
    assert load_case({"format": "pain-lmn-case", "version": 1}) == CaseFacts()


def test_decimals_keep_their_written_value():
    facts = load_case(
        {"format": "pain-lmn-case", "version": 1, "safety": {"inr": 1.1}, "baselines": {"mme_per_day": 22.5}}
    )
    assert facts.safety.inr == Decimal("1.1")
    assert dump_case(facts)["baselines"]["mme_per_day"] == 22.5


@pytest.mark.parametrize(
    ("patch", "path", "message"),
    [
        ({"format": "other"}, "format", 'must be "pain-lmn-case"'),
        ({"version": 2}, "version", "must be 1"),
        ({"patient": {"nmae": "x"}}, "patient.nmae", "is not a field"),
        ({"patient": {"born_on": "18/04/1960"}}, "patient.born_on", "YYYY-MM-DD"),
        ({"patient": {"sex": "f"}}, "patient.sex", "'f' is not one of"),
        ({"diagnosis": {"pain_nrs": 11}}, "diagnosis.pain_nrs", "outside 0-10"),
        ({"diagnosis": {"pain_nrs": "8"}}, "diagnosis.pain_nrs", "whole number"),
        ({"diagnosis": {"pain_nrs": True}}, "diagnosis.pain_nrs", "whole number"),
        ({"diagnosis": {"symptoms": "sensory_allodynia"}}, "diagnosis.symptoms", "must be a list"),
        (
            {"therapy": {"medications": [{"drug": "x"}, {"drugg": "y"}]}},
            "therapy.medications[1].drugg",
            "not a field",
        ),
        ({"safety": {"inr": "1.1"}}, "safety.inr", "must be a number"),
        ({"psych": {"realistic_expectations": "yes"}}, "psych.realistic_expectations", "true or false"),
        ({"patient": {"name": "x" * 201}}, "patient.name", "limit is 200"),
        ({"request": "scs"}, "request", "must be an object"),
    ],
)
def test_invalid_case_file_names_the_offending_value(patch, path, message):
    data = {"format": "pain-lmn-case", "version": 1, **patch}
    with pytest.raises(CaseFormatError) as raised:
        load_case(data)
    assert raised.value.path == path
    assert message in str(raised.value)


def test_not_an_object_is_rejected():
    with pytest.raises(CaseFormatError, match="JSON object"):
        load_case([1, 2])


def test_null_means_not_documented():
    facts = load_case({"format": "pain-lmn-case", "version": 1, "patient": {"name": None, "born_on": None}})
    assert facts.patient == Patient()


def test_dump_leaves_out_what_is_not_documented():
    facts = CaseFacts(patient=Patient(name="A B", born_on=date(1970, 1, 2)))
    assert dump_case(facts) == {
        "format": "pain-lmn-case",
        "version": 1,
        "patient": {"name": "A B", "born_on": "1970-01-02"},
    }


def test_every_example_has_the_facts_its_request_needs():
    facts = example_facts("crps-lumbar-sympathetic-block-aetna")
    assert facts.request.block_levels == "L2, L3"
    assert len(facts.blocks.blocks) == 3
