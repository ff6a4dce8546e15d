"""Format versions: version-1 files still import and judge the same; versions 2 and 3 add facts only."""

import json
from datetime import date, time

import jsonschema
import pytest

from tests.conftest import ROOT
from wizard.core.assessment import assess
from wizard.core.case_format import FORMAT_VERSION, CaseFormatError, dump_case, load_case
from wizard.core.case_schema import case_json_schema

FIXTURES = ROOT / "tests" / "fixtures"
V1_FILES = sorted((FIXTURES / "case-files-v1").glob("*.json"))
# The model cases as the app wrote them in each earlier version.
EARLIER_FILES = sorted([*V1_FILES, *(FIXTURES / "case-files-v2").glob("*.json")])
AS_OF = date(2026, 11, 20)


def test_the_app_writes_version_3():
    assert dump_case(load_case({"format": "pain-lmn-case", "version": 1}))["version"] == FORMAT_VERSION == 3


@pytest.mark.parametrize("path", EARLIER_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_an_earlier_version_imports_and_is_judged_as_its_current_export(path):
    data = json.loads(path.read_text())
    assert data["version"] < FORMAT_VERSION
    facts = load_case(data)
    upgraded = dump_case(facts)
    assert upgraded == {**data, "version": FORMAT_VERSION}
    again = load_case(upgraded)
    before, after = assess(facts, today=AS_OF), assess(again, today=AS_OF)
    assert before.verdict == after.verdict
    assert [(r.criterion.id, r.status) for r in before.results] == [
        (r.criterion.id, r.status) for r in after.results
    ]


@pytest.mark.parametrize("path", EARLIER_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_an_earlier_version_validates_against_the_schema(path):
    jsonschema.validate(json.loads(path.read_text()), case_json_schema())


def test_version_1_file_holding_a_version_2_fact_is_refused_at_that_fact():
    with pytest.raises(CaseFormatError) as error:
        load_case({"format": "pain-lmn-case", "version": 1, "trial": {"placed_at": "08:30"}})
    assert error.value.path == "trial.placed_at"
    assert "added in version 2" in error.value.message


def test_version_2_facts_in_rows_are_checked_against_the_version_too():
    row = {"drug": "Oxycodone", "opioid": "oxycodone", "opioid_dose_per_day": 30}
    with pytest.raises(CaseFormatError) as error:
        load_case({"format": "pain-lmn-case", "version": 1, "therapy": {"medications": [row]}})
    assert error.value.path == "therapy.medications[0].opioid"
    facts = load_case({"format": "pain-lmn-case", "version": 2, "therapy": {"medications": [row]}})
    assert facts.therapy.medications[0].opioid_dose_per_day == 30


def test_clock_times_round_trip_as_24_hour_hh_mm():
    data = {
        "format": "pain-lmn-case",
        "version": FORMAT_VERSION,
        "trial": {"placed_at": "07:05", "removed_at": "19:40"},
    }
    facts = load_case(data)
    assert (facts.trial.placed_at, facts.trial.removed_at) == (time(7, 5), time(19, 40))
    assert dump_case(facts) == data
    jsonschema.validate(data, case_json_schema())


@pytest.mark.parametrize("raw", ["7:05", "24:00", "12:60", "noon", 730, "07:05:00"])
def test_a_malformed_clock_time_is_named_by_its_path(raw):
    with pytest.raises(CaseFormatError) as error:
        load_case({"format": "pain-lmn-case", "version": 2, "trial": {"placed_at": raw}})
    assert error.value.path == "trial.placed_at"
    assert "HH:MM" in str(error.value) or "time of day" in str(error.value)


def test_an_unknown_version_names_both_versions_read():
    with pytest.raises(CaseFormatError) as error:
        load_case({"format": "pain-lmn-case", "version": 7})
    assert error.value.message == "must be 1, 2 or 3; this file says 7"


def test_version_2_file_holding_a_version_3_fact_is_refused_at_that_fact():
    with pytest.raises(CaseFormatError) as error:
        load_case({"format": "pain-lmn-case", "version": 2, "decision": {"why_now": "Pain escalating"}})
    assert error.value.path == "decision.why_now"
    assert "added in version 3" in error.value.message
