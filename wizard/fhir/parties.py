"""The parties of a PAS request: Patient, Coverage, Practitioner, the clinic and the payer as Organizations."""

from __future__ import annotations

from fhir.resources.R4B.coverage import Coverage
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner

from ..core.choices import Payer
from ..core.display import payer_label
from ..core.facts import CaseFacts
from .common import MBI_SYSTEM, NPI_SYSTEM, coding, reference, split_name, validated

IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type"
UNNAMED_BLUE_PLAN = "Blue Cross Blue Shield plan"


def npi_identifier(npi: str) -> list[dict]:
    """Return the NPI as an identifier list, empty without one."""
    return [{"system": NPI_SYSTEM, "value": npi}] if npi else []


def telecom(**numbers: str) -> list[dict]:
    """Return the phone and fax numbers that are documented."""
    return [{"system": system, "value": value, "use": "work"} for system, value in numbers.items() if value]


def member_identifier(facts: CaseFacts) -> dict:
    """Return the member id; for Medicare fee-for-service it is the MBI."""
    found = {
        "type": {"coding": [coding(IDENTIFIER_TYPE, "MB", "Member Number")]},
        "value": facts.patient.member_id,
    }
    if facts.request.payer is Payer.MEDICARE:
        found["system"] = MBI_SYSTEM
    return found


def build_patient(facts: CaseFacts) -> dict:
    """Return the Patient: name, birth date, gender when known, member id."""
    patient = facts.patient
    found = {"resourceType": "Patient"}
    if patient.member_id:
        found["identifier"] = [member_identifier(facts)]
    if patient.name:
        found["name"] = [split_name(patient.name)]
    if patient.sex is not None:
        # Our sex values are the FHIR administrative-gender codes.
        found["gender"] = patient.sex.value
    if patient.born_on is not None:
        found["birthDate"] = patient.born_on.isoformat()
    return validated(Patient, found)


def build_practitioner(facts: CaseFacts) -> dict:
    """Return the requesting clinician with the individual NPI."""
    clinician = facts.request.clinician
    found = {"resourceType": "Practitioner"}
    if clinician.npi:
        found["identifier"] = npi_identifier(clinician.npi)
    if clinician.name:
        found["name"] = [split_name(clinician.name)]
    if clinician.direct_phone:
        found["telecom"] = telecom(phone=clinician.direct_phone)
    return validated(Practitioner, found)


def build_clinic(facts: CaseFacts) -> dict:
    """Return the practice as the providing Organization, with its group NPI."""
    practice = facts.request.practice
    found = {
        "resourceType": "Organization",
        "active": True,
        "type": [{"coding": [coding(ORGANIZATION_TYPE, "prov", "Healthcare Provider")]}],
    }
    if practice.name:
        found["name"] = practice.name
    if practice.npi:
        found["identifier"] = npi_identifier(practice.npi)
    numbers = telecom(phone=practice.phone, fax=practice.fax)
    if numbers:
        found["telecom"] = numbers
    if practice.address:
        address = {"text": practice.address}
        found["address"] = [{**address, "state": practice.state} if practice.state else address]
    return validated(Organization, found)


def payer_name(facts: CaseFacts) -> str:
    """Return the payer as the letter names it: the member's own plan or the payer's label."""
    request = facts.request
    return payer_label(request.payer, request.blue_plan, request.payer_name, UNNAMED_BLUE_PLAN)


def build_payer(facts: CaseFacts) -> dict:
    """Return the payer as the insurer Organization."""
    found = {
        "resourceType": "Organization",
        "active": True,
        "type": [{"coding": [coding(ORGANIZATION_TYPE, "ins", "Insurance Company")]}],
    }
    if payer_name(facts):
        found["name"] = payer_name(facts)
    return validated(Organization, found)


def build_coverage(facts: CaseFacts, case_key: str) -> dict:
    """Return the Coverage: the patient as beneficiary and subscriber, the payer, member id and plan."""
    found = {
        "resourceType": "Coverage",
        "status": "active",
        "beneficiary": reference(case_key, "patient"),
        "relationship": {
            "coding": [
                coding("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", "Self")
            ]
        },
        "payor": [reference(case_key, "payer")],
    }
    if facts.patient.member_id:
        found["subscriberId"] = facts.patient.member_id
        found["identifier"] = [member_identifier(facts)]
    if facts.request.plan_name:
        found["class"] = [
            {
                "type": {"coding": [coding("http://terminology.hl7.org/CodeSystem/coverage-class", "plan")]},
                "value": facts.request.plan_name,
                "name": facts.request.plan_name,
            }
        ]
    return validated(Coverage, found)
