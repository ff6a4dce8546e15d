"""The case file: round trips, clear errors, and a schema that matches the dataclasses and the docs."""

import json
from datetime import date
from decimal import Decimal

import jsonschema
import pytest

from tests.conftest import EXAMPLE_NAMES, ROOT, example_data, example_facts
from wizard.core import case_format, case_json
from wizard.core.case_format import CaseFormatError, dump_case, load_case
from wizard.core.case_json import parse_case_text
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
        ({"version": 4}, "version", "must be 1, 2 or 3"),
        ({"patient": {"nmae": "x"}}, "patient.nmae", "is not a field"),
        ({"patient": {"born_on": "18/04/1960"}}, "patient.born_on", "YYYY-MM-DD"),
        (
            {"patient": {"sex": "f"}},
            "patient.sex",
            "expected one of: female, male, other, unknown; got text 'f'",
        ),
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
        "version": 3,
        "patient": {"name": "A B", "born_on": "1970-01-02"},
    }


def test_every_example_has_the_facts_its_request_needs():
    facts = example_facts("crps-lumbar-sympathetic-block-aetna")
    assert facts.request.block_levels == "L2, L3"
    assert len(facts.blocks.blocks) == 3


@pytest.mark.parametrize(
    ("patch", "path", "message"),
    [
        (
            {"therapy": {"medications": [{}, {}, {"drug_class": ["nsaid"]}]}},
            "therapy.medications[2].drug_class",
            "got a list",
        ),
        (
            {"patient": {"sex": {"value": "female"}}},
            "patient.sex",
            "expected one of: female, male, other, unknown; got an object",
        ),
        ({"patient": {"name": ["Dana"]}}, "patient.name", "must be text; got a list"),
        ({"patient": {"born_on": 19600418}}, "patient.born_on", "YYYY-MM-DD; got 19600418"),
        (
            {"patient": {"born_on": "2026-02-30"}},
            "patient.born_on",
            "'2026-02-30' is not a date in the calendar",
        ),
        ({"patient": {"born_on": "1960-4-18"}}, "patient.born_on", "YYYY-MM-DD; got text '1960-4-18'"),
        (
            {"diagnosis": {"pain_nrs": 10**40}},
            "diagnosis.pain_nrs",
            "a number with 41 characters is outside 0-10",
        ),
        ({"diagnosis": {"pain_nrs": 7.5}}, "diagnosis.pain_nrs", "whole number; got 7.5"),
        ({"baselines": {"mme_per_day": float("inf")}}, "baselines.mme_per_day", "finite number; got inf"),
        ({"baselines": {"mme_per_day": [30]}}, "baselines.mme_per_day", "must be a number; got a list"),
        ({"therapy": {"medications": {"drug": "x"}}}, "therapy.medications", "must be a list; got an object"),
        (
            {"therapy": {"medications": ["gabapentin"]}},
            "therapy.medications[0]",
            "must be an object; got text",
        ),
        ({"therapy": {"medications": [{}] * 41}}, "therapy.medications", "has 41 entries; the limit is 40"),
        ({"patient": {"x" * 100: 1}}, 'patient."' + "x" * 40 + '"…', "is not a field"),
        ({"patient": {"na me\n": 1}}, 'patient."na me\\n"', "is not a field"),
        ({"version": True}, "version", "must be 1, 2 or 3; this file says true"),
        ({"version": "1"}, "version", "must be 1, 2 or 3; this file says text '1'"),
        ({"version": [1]}, "version", "must be 1, 2 or 3; this file says a list"),
        ({"format": ["pain-lmn-case"]}, "format", "got a list"),
    ],
)
def test_wrong_shape_anywhere_is_a_format_error_naming_its_path(patch, path, message):
    with pytest.raises(CaseFormatError) as raised:
        load_case({"format": "pain-lmn-case", "version": 1, **patch})
    assert raised.value.path == path
    assert message in str(raised.value)


@pytest.mark.parametrize("top", [[], "case", 1, None, True])
def test_top_level_that_is_not_an_object_says_what_it_is(top):
    with pytest.raises(CaseFormatError, match="must be a JSON object; got"):
        load_case(top)


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        (
            '{"format": "pain-lmn-case", "version": 1, "safety": {"inr": NaN}}',
            "safety.inr",
            "NaN is not a value",
        ),
        (
            '{"format": "pain-lmn-case", "version": 1, "safety": {"inr": -Infinity}}',
            "safety.inr",
            "-Infinity",
        ),
        (
            '{"format": "pain-lmn-case", "version": 1, "safety": {"platelets": 1e999}}',
            "safety.platelets",
            "got inf",
        ),
        (
            '{"format": "pain-lmn-case", "version": 1, "trial": {"lead_count": -' + "1" * 5000 + "}}",
            "trial.lead_count",
            "a number with 5000 digits is not a value a case file can hold",
        ),
    ],
)
def test_numbers_json_cannot_carry_safely_are_refused_by_path(text, path, message):
    with pytest.raises(CaseFormatError) as raised:
        load_case(parse_case_text(text))
    assert raised.value.path == path
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ('{"patient": {"name": "Dana\\u0000Whitfield"}}', "patient.name", "cannot be stored (U+0000)"),
        ('{"therapy": {"medications": [{"drug": "x\\ud800"}]}}', "therapy.medications[0].drug", "(U+D800)"),
        ('{"patient": {"x\\ud800": "\\udfff"}}', 'patient."x\\ud800"', "(U+DFFF)"),
    ],
)
def test_text_that_cannot_be_stored_is_refused_by_path(text, path, message):
    with pytest.raises(CaseFormatError) as raised:
        parse_case_text(text)
    assert raised.value.path == path
    assert message in str(raised.value)


@pytest.mark.parametrize(
    "text",
    ["[" * 21 + "]" * 21, '{"a":' * 5000 + "1" + "}" * 5000, "[" * 1_000_000],
)
def test_deep_nesting_is_refused_before_parsing(text):
    with pytest.raises(CaseFormatError, match="nested too deeply"):
        parse_case_text(text)


def test_deep_nesting_past_the_guard_is_still_a_format_error(monkeypatch):
    monkeypatch.setattr(case_json, "MAX_NESTING", 10**9)
    with pytest.raises(CaseFormatError, match="nested too deeply"):
        parse_case_text("[" * 100_000 + "]" * 100_000)


def test_brackets_inside_text_are_not_nesting():
    data = parse_case_text('{"patient": {"name": "' + "[{" * 50 + '\\"]]"}}')
    assert data["patient"]["name"].startswith("[{[{")


def test_invalid_json_is_reported_with_its_line_and_column():
    with pytest.raises(CaseFormatError, match=r"not valid JSON: .*\(line 2, column 1\)"):
        parse_case_text('{"format": "pain-lmn-case",\n}')


def test_every_supported_version_still_imports():
    for version in case_format.SUPPORTED_VERSIONS:
        data = {**example_data("fbss-scs-permanent-aetna"), "version": version}
        assert load_case(data) == example_facts("fbss-scs-permanent-aetna")
