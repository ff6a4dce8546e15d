"""Wording helpers for the letter's narrative: sentences, lists, plurals, date ranges, pain relief.

Every sentence is built from facts that are present; a missing fact leaves its sentence out. Nothing
in the narrative decides whether a payer criterion is met: that is the criteria table's job.
"""

from __future__ import annotations

from datetime import date

from ..core import scoring
from ..core.display import format_date


def words(items: list[str]) -> str:
    """Join items as 'a, b and c'."""
    items = [i for i in items if i]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def lower_first(text: str) -> str:
    """Lower-case a label's first letter unless it starts an acronym: 'Complex regional…' but 'SNRI'."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def plural(count: int, unit: str) -> str:
    """Return '1 day' or '3 days'."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def sentence(text: str) -> str:
    """Return text as a sentence: capital first letter (unless it starts like 'eGFR'), full stop at the end."""
    text = text.strip()
    if not text:
        return ""
    first = text[0] if len(text) > 1 and text[1].isupper() else text[0].upper()
    return first + text[1:] + ("" if text[-1] in '.!?”"' else ".")


def keep(*sentences: str) -> tuple[str, ...]:
    """Return the non-empty sentences."""
    return tuple(s for s in sentences if s)


def item(*parts: str) -> str:
    """Join the non-empty parts of a list item with commas."""
    return ", ".join(p for p in parts if p)


def date_range(start: date | None, end: date | None, ongoing: str = "ongoing") -> str:
    """Return 'Mar 1, 2024 – Jun 1, 2024', 'since Mar 1, 2024 (ongoing)' or ''."""
    if start and end:
        return f"{format_date(start)} – {format_date(end)}"
    if start:
        return f"since {format_date(start)} ({ongoing})"
    return f"until {format_date(end)}" if end else ""


def relief_text(before: int | None, after: int | None) -> str:
    """Return 'pain 8 → 3/10 (62.5% relief)' or ''."""
    if before is None or after is None:
        return ""
    relief = scoring.percent_reduction(before, after)
    return f"pain {before} → {after}/10" + (f" ({relief}% relief)" if relief is not None else "")
