"""A case's packet from the database: its issued letter and its enclosures, each checked against its hash."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from ..core.case_format import load_case
from ..core.facts import CaseFacts
from ..models import Case, IssuedLetter
from .assemble import PacketFile, PacketRefused, build_packet
from .cover import cover_for_facts


class StoredFileAltered(PacketRefused):
    """A stored letter or enclosure whose bytes no longer match the hash recorded when it was stored."""

    def __init__(self, what: str, stored_sha256: str, found_sha256: str) -> None:
        super().__init__(f"The stored {what} failed its integrity check, so no packet was made.")
        self.what, self.stored_sha256, self.found_sha256 = what, stored_sha256, found_sha256


def checked_bytes(data, stored_sha256: str, what: str) -> bytes:
    """Return stored bytes after checking them against their recorded SHA-256."""
    data = bytes(data)
    found = hashlib.sha256(data).hexdigest()
    if found != stored_sha256:
        raise StoredFileAltered(what, stored_sha256, found)
    return data


def facts_of(case: Case, letter: IssuedLetter) -> CaseFacts:
    """Return the facts the letter was issued from (the case's own for a letter stored without them)."""
    facts = load_case(letter.facts) if letter.facts else case.case_facts()
    if not facts.request.practice.name:
        facts = replace(facts, request=replace(facts.request, practice=case.clinic.letterhead()))
    return facts


def packet_for_case(case: Case, letter: IssuedLetter, *, to_fax: str, attention: str, today: date) -> bytes:
    """Return the case's packet: cover, the issued letter, then its enclosures in date order."""
    facts = facts_of(case, letter)
    patient = facts.patient
    if not patient.name.strip() or patient.born_on is None:
        raise PacketRefused("Every page carries the patient's name and date of birth: add both to the case.")
    letter_pdf = checked_bytes(letter.pdf, letter.sha256, f"letter version {letter.version}")
    enclosures = [
        PacketFile(
            enclosure.content_type,
            checked_bytes(enclosure.data, enclosure.sha256, f"enclosure {enclosure.filename}"),
            enclosure.filename,
        )
        for enclosure in case.enclosures.order_by("document_on", "uploaded_at")
    ]
    cover = cover_for_facts(facts, to_fax=to_fax, attention=attention, sent_on=today)
    return build_packet(
        cover, letter_pdf, enclosures, patient_name=patient.name, patient_born=patient.born_on
    )
