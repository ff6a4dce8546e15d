"""What the FHIR builders share: stable ids, code systems, attachments, and validation by the R4B models."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import date

from fhir.resources.R4B.resource import Resource

# Our own namespace for case-specific codes and the questionnaire canonical; not a registered system.
BASE_URL = "https://pain-lmn.example/fhir"
CHOICE_SYSTEM = "urn:painlmn:{}"
CPT_SYSTEM = "http://www.ama-assn.org/go/cpt"
HCPCS_SYSTEM = "urn:oid:2.16.840.1.113883.6.285"
ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm"
NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
MBI_SYSTEM = "http://hl7.org/fhir/sid/us-mbi"
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE_URL)


def resource_uuid(case_key: str, role: str) -> str:
    """Return the stable uuid of one resource of a case's export (same case and role, same uuid)."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{case_key}/{role}"))


def full_url(case_key: str, role: str) -> str:
    """Return the urn:uuid a Bundle entry is addressed by."""
    return f"urn:uuid:{resource_uuid(case_key, role)}"


def reference(case_key: str, role: str, display: str = "") -> dict:
    """Return a Reference to another entry of the same Bundle."""
    ref = {"reference": full_url(case_key, role)}
    return {**ref, "display": display} if display else ref


def coding(system: str, code: str, display: str = "") -> dict:
    """Return one Coding, with its display when there is one."""
    found = {"system": system, "code": code}
    return {**found, "display": display} if display else found


def split_name(full: str) -> dict:
    """Return a HumanName: the text as written, the last word as family, the rest as given names."""
    words = full.split()
    name = {"text": full}
    if words:
        name["family"] = words[-1]
    if len(words) > 1:
        name["given"] = words[:-1]
    return name


@dataclass(frozen=True)
class Document:
    """A file sent with the request: the letter or one enclosure, with its exact bytes."""

    role: str
    title: str
    content_type: str
    data: bytes
    created_on: date | None = None
    kind: str = ""

    def attachment(self) -> dict:
        """Return the FHIR Attachment carrying the bytes as base64."""
        found = {
            "contentType": self.content_type,
            "data": base64.b64encode(self.data).decode("ascii"),
            "title": self.title,
            "size": len(self.data),
        }
        if self.created_on is not None:
            found["creation"] = self.created_on.isoformat()
        return found


def validated(model: type[Resource], data: dict) -> dict:
    """Return the dict unchanged once the R4B model accepts it (pydantic raises on anything it refuses)."""
    model.model_validate(data)
    return data
