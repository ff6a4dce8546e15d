"""FHIR export: the four model cases parse with the R4B models and keep their key values."""

import base64
import hashlib
from datetime import date, timedelta

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from tests.conftest import EXAMPLE_NAMES, TODAY, example_facts, make_case_from_example
from wizard.core import scoring
from wizard.core.coding import ICD10, code_request
from wizard.fhir.common import Document
from wizard.fhir.export import fhir_export
from wizard.fhir.pas_bundle import build_pas_bundle
from wizard.fhir.questionnaire_response import AUTO, MANUAL, ORIGIN_URL
from wizard.issuing import issue_letter
from wizard.models import Enclosure

LETTER = b"%PDF-1.7\n" + bytes(range(256)) + b"\n%%EOF\n"
SCAN = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DOCUMENTS = [
    Document("letter", "Letter of medical necessity", "application/pdf", LETTER, TODAY, "Letter"),
    Document("enclosure-1", "Psychological evaluation", "image/png", SCAN, date(2026, 7, 22), "Psych"),
]


def export(name, today=TODAY, documents=DOCUMENTS):
    """Return the request Bundle of a model case, as plain dicts."""
    return build_pas_bundle(example_facts(name), case_key=name, today=today, documents=documents)


def resources(bundle, kind):
    """Return the resources of one type in a Bundle dict."""
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def find_item(items, link_id):
    """Return the first item with this linkId, searching nested items."""
    for item in items:
        if item["linkId"] == link_id:
            return item
        found = find_item(item.get("item", []), link_id)
        if found:
            return found
    return None


def origin_of(item) -> str:
    """Return the DTR information-origin source of an item's first answer."""
    (extension,) = [e for e in item["answer"][0]["extension"] if e["url"] == ORIGIN_URL]
    return next(part["valueCode"] for part in extension["extension"] if part["url"] == "source")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_model_case_parses_with_r4b_and_keeps_its_key_values(name):
    facts = example_facts(name)
    bundle = export(name)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    claim = parsed.entry[0].resource
    assert claim.__resource_type__ == "Claim" and claim.use == "preauthorization"
    (patient,) = [e.resource for e in parsed.entry if e.resource.__resource_type__ == "Patient"]
    assert patient.name[0].text == facts.patient.name
    assert patient.birthDate == facts.patient.born_on
    assert patient.identifier[0].value == facts.patient.member_id
    (coverage,) = resources(bundle, "Coverage")
    assert coverage["subscriberId"] == facts.patient.member_id
    coding = code_request(facts)
    icd = [line.code for line in coding.lines if line.system == ICD10]
    assert icd and [d.diagnosisCodeableConcept.coding[0].code for d in claim.diagnosis] == icd
    assert [c["code"]["coding"][0]["code"] for c in resources(bundle, "Condition")] == icd
    procedures = [(line.code, line.units) for line in coding.lines if line.system != ICD10]
    assert (
        procedures
        and [(i.productOrService.coding[0].code, int(i.quantity.value)) for i in claim.item] == procedures
    )
    (response,) = resources(bundle, "QuestionnaireResponse")
    QuestionnaireResponse.model_validate(response)
    assert response["status"] == "completed"
    assert origin_of(find_item(response["item"], "patient.name")) == MANUAL
    assert find_item(response["item"], "patient.name")["answer"][0]["valueString"] == facts.patient.name


def empty_values(value, path=""):
    """Yield the paths of empty lists, objects and strings, which FHIR JSON never holds."""
    if value in ([], {}, ""):
        yield path
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from empty_values(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from empty_values(inner, f"{path}[{index}]")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_element_is_empty(name):
    assert list(empty_values(export(name))) == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_reference_points_to_an_entry_of_the_bundle(name):
    bundle = export(name)
    urls = {entry["fullUrl"] for entry in bundle["entry"]}

    def references(value):
        if isinstance(value, dict):
            if "reference" in value and isinstance(value["reference"], str):
                yield value["reference"]
            for inner in value.values():
                yield from references(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from references(inner)

    found = set(references(bundle))
    assert found and found <= urls


def test_letter_and_enclosure_bytes_come_back_from_their_document_references():
    bundle = export("fbss-scs-permanent-aetna")
    letter, scan = resources(bundle, "DocumentReference")
    assert base64.b64decode(letter["content"][0]["attachment"]["data"]) == LETTER
    assert letter["content"][0]["attachment"]["contentType"] == "application/pdf"
    assert base64.b64decode(scan["content"][0]["attachment"]["data"]) == SCAN
    parsed = Bundle.model_validate(bundle)
    assert parsed.entry[-2].resource.content[0].attachment.data == LETTER
    claim = bundle["entry"][0]["resource"]
    pointed = {info["valueReference"]["reference"] for info in claim["supportingInfo"]}
    assert {e["fullUrl"] for e in bundle["entry"][-2:]} <= pointed


def test_computed_values_are_marked_auto_and_typed_values_manual():
    facts = example_facts("fbss-scs-permanent-aetna")
    (response,) = resources(export("fbss-scs-permanent-aetna"), "QuestionnaireResponse")
    relief = find_item(response["item"], "trial.relief_percent")
    assert origin_of(relief) == AUTO
    expected = scoring.percent_reduction(facts.trial.pain_before_nrs, facts.trial.pain_during_nrs)
    assert relief["answer"][0]["valueDecimal"] == float(expected)
    odi = find_item(response["item"], "baselines.odi_percent")
    assert origin_of(odi) == AUTO
    typed = find_item(response["item"], "trial.pain_during_nrs")
    assert origin_of(typed) == MANUAL and typed["answer"][0]["valueInteger"] == facts.trial.pain_during_nrs
    # A manual answer names its author (DTR rule dtrx-1); a computed one must not.
    assert any(part["url"] == "author" for part in typed["answer"][0]["extension"][0]["extension"])
    assert all(part["url"] != "author" for part in relief["answer"][0]["extension"][0]["extension"])


def test_answers_are_typed_and_choices_are_codings_of_our_system():
    (response,) = resources(export("fbss-scs-permanent-aetna"), "QuestionnaireResponse")
    procedure = find_item(response["item"], "request.procedure")["answer"][0]["valueCoding"]
    assert procedure["system"] == "urn:painlmn:Procedure" and procedure["code"] == "scs_permanent"
    assert find_item(response["item"], "patient.born_on")["answer"][0]["valueDate"] == "1968-05-14"
    assert find_item(response["item"], "safety.inr")["answer"][0]["valueDecimal"] == 1.1
    assert find_item(response["item"], "trial.satisfied")["answer"][0]["valueBoolean"] is True
    step = find_item(response["item"], "trial")
    assert step["text"] == "Trial outcome"
    assert (
        find_item(response["item"], "trial.pain_during_nrs")["text"]
        == "Target-area pain during the trial, 0-10"
    )
    medications = [
        i for i in find_item(response["item"], "therapy")["item"] if i["linkId"] == "therapy.medications"
    ]
    assert len(medications) == 5
    assert response["questionnaire"].startswith(
        "https://pain-lmn.example/fhir/Questionnaire/pain-lmn-scs-permanent|"
    )


def test_export_is_stable_and_ids_differ_between_cases():
    first, again = export("fbss-scs-permanent-aetna"), export("fbss-scs-permanent-aetna")
    assert first == again
    facts = example_facts("fbss-scs-permanent-aetna")
    other = build_pas_bundle(facts, case_key="another", today=TODAY, documents=DOCUMENTS)
    assert {e["fullUrl"] for e in first["entry"]}.isdisjoint({e["fullUrl"] for e in other["entry"]})


def test_priority_is_stat_only_when_the_date_of_service_is_inside_the_decision_window():
    facts = example_facts("fbss-scs-permanent-aetna")
    planned = facts.request.planned_on
    near = build_pas_bundle(facts, case_key="k", today=planned - timedelta(days=3))
    far = build_pas_bundle(facts, case_key="k", today=planned - timedelta(days=60))
    assert near["entry"][0]["resource"]["priority"]["coding"][0]["code"] == "stat"
    assert far["entry"][0]["resource"]["priority"]["coding"][0]["code"] == "normal"


def test_setting_decides_institutional_or_professional_and_medicare_member_id_is_the_mbi():
    hospital = export("fbss-scs-permanent-aetna")["entry"][0]["resource"]
    asc = export("crps-scs-permanent-medicare")
    assert hospital["type"]["coding"][0]["code"] == "institutional"
    assert asc["entry"][0]["resource"]["type"]["coding"][0]["code"] == "professional"
    (patient,) = resources(asc, "Patient")
    assert patient["identifier"][0]["system"] == "http://hl7.org/fhir/sid/us-mbi"
    (practitioner,) = resources(asc, "Practitioner")
    assert practitioner["identifier"] == [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1987654328"}]


def test_block_modifiers_and_units_per_level_reach_the_claim():
    claim = export("crps-lumbar-sympathetic-block-aetna")["entry"][0]["resource"]
    (item,) = claim["item"]
    assert item["productOrService"]["coding"][0] == {
        "system": "http://www.ama-assn.org/go/cpt",
        "code": "64520",
    }
    assert item["quantity"]["value"] == 2
    assert item["modifier"][0]["coding"][0]["code"] == "RT"


def test_without_documents_the_claim_points_only_to_the_answers():
    bundle = export("crps2-drg-trial-bcbsa", documents=())
    assert resources(bundle, "DocumentReference") == []
    assert len(bundle["entry"][0]["resource"]["supportingInfo"]) == 1


@pytest.mark.django_db
def test_case_export_carries_the_latest_issued_letter_and_the_enclosures(clinic, clinician):
    case = make_case_from_example(clinic, clinician, "fbss-scs-permanent-aetna")
    case.status = case.Status.READY
    case.save()
    today = timezone.localdate()
    issue_letter(
        case.id, clinic.id, clinician, "Records follow", today, to_follow_on=today + timedelta(days=7)
    )
    latest = issue_letter(
        case.id, clinic.id, clinician, "Records follow", today, to_follow_on=today + timedelta(days=7)
    )
    Enclosure.objects.create(
        case=case,
        kind="imaging",
        title="MRI report",
        document_on=date(2025, 11, 3),
        content_type="image/png",
        data=SCAN,
        size_bytes=len(SCAN),
        pages=1,
        sha256=hashlib.sha256(SCAN).hexdigest(),
        uploaded_by=clinician,
    )
    bundle = fhir_export(case)
    Bundle.model_validate(bundle)
    letter, scan = resources(bundle, "DocumentReference")
    assert base64.b64decode(letter["content"][0]["attachment"]["data"]) == bytes(latest.pdf)
    assert letter["content"][0]["attachment"]["title"].endswith("version 2")
    assert base64.b64decode(scan["content"][0]["attachment"]["data"]) == SCAN
    assert scan["content"][0]["attachment"]["creation"] == "2025-11-03"
    assert fhir_export(case) == bundle
