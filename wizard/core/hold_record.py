"""The record every safety check returns: a Hold and its status (held, caution, clear, not documented)."""

from __future__ import annotations

from dataclasses import dataclass

from .choices import Choice
from .rules import Citation


class HoldStatus(Choice):
    HELD = "held", "on hold"
    CAUTION = "caution", "caution"
    CLEAR = "clear", "no hold"
    NOT_DOCUMENTED = "not_documented", "not documented"


@dataclass(frozen=True)
class Hold:
    """One safety check on one case: held, clear or not documented, with the value and what ends the hold."""

    id: str
    title: str
    status: HoldStatus
    evidence: str
    until: str
    citation: Citation
    step: str = "safety"
    field: str = ""

    @property
    def open(self) -> bool:
        """Return True when this hold stops the request now."""
        return self.status is HoldStatus.HELD
