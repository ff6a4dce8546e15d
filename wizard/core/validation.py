"""Consistency rules for dates, shared by the wizard's forms and the case-file import."""

from __future__ import annotations

import dataclasses
from datetime import date

from .case_json import join
from .facts import Trial

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
