"""What a denial risk is made of: gaps, each naming the wizard step and field that fixes it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .coding import Coding
from .facts import CaseFacts
from .rules import Result, Status


@dataclass(frozen=True)
class Gap:
    """One documentation gap; `blocks` when a payer reviewer denies on it whatever the criteria table says,
    `failed` when the record documents the failing fact (rather than leaving it out)."""

    message: str
    step: str
    field: str = ""
    blocks: bool = False
    failed: bool = False


@dataclass(frozen=True)
class DenialRisk:
    key: str
    title: str
    sources: str
    gaps: tuple[Gap, ...]

    @property
    def blocking_gaps(self) -> tuple[Gap, ...]:
        """Return the gaps of this risk that stop the request."""
        return tuple(g for g in self.gaps if g.blocks)

    @property
    def blocks(self) -> bool:
        """Return True when any gap of this risk stops the request."""
        return bool(self.blocking_gaps)


Check = Callable[[CaseFacts, Sequence[Result], Coding], list[Gap]]


def sentence(text: str) -> str:
    """Return text with its first letter upper-cased and a full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def failing(results: Sequence[Result], topics: Sequence[str]) -> list[Result]:
    """Return results not met whose criterion id ends with one of the topics."""
    return [r for r in results if r.status is Status.NOT_MET and r.criterion.id.rsplit(".", 1)[1] in topics]
