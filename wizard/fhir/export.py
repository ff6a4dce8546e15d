"""The case's FHIR export gathered from the database: its facts, latest issued letter and enclosures."""

from __future__ import annotations

from django.utils import timezone

from ..models import Case
from .common import Document
from .pas_bundle import build_pas_bundle

LETTER_TITLE = "Letter of medical necessity"


def case_documents(case: Case) -> list[Document]:
    """Return the latest issued letter's PDF (if any), then every enclosure, as documents to attach."""
    documents = []
    letter = case.letters.order_by("-version").first()
    if letter is not None:
        documents.append(
            Document(
                "letter",
                f"{LETTER_TITLE}, version {letter.version}",
                "application/pdf",
                bytes(letter.pdf),
                timezone.localdate(letter.issued_at),
                LETTER_TITLE,
            )
        )
    for enclosure in case.enclosures.all():
        documents.append(
            Document(
                f"enclosure-{enclosure.pk}",
                enclosure.title or enclosure.kind_label,
                enclosure.content_type,
                bytes(enclosure.data),
                enclosure.document_on,
                enclosure.kind_label,
            )
        )
    return documents


def fhir_export(case: Case, today=None) -> dict:
    """Return the case as one PAS-style request Bundle holding its QuestionnaireResponse and documents."""
    return build_pas_bundle(
        case.case_facts(),
        case_key=str(case.pk),
        today=today or timezone.localdate(),
        documents=case_documents(case),
    )
