"""What the case's payer asks of each field of a step, and how many of the step's required items are open.

Read from the same assessment as the review (`assess`), so a field marked "Required by Aetna CPB 0194"
and the review's open criteria never disagree: the markers come from the criteria that apply to the
request, the open count from the one decision's blocking criteria and blocking denial risks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assessment import Assessment
from .choices import Payer
from .criteria.policy_names import PolicyName, recipient_policies
from .facts import CaseFacts
from .rules import Criterion, Result

REQUIRED, RECOMMENDED, OPTIONAL = "required", "recommended", "optional"

# The payers' own words are long; the marker beside a label names the document the way staff say it.
SHORTER_WORDS = (
    ("National Coverage Determination", "Medicare NCD"),
    ("Local Coverage Determination", "Medicare LCD"),
    ("Medicare Hospital Outpatient Department Prior Authorization", "Medicare OPD prior authorization"),
    ("Clinical Policy Bulletin", "CPB"),
    ("Medical Coverage Policy ", ""),
    ("healthcare Clinical Guideline ", ""),
    ("Commercial Medical Policy ", ""),
    ("Blue Cross Blue Shield Association", "BCBSA"),
    ("Medical Benefits Management Clinical Appropriateness Guidelines", "guidelines"),
)


@dataclass(frozen=True)
class FieldMark:
    """What the payer asks of one field: required (with the policy), recommended, or optional."""

    level: str
    text: str = ""
    criteria: tuple[str, ...] = ()
    # True when every required criterion reading the field comes from a secondary or unconfirmed source.
    verify: bool = False


OPTIONAL_MARK = FieldMark(OPTIONAL)


@dataclass(frozen=True)
class OpenItem:
    """One required item of a step that is not met or not documented, in words, with its field if any."""

    id: str
    text: str
    step: str
    field: str = ""


@dataclass(frozen=True)
class StepWide:
    """A criterion judged from a step as a whole (no single field), with its mark."""

    id: str
    text: str
    mark: FieldMark


@dataclass(frozen=True)
class StepRequirements:
    """A step as the case's payer sees it: a mark per field, step-wide requirements and open items."""

    step: str
    payer: str
    fields: dict[str, FieldMark]
    # Required or recommended criteria of this step that name no single field (e.g. conservative care).
    step_wide: tuple[StepWide, ...]
    open_items: tuple[OpenItem, ...]

    @property
    def open_count(self) -> int:
        """Return how many items the payer requires on this step are still open."""
        return len(self.open_items)

    def mark(self, field: str) -> FieldMark:
        """Return the mark of one field (optional when no criterion reads it)."""
        return self.fields.get(field, OPTIONAL_MARK)


def short_policy_name(policy: PolicyName) -> str:
    """Return a policy's number as staff say it: "Aetna CPB 0194", "Medicare LCD L36204"."""
    name = policy.number
    for long, short in SHORTER_WORDS:
        name = name.replace(long, short)
    return " ".join(name.split())


def compact(text: str) -> str:
    """Return text lowercased with everything but letters and digits removed, for matching ids to numbers."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def policy_of(criterion: Criterion, facts: CaseFacts) -> str:
    """Return the short name of the recipient's policy that holds a criterion, else the payer's name."""
    policies = recipient_policies(facts)
    if not policies:
        payer = facts.request.payer
        if payer is None or payer == Payer.OTHER_COMMERCIAL:
            return "your payer"
        return payer.label
    key = compact(criterion.id)
    for policy in policies:
        if compact(policy.number.split()[-1]) in key:
            return short_policy_name(policy)
    # Medicare's own LCD (or OPD list) holds what the NCD does not; single-policy payers have one.
    return short_policy_name(policies[-1])


def field_marks(results: tuple[Result, ...], step: str, facts: CaseFacts) -> dict[str, FieldMark]:
    """Return the mark of each field of `step` that a criterion of the case's payer reads."""
    reading: dict[str, list[Criterion]] = {}
    for result in results:
        criterion = result.criterion
        if criterion.step == step and criterion.field:
            reading.setdefault(criterion.field, []).append(criterion)
    return {name: mark_of(criteria, facts) for name, criteria in reading.items()}


def mark_of(criteria: list[Criterion], facts: CaseFacts) -> FieldMark:
    """Return one field's mark from the criteria that read it: any required one makes it required."""
    required = [c for c in criteria if c.required]
    ids = tuple(c.id for c in criteria)
    if not required:
        return FieldMark(RECOMMENDED, "Recommended", ids)
    policies = list(dict.fromkeys(policy_of(c, facts) for c in required))
    verify = all(c.citation.verify_with_payer for c in required)
    text = f"Required by {' and '.join(policies)}" + (" (verify with payer)" if verify else "")
    return FieldMark(REQUIRED, text, ids, verify)


def open_items(assessment: Assessment, step: str | None = None) -> tuple[OpenItem, ...]:
    """Return the required items still open (blocking criteria, then blocking denial risks), of one step or all."""
    verdict = assessment.verdict
    items = [
        OpenItem(r.criterion.id, r.criterion.text.rstrip("."), r.criterion.step, r.criterion.field)
        for r in verdict.blocking
    ]
    items += [
        OpenItem(b.id, b.text.rstrip("."), b.step, b.field)
        for b in verdict.blockers
        if b.kind == "risk" or step is None
    ]
    return tuple(item for item in items if step is None or item.step == step)


def step_requirements(assessment: Assessment, step: str) -> StepRequirements:
    """Return what the case's payer asks of one step, judged by `assess` on the case's facts."""
    facts = assessment.facts
    results = assessment.results
    payer = facts.request.payer
    step_wide = tuple(
        StepWide(r.criterion.id, r.criterion.text, mark_of([r.criterion], facts))
        for r in results
        if not r.criterion.field and (r.criterion.step == step or step in r.criterion.reads)
    )
    return StepRequirements(
        step=step,
        payer=assessment.profile.name if assessment.profile else (payer.label if payer else ""),
        fields=field_marks(results, step, facts),
        step_wide=step_wide,
        open_items=open_items(assessment, step),
    )
