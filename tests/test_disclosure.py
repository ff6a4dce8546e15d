"""The case file attached to a letter: only what the letter relies on, and it still imports."""

import io
import itertools
import json
from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pypdf import PdfReader

from tests.conftest import EXAMPLE_NAMES, EXAMPLES, TODAY, example_data, example_facts
from wizard.core.assessment import assess
from wizard.core.case_format import dump_case, load_case
from wizard.core.choices import Payer, Procedure, Sex, SpinalRegion
from wizard.core.disclosure import DROPPED_FIELDS, letter_case_file
from wizard.core.steps import STEPS, applicable_steps
from wizard.letter.build import build_letter
from wizard.models import Case

SECTIONS = [step for step in STEPS if step != "review"]


def every_section(name: str, procedure: Procedure, existing: bool | None, payer: Payer | None = None):
    """Return a model case holding every section any model case has, with the dropped facts recorded too."""
    data = example_data(name)
    for other in EXAMPLE_NAMES:
        for step, section in example_data(other).items():
            data.setdefault(step, section)
    facts = load_case(data)
    request = replace(
        facts.request,
        procedure=procedure,
        has_existing_stimulator=existing,
        payer=payer or facts.request.payer,
        spinal_region=SpinalRegion.THORACIC,
    )
    return replace(facts, request=request, patient=replace(facts.patient, sex=Sex.FEMALE))


def letter_of(facts):
    assessment = assess(facts, today=TODAY)
    return build_letter(assessment.facts, assessment.results, today=TODAY)


def attached_paths(value, prefix="") -> set[str]:
    """Return the dotted paths of every field in a case file (list rows share their parent's path)."""
    paths = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths |= {path} | attached_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= attached_paths(item, prefix)
    return paths


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("procedure", list(Procedure), ids=lambda p: p.value)
def test_attached_file_holds_only_the_needed_sections_and_never_the_dropped_facts(name, procedure):
    facts = every_section(name, procedure, existing=True)
    attached = letter_case_file(facts)
    needed = {"format", "version", *applicable_steps(procedure, True)}
    assert set(attached) <= needed
    assert not attached_paths(attached) & set(DROPPED_FIELDS)
    assert set(dump_case(facts)) - set(attached), "something was left out"


@pytest.mark.parametrize(
    ("name", "procedure", "existing"),
    list(itertools.product(EXAMPLE_NAMES, list(Procedure), (None, True))),
    ids=lambda v: getattr(v, "value", str(v)),
)
def test_letter_written_from_the_attached_file_is_the_same_letter(name, procedure, existing):
    facts = every_section(name, procedure, existing)
    assert letter_of(load_case(letter_case_file(facts))) == letter_of(facts)


@pytest.mark.parametrize("payer", list(Payer), ids=lambda p: p.value)
def test_every_payers_criteria_judge_the_same_from_the_attached_file(payer):
    for procedure in Procedure:
        facts = every_section("crps-scs-permanent-medicare", procedure, False, payer)
        attached = load_case(letter_case_file(facts))
        assert assess(attached, today=TODAY).results == assess(facts, today=TODAY).results


def test_dropped_fields_are_documented_in_the_case_format(settings):
    text = (EXAMPLES.parent.parent / "docs" / "case-format.md").read_text()
    assert all(f"`{path}`" in text for path in DROPPED_FIELDS)


def test_attached_file_imports_back_as_a_case(clinician_client):
    attached = letter_case_file(example_facts("crps-scs-permanent-medicare"))
    response = clinician_client.post(
        "/cases/import/", {"case_file": SimpleUploadedFile("case.json", json.dumps(attached).encode())}
    )
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.id}/"
    assert case.patient_name == "Dana Whitfield" and "sex" not in case.facts["patient"]


def test_render_letter_attaches_the_minimum_necessary_file(tmp_path):
    output = tmp_path / "letter.pdf"
    source = EXAMPLES / "crps2-drg-trial-bcbsa.json"
    call_command(
        "render_letter", str(source), "-o", str(output), "--date", TODAY.isoformat(), stdout=io.StringIO()
    )
    (attached,) = PdfReader(io.BytesIO(output.read_bytes())).attachments["case.json"]
    assert json.loads(attached) == letter_case_file(example_facts("crps2-drg-trial-bcbsa"))
    assert "sex" in example_data("crps2-drg-trial-bcbsa")["patient"]
    assert "sex" not in json.loads(attached)["patient"]
