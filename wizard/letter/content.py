"""What a letter prints, every decision already made: the template only lays it out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A titled part of the letter: sentences and items in the argument, or a table in the appendix."""

    title: str
    sentences: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    table_header: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class SummaryItem:
    """One line of page 1's summary box: what it is, and what the record says."""

    label: str
    value: str


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
    # Page 1's summary box, and "N of N required criteria met" pointing to the appendix.
    summary: tuple[SummaryItem, ...] = ()
    criteria_count: str = ""
    # The recipient's own policy, cited once with its number and revision date.
    policy_citation: str = ""
    # A draft prints DRAFT on every page; it is never issued.
    draft: bool = False
    # Set when the date of service falls within the payer's decision window.
    expedite: str = ""
    # "Electronically signed by … on … at …", an optional signature image (a data: URI), and a direct line.
    signature_statement: str = ""
    signature_image: str = ""
    contact_lines: tuple[str, ...] = ()
    # Open items of an override letter, each with the date the clinician says it will follow.
    to_follow: tuple[str, ...] = ()
    # The chronological therapy table, printed as an appendix after the criteria.
    treatment_history: Section | None = None

    @property
    def has_criteria_appendix(self) -> bool:
        """Return True when the letter prints the criteria (or codes) appendix."""
        return bool(self.criteria or self.codes or self.to_follow or self.policy_citation)

    @property
    def appendix_letters(self) -> dict[str, str]:
        """Return each printed appendix's letter, in order: criteria, history, evidence."""
        present = (
            ("criteria", self.has_criteria_appendix),
            ("history", self.treatment_history is not None),
            ("evidence", bool(self.evidence or self.references)),
        )
        names = [name for name, shown in present if shown]
        return {name: "ABCDE"[index] for index, name in enumerate(names)}

    @property
    def identifiers(self) -> str:
        """Return the two identifiers printed on every page."""
        return f"{self.patient_name} · DOB {self.patient_born}"
