"""The criteria appendix in the payer's language: the recipient's policy cited once, numbered criteria.

The criteria tables carry what the clinician needs to check a requirement (secondary sources, summary
websites, "verify with payer"); that stays on the review page. The letter states each criterion, its
status and what the record shows, and cites only the policy of the plan it is written to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.criteria import profile_for
from ..core.criteria.policy_names import BLUE_ASSOCIATION, PolicyName, recipient_policies
from ..core.display import format_date
from ..core.facts import CaseFacts
from ..core.rules import Result, Status
from .addressing import adopted_by, payer_name
from .content import CriterionRow

CRITERIA_NOTE = (
    "Each criterion is listed with its status and what the patient's record shows: met (documented and "
    "satisfied), not met, or not documented."
)
# Criteria whose table wording claims more than the record can show: the letter states what was judged.
LETTER_WORDING = {
    "medicare.ncd160_7.psych_evaluation": "A psychological evaluation before implantation cleared the patient.",
    "aetna.cpb0194.psych_clearance": (
        "A psychiatrist, psychologist or qualified mental-health professional cleared the patient."
    ),
    "other.cpb0194.psych_clearance": (
        "A psychiatrist, psychologist or qualified mental-health professional cleared the patient."
    ),
}
PSYCH_IDS = frozenset(LETTER_WORDING)
# Words meant for the clinician: a parenthesis holding one is dropped whole, a clause holding one too.
INTERNAL = (
    r"verif|retriev|unconfirm|summari[sz]|reference \d|secondary|answer the|date each|issuer|proprietary|"
    r"case write|not on file"
)
INTERNAL_PARENTHESIS = re.compile(rf"\s*\([^()]*(?:{INTERNAL})[^()]*\)", re.IGNORECASE)
INTERNAL_CLAUSE = re.compile(rf"[;:][^;:.()]*(?:{INTERNAL})[^;.]*(?=[;.]|$)", re.IGNORECASE)
INTERNAL_ASIDES = (", the threshold every payer in the reference uses",)
# The strictest-common table names the payer each criterion comes from: another payer's, not the recipient's.
ORIGIN = re.compile(r"\s*\(as [^()]*\)\s*$")
# US spelling for US payers, in wording that comes from the criteria tables and their findings.
US_SPELLING = {
    "programme": "program",
    "behavioural": "behavioral",
    "behaviour": "behavior",
    "licence": "license",
    "colour": "color",
    "oedema": "edema",
    "counsellor": "counselor",
    "summarised": "summarized",
    "centre": "center",
    "judgement": "judgment",
    "anaesthetic": "anesthetic",
    "labelling": "labeling",
    "utilisation": "utilization",
    "microlitre": "microliter",
}
BRITISH = re.compile(r"\b(" + "|".join(US_SPELLING) + r")", re.IGNORECASE)


def us_spelling(text: str) -> str:
    """Return text with the British spellings the tables use in their US form, keeping a capital."""

    def swap(match: re.Match) -> str:
        word = match.group(1)
        us = US_SPELLING[word.lower()]
        return us[:1].upper() + us[1:] if word[:1].isupper() else us

    return BRITISH.sub(swap, text)


def payer_text(text: str) -> str:
    """Return a criterion's or finding's wording with the clinician's hedges and instructions taken out."""
    for aside in INTERNAL_ASIDES:
        text = text.replace(aside, "")
    text = ORIGIN.sub("", text)
    text = INTERNAL_PARENTHESIS.sub("", text)
    text = INTERNAL_CLAUSE.sub("", text)
    return us_spelling(text.strip())


def criterion_text(criterion) -> str:
    """Return a criterion as the letter states it: what was judged, without the clinician's hedges."""
    return payer_text(LETTER_WORDING.get(criterion.id, criterion.text))


def criteria_title(facts: CaseFacts) -> str:
    """Return the heading of the criteria appendix: whose criteria these are (the policy is cited once below)."""
    if profile_for(facts.request.payer) is None:
        return "No payer chosen"
    return f"Coverage criteria of {payer_name(facts)}"


def citation_text(policy: PolicyName) -> str:
    """Return 'Aetna Clinical Policy Bulletin 0194, Spinal Cord Stimulation (revised Jan 1, 2026)'."""
    dated = f" ({policy.dated} {format_date(policy.revised)})" if policy.revised else ""
    return f"{policy.number}, {policy.title}{dated}"


def policy_citation(facts: CaseFacts) -> str:
    """Return the recipient's own policy for this request, cited once; '' when none is on file."""
    policies = recipient_policies(facts)
    if not policies:
        return ""
    cited = " and of ".join(citation_text(p) for p in policies)
    plan = adopted_by(facts)
    if policies == (BLUE_ASSOCIATION,) and plan:
        # A Blue plan we hold no number for: its own policy, adopting the association's.
        cited = f"the medical policy of {plan.removeprefix(' as adopted by ')} adopting {cited}"
    return f"Criteria of {cited}."


def psych_evidence(facts: CaseFacts) -> str:
    """Return 'psychological evaluation on Aug 12, 2026 by Alan Porter, PsyD (psychologist): cleared' or ''."""
    psych = facts.psych
    if psych.evaluated_on is None or psych.conclusion is None:
        return ""
    credential = f" ({psych.evaluator_credential.label.lower()})" if psych.evaluator_credential else ""
    by = f" by {psych.evaluator_name}{credential}" if psych.evaluator_name else ""
    return (
        f"psychological evaluation on {format_date(psych.evaluated_on)}{by}: {psych.conclusion.label.lower()}"
    )


def criterion_rows(findings: Sequence[Result], facts: CaseFacts | None = None) -> tuple[CriterionRow, ...]:
    """Return the criteria appendix: numbered criterion, status and what the record shows.

    A requirement the tables know only from a secondary source is stated like any other, with what the
    record shows; its kind is left blank rather than labeled "verify" (that stays on the review page).
    """
    rows = []
    for number, result in enumerate(findings, start=1):
        c = result.criterion
        kind = "" if c.citation.verify_with_payer else ("required" if c.required else "recommended")
        evidence = result.finding.evidence
        if c.id in PSYCH_IDS and facts is not None and result.status is Status.MET:
            evidence = psych_evidence(facts) or evidence
        text = criterion_text(c)
        rows.append(
            CriterionRow(
                c.id,
                f"{number}. {text}",
                result.status.value,
                result.status.label,
                payer_text(evidence),
                "",
                kind,
            )
        )
    return tuple(rows)
