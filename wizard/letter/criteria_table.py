"""The criteria table: its heading, one row per finding with its source, and the payer documents it cites."""

from __future__ import annotations

from collections.abc import Sequence

from ..core.choices import Payer
from ..core.criteria import policies_for, profile_for
from ..core.criteria.sources import BCBSA_70125
from ..core.display import format_date
from ..core.facts import CaseFacts
from ..core.rules import Result
from .addressing import adopted_by, payer_name
from .content import CriterionRow

CRITERIA_NOTE = (
    "Each criterion is judged from this record: met (documented and satisfied), not met, or not documented. "
    "“Verify” marks a requirement known only from a secondary or unconfirmed source."
)
BCBSA_POLICY = "BCBSA 7.01.25"


def criteria_title(facts: CaseFacts) -> str:
    """Return the heading of the criteria table: the payer profile and its policies."""
    profile = profile_for(facts.request.payer)
    if profile is None:
        return "No payer chosen"
    if facts.request.payer == Payer.BCBSA:
        return f"{payer_name(facts)}: {policies_for(facts)}{adopted_by(facts)}"
    return f"{profile.name}: {policies_for(facts)}"


def criterion_rows(findings: Sequence[Result], adopted: str = "") -> tuple[CriterionRow, ...]:
    """Return the criteria table: criterion, status, evidence, source; `adopted` names a Blue plan's adoption."""
    rows = []
    for result in findings:
        c = result.criterion
        kind = "verify" if c.citation.verify_with_payer else ("required" if c.required else "recommended")
        effective = f", effective {format_date(c.citation.effective)}" if c.citation.effective else ""
        name = (
            f"{BCBSA_POLICY}{adopted}" if adopted and c.citation.tag == BCBSA_70125.tag else c.citation.source
        )
        source = f"{name}{', ' + c.citation.section if c.citation.section else ''}{effective}"
        rows.append(
            CriterionRow(
                c.id, c.text, result.status.value, result.status.label, result.finding.evidence, source, kind
            )
        )
    return tuple(rows)


def policy_references(findings: Sequence[Result]) -> tuple[str, ...]:
    """Return each payer document the criteria table cites for a requirement, once, with URL and date."""
    seen: dict[str, str] = {}
    for result in findings:
        if not result.criterion.required:
            continue
        c = result.criterion.citation
        effective = f", effective {format_date(c.effective)}" if c.effective else ""
        seen.setdefault(c.source, f"{c.source}{effective}. {c.url}")
    return tuple(seen.values())
