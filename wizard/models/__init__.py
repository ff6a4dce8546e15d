"""Clinics, their members, the cases they prepare, and the letters they issue."""

from .case import LIST_COLUMNS, REVIEW_COLUMNS, VERDICT_COLUMNS, Case, list_columns
from .clinic import SIGNATURE_IMAGE_TYPES, Clinic, Membership, npi_validator
from .letter import IssuedLetter

__all__ = [
    "LIST_COLUMNS",
    "REVIEW_COLUMNS",
    "SIGNATURE_IMAGE_TYPES",
    "VERDICT_COLUMNS",
    "Case",
    "Clinic",
    "IssuedLetter",
    "Membership",
    "list_columns",
    "npi_validator",
]
