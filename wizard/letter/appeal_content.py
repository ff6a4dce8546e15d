"""What an appeal letter and a peer-to-peer sheet print, every decision already made."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppealCriterion:
    """One criterion of the recipient's policy, numbered as in its table, with what the record shows."""

    text: str
    evidence: str


@dataclass(frozen=True)
class ReasonSection:
    """The answer to one denial reason: the documented facts, then the criteria met and those to follow."""

    title: str
    sentences: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    table_header: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()
    criteria: tuple[AppealCriterion, ...] = ()
    to_follow: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppealLetter:
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
    payer_text: str
    policy_citation: str
    sections: tuple[ReasonSection, ...]
    peer_to_peer: str
    closing: tuple[str, ...]
    signature_lines: tuple[str, ...]
    signature_statement: str
    signature_image: str
    new_enclosures: tuple[str, ...]
    enclosed_again: tuple[str, ...]
    author: str
    # For the clinician on the appeal page and the command's output; never printed in the letter.
    notes: tuple[str, ...] = ()

    @property
    def identifiers(self) -> str:
        """Return the two identifiers printed on every page."""
        return f"{self.patient_name} · DOB {self.patient_born}"


@dataclass(frozen=True)
class SheetLine:
    """A labeled line of the peer-to-peer sheet."""

    label: str
    value: str


@dataclass(frozen=True)
class SheetReason:
    """A denial reason and the few facts that answer it on the phone."""

    title: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class PeerToPeerSheet:
    title: str
    practice_name: str
    prepared_text: str
    patient_name: str
    patient_born: str
    patient: tuple[SheetLine, ...]
    request: tuple[SheetLine, ...]
    payer: tuple[SheetLine, ...]
    payer_text: str
    reasons: tuple[SheetReason, ...]
    criteria_count: str
    key_numbers: tuple[SheetLine, ...]
    still_open: tuple[str, ...]
    contact: str
    author: str

    @property
    def identifiers(self) -> str:
        """Return the two identifiers printed on the page."""
        return f"{self.patient_name} · DOB {self.patient_born}"
