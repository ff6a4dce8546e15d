"""Consistency rules for dates, shared by the wizard's forms and the case-file import."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from .case_json import join
from .choices import Payer
from .facts import CaseFacts, Trial

# Dates that may lie ahead of today; every other *_on date records something that happened.
FUTURE_DATES_ALLOWED = frozenset({"planned_on"})
OLDEST_AGE_YEARS = 120

DATE_PAIRS = (("started_on", "ended_on"), ("started_on", "stopped_on"))
ORDER_MESSAGE = "must not be before the start date"
TRIAL_ORDER_MESSAGE = "the trial must end after the day it started"


def problems(obj: object, today: date, path: str = "") -> list[tuple[str, str]]:
    """Return (path, message) for every date in a facts dataclass that cannot be right."""
    found: list[tuple[str, str]] = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        where = join(path, f.name)
        if dataclasses.is_dataclass(value):
            found += problems(value, today, where)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    found += problems(item, today, f"{where}[{i}]")
        elif isinstance(value, date):
            message = date_problem(f.name, value, today)
            if message:
                found.append((where, message))
    found += order_problems(obj, path)
    if isinstance(obj, CaseFacts):
        found += member_id_problems(obj, path)
    return found


def date_problem(name: str, value: date, today: date) -> str | None:
    """Return why one date is impossible, or None."""
    if name not in FUTURE_DATES_ALLOWED and value > today:
        return "cannot be in the future"
    if name == "born_on" and value.year < today.year - OLDEST_AGE_YEARS:
        return f"gives an age over {OLDEST_AGE_YEARS} years"
    return None


def order_problems(obj: object, path: str) -> list[tuple[str, str]]:
    """Return problems where an end date precedes its start date."""
    found = []
    for start_name, end_name in DATE_PAIRS:
        start, end = getattr(obj, start_name, None), getattr(obj, end_name, None)
        if start is None or end is None:
            continue
        if isinstance(obj, Trial) and end <= start:
            found.append((join(path, end_name), TRIAL_ORDER_MESSAGE))
        elif end < start:
            found.append((join(path, end_name), ORDER_MESSAGE))
    return found


# The Medicare Beneficiary Identifier: 11 characters, C A AN N A AN N A A N N, where C is 1-9, N is 0-9,
# A is a capital letter other than S, L, O, I, B and Z, and AN is either (CMS, "Understanding the Medicare
# Beneficiary Identifier (MBI) Format", cms.gov/medicare/new-medicare-card). Dashes are never part of it.
_MBI_LETTER = "[AC-HJKMNP-RT-Y]"
_MBI_EITHER = "[AC-HJKMNP-RT-Y0-9]"
MBI_PATTERN = re.compile(
    f"[1-9]{_MBI_LETTER}{_MBI_EITHER}[0-9]{_MBI_LETTER}{_MBI_EITHER}[0-9]{_MBI_LETTER}{_MBI_LETTER}[0-9][0-9]"
)
MBI_MESSAGE = (
    "is not a Medicare Beneficiary Identifier: 11 characters without dashes, e.g. 1EG4TE5MK73 "
    "(no S, L, O, I, B or Z)"
)


def is_valid_mbi(value: str) -> bool:
    """Return True when the value has the MBI's format (upper case, no dashes or spaces)."""
    return MBI_PATTERN.fullmatch(value) is not None


def mbi_problem(payer: Payer | str | None, member_id: str) -> str | None:
    """Return why a traditional Medicare member id cannot be an MBI, or None (other payers: never)."""
    if payer != Payer.MEDICARE or not member_id or is_valid_mbi(member_id):
        return None
    return MBI_MESSAGE


def member_id_problems(facts: CaseFacts, path: str = "") -> list[tuple[str, str]]:
    """Return the member id's problem for the case's payer, if any."""
    message = mbi_problem(facts.request.payer, facts.patient.member_id)
    return [(join(path, "patient.member_id"), message)] if message else []
