"""Clinics, their members, the cases they prepare, and the letters they issue."""

from .case import LIST_COLUMNS, REVIEW_COLUMNS, VERDICT_COLUMNS, Case, list_columns
from .clinic import SIGNATURE_IMAGE_TYPES, Clinic, Membership, npi_validator
from .enclosure import Enclosure
from .letter import IssuedLetter
from .tracking import PayerAnswer, Submission

__all__ = [
    "LIST_COLUMNS",
    "REVIEW_COLUMNS",
    "SIGNATURE_IMAGE_TYPES",
    "VERDICT_COLUMNS",
    "Case",
    "Clinic",
    "Enclosure",
    "IssuedLetter",
    "Membership",
    "PayerAnswer",
    "Submission",
    "list_columns",
    "npi_validator",
]
