"""A PAS-style request Bundle: the preauthorization Claim first, then every resource it points to.

Shape of the Da Vinci PAS 2.2.1 Request Bundle (type "collection", Claim first, references by urn:uuid);
conformance to its profiles is not claimed (docs/fhir.md). The DTR-style QuestionnaireResponse rides in the
same Bundle as supporting information, so one document carries the whole request.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.claim import Claim
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.documentreference import DocumentReference

from ..core.case_format import dump_case
from ..core.choices import PlaceOfService
from ..core.coding import CPT, HCPCS, ICD10, CodeLine, code_request
from ..core.decision_windows import decision_window
from ..core.facts import CaseFacts
from .common import CPT_SYSTEM, HCPCS_SYSTEM, ICD10_SYSTEM, Document, coding, full_url, reference, validated
from .parties import build_clinic, build_coverage, build_patient, build_payer, build_practitioner
from .questionnaire_response import build_questionnaire_response

CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type"
PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority"
INFO_CATEGORY = "http://terminology.hl7.org/CodeSystem/claiminformationcategory"
POS_SYSTEM = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
RELATED_CLAIM = "http://terminology.hl7.org/CodeSystem/related-claim-relationship"
PROCEDURE_SYSTEMS = {CPT: CPT_SYSTEM, HCPCS: HCPCS_SYSTEM}
POS_CODES = {
    PlaceOfService.OFFICE: "11",
    PlaceOfService.ASC: "24",
    PlaceOfService.HOSPITAL_OUTPATIENT: "22",
    PlaceOfService.HOSPITAL_INPATIENT: "21",
}
# A hospital bills on the institutional claim; an office or surgery center on the professional one.
INSTITUTIONAL_PLACES = frozenset({PlaceOfService.HOSPITAL_OUTPATIENT, PlaceOfService.HOSPITAL_INPATIENT})


def file_case_key(facts: CaseFacts) -> str:
    """Return a stable key for a case known only by its file: the hash of its canonical JSON."""
    text = json.dumps(dump_case(facts), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_expedited(facts: CaseFacts, today: date) -> bool:
    """Return whether the date of service falls within the payer's standard decision window."""
    window, planned = decision_window(facts), facts.request.planned_on
    return window is not None and planned is not None and 0 <= (planned - today).days <= window.days


def modifier_coding(modifier: str) -> dict:
    """Return a modifier: numeric ones are CPT modifiers, lettered ones HCPCS Level II."""
    return {"coding": [coding(CPT_SYSTEM if modifier.isdigit() else HCPCS_SYSTEM, modifier)]}


def claim_item(sequence: int, line: CodeLine, facts: CaseFacts, diagnoses: int) -> dict:
    """Return one requested service: the code, units as quantity, modifiers, date and place of service."""
    item = {
        "sequence": sequence,
        # Our descriptor is a paraphrase, not the code system's display, so it goes in the text.
        "productOrService": {
            "coding": [coding(PROCEDURE_SYSTEMS[line.system], line.code)],
            "text": line.description,
        },
        "quantity": {"value": line.units or 1},
    }
    if diagnoses:
        item["diagnosisSequence"] = list(range(1, diagnoses + 1))
    if line.modifiers:
        item["modifier"] = [modifier_coding(m) for m in line.modifiers]
    if facts.request.planned_on is not None:
        item["servicedDate"] = facts.request.planned_on.isoformat()
    place = POS_CODES.get(facts.request.place_of_service)
    if place:
        label = facts.request.place_of_service.label
        item["locationCodeableConcept"] = {"coding": [coding(POS_SYSTEM, place)], "text": label}
    return item


def build_claim(
    facts: CaseFacts, case_key: str, today: date, diagnoses: Sequence[CodeLine], documents: Sequence[Document]
) -> dict:
    """Return the preauthorization Claim: who, for whom, to whom, what and why, with the documents."""
    lines = [line for line in code_request(facts).lines if line.system in PROCEDURE_SYSTEMS]
    institutional = facts.request.place_of_service in INSTITUTIONAL_PLACES
    kind = "institutional" if institutional else "professional"
    priority = "stat" if is_expedited(facts, today) else "normal"
    supporting = [("info", reference(case_key, "questionnaire-response"))] + [
        ("attachment", reference(case_key, document.role, document.title)) for document in documents
    ]
    claim = {
        "resourceType": "Claim",
        "status": "active",
        "type": {"coding": [coding(CLAIM_TYPE, kind)]},
        "use": "preauthorization",
        "patient": reference(case_key, "patient"),
        "created": today.isoformat(),
        "insurer": reference(case_key, "payer"),
        "provider": reference(case_key, "practitioner"),
        "priority": {"coding": [coding(PRIORITY, priority)]},
        "insurance": [{"sequence": 1, "focal": True, "coverage": reference(case_key, "coverage")}],
        "supportingInfo": [
            {"sequence": i, "category": {"coding": [coding(INFO_CATEGORY, code)]}, "valueReference": ref}
            for i, (code, ref) in enumerate(supporting, start=1)
        ],
    }
    if diagnoses:
        claim["diagnosis"] = [
            {
                "sequence": i,
                "diagnosisCodeableConcept": {"coding": [coding(ICD10_SYSTEM, line.code, line.description)]},
            }
            for i, line in enumerate(diagnoses, start=1)
        ]
    if lines:
        claim["item"] = [claim_item(i, line, facts, len(diagnoses)) for i, line in enumerate(lines, start=1)]
    if facts.request.trial_authorization:
        claim["related"] = [
            {
                "relationship": {"coding": [coding(RELATED_CLAIM, "prior")]},
                "reference": {"value": facts.request.trial_authorization},
            }
        ]
    return validated(Claim, claim)


def build_condition(facts: CaseFacts, case_key: str, line: CodeLine) -> dict:
    """Return one diagnosis as a Condition of the patient, with its onset when documented."""
    condition = {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [coding(CONDITION_CLINICAL, "active")]},
        "code": {"coding": [coding(ICD10_SYSTEM, line.code, line.description)], "text": line.description},
        "subject": reference(case_key, "patient"),
    }
    if facts.diagnosis.onset_on is not None:
        condition["onsetDateTime"] = facts.diagnosis.onset_on.isoformat()
    return validated(Condition, condition)


def build_document_reference(document: Document, case_key: str) -> dict:
    """Return a DocumentReference carrying one file as a base64 attachment."""
    found = {
        "resourceType": "DocumentReference",
        "status": "current",
        "type": {"text": document.kind or document.title},
        "subject": reference(case_key, "patient"),
        "description": document.title,
        "content": [{"attachment": document.attachment()}],
    }
    return validated(DocumentReference, found)


def build_pas_bundle(
    facts: CaseFacts, *, case_key: str, today: date, documents: Sequence[Document] = ()
) -> dict:
    """Return the validated request Bundle: Claim first, parties, conditions, answers, then documents."""
    diagnoses = [line for line in code_request(facts).lines if line.system == ICD10]
    resources = [
        ("claim", build_claim(facts, case_key, today, diagnoses, documents)),
        ("patient", build_patient(facts)),
        ("coverage", build_coverage(facts, case_key)),
        ("practitioner", build_practitioner(facts)),
        ("clinic", build_clinic(facts)),
        ("payer", build_payer(facts)),
        *((f"condition-{i}", build_condition(facts, case_key, line)) for i, line in enumerate(diagnoses, 1)),
        ("questionnaire-response", build_questionnaire_response(facts, case_key=case_key, today=today)),
        *((document.role, build_document_reference(document, case_key)) for document in documents),
    ]
    bundle = {
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": full_url(case_key, "bundle")},
        "type": "collection",
        "entry": [
            {"fullUrl": full_url(case_key, role), "resource": resource} for role, resource in resources
        ],
    }
    return validated(Bundle, bundle)
