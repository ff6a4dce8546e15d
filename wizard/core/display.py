"""How facts read in print and on screen: dates, yes/no, choices, lists."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from .choices import BluePlan, Choice, Payer


def format_date(value: date) -> str:
    """Return a date as 'Mar 4, 2026'."""
    return f"{value:%b} {value.day}, {value.year}"


def format_value(value: object) -> str:
    """Return one fact as text; an empty string when it is not documented."""
    if value is None or value == "" or value == ():
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Choice):
        return value.label
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, tuple):
        return ", ".join(format_value(v) for v in value)
    return str(value)


def format_hours(hours: Decimal) -> str:
    """Return a length in hours as '49 hours' or '48 hours 1 minute' (whole minutes)."""
    minutes = int(hours * 60)
    whole, rest = divmod(minutes, 60)
    text = f"{whole} hour{'s' if whole != 1 else ''}"
    return f"{text} {rest} minute{'s' if rest != 1 else ''}" if rest else text


def payer_label(payer: Payer | None, blue_plan: BluePlan | None, typed_name: str, unnamed_blue: str) -> str:
    """Return the payer as people name it: the name typed, the member's own Blue plan, or the payer's label."""
    if typed_name:
        return typed_name
    if payer is Payer.BCBSA:
        return blue_plan.label if blue_plan not in (None, BluePlan.OTHER) else unnamed_blue
    return payer.label if payer else ""
