"""What a letter prints, every decision already made: the template only lays it out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A titled part of the narrative: sentences, then an optional list of items."""

    title: str
    sentences: tuple[str, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    title: str
    svg: str
    caption: str


@dataclass(frozen=True)
class CodeRow:
    system: str
    code: str
    units: str
    modifiers: str
    description: str


@dataclass(frozen=True)
class CriterionRow:
    id: str
    text: str
    status: str
    status_label: str
    evidence: str
    source: str
    kind: str


@dataclass(frozen=True)
class Letter:
    title: str
    practice_name: str
    practice_lines: tuple[str, ...]
    date_text: str
    recipient_lines: tuple[str, ...]
    re_lines: tuple[str, ...]
    patient_name: str
    patient_born: str
    salutation: str
    opening: tuple[str, ...]
    codes: tuple[CodeRow, ...]
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    criteria_title: str
    criteria_note: str
    criteria: tuple[CriterionRow, ...]
    conclusion: tuple[str, ...]
    override: tuple[str, ...]
    evidence: tuple[str, ...]
    references: tuple[str, ...]
    attestation: str
    signature_lines: tuple[str, ...]
    enclosures: tuple[str, ...]
    author: str
    reference: str = ""

    @property
    def identifiers(self) -> str:
        """Return the two identifiers printed on every page."""
        return f"{self.patient_name} · DOB {self.patient_born}"
