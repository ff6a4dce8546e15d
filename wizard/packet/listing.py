"""The letter's list of enclosures, written from the records uploaded to the case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..core.display import format_date


def enclosure_lines(enclosures: Iterable[tuple[str, str, date]]) -> tuple[str, ...]:
    """Return one line per (kind label, title, date): "Psychological evaluation (Linda Cho, PhD, Jul 22, 2026)"."""
    lines = []
    for kind_label, title, document_on in enclosures:
        details = ", ".join(part for part in (title.strip(), format_date(document_on)) if part)
        lines.append(f"{kind_label} ({details})")
    return tuple(lines)
