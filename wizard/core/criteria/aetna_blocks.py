"""Aetna CPB 0447 (CRPS treatments): the sympathetic-block table, its limits and the spacing of blocks."""

from __future__ import annotations

from decimal import Decimal

from ..rules import Criterion
from . import blocks as b
from .groups import BLOCKS
from .sources import AETNA_0447

# CPB 0447 [AETNA-0447].
BLOCKS_WITHOUT_RELIEF_LIMIT = 3
# "If no relief after 3": CPB 0447 gives no number, so a block counts as giving relief only at the
# substantial relief of IMMPACT (≥ 50 %, reference 4.2), the bar the trial rules also use; any relief above
# 0 % would let three 12.5 % blocks justify a fourth.
BLOCK_RELIEF_PERCENT = Decimal(50)
BLOCK_MIN_DAYS_APART = 7


def cpb0447(topic, text, predicate, step, field="", reads=frozenset()) -> Criterion:
    """Return a CPB 0447 sympathetic-block criterion."""
    return Criterion(f"aetna.cpb0447.{topic}", text, AETNA_0447, BLOCKS, predicate, True, step, field, reads)


BLOCK_CRITERIA = (
    cpb0447(
        "crps_diagnosis",
        "The diagnosis is CRPS meeting the Budapest criteria.",
        b.crps_confirmed,
        "diagnosis",
        "condition",
    ),
    cpb0447(
        "conservative_care",
        "Conservative treatment including analgesics and physical therapy has failed.",
        b.analgesics_and_pt_failed,
        "therapy",
    ),
    cpb0447(
        "three_without_relief",
        f"Fewer than {BLOCKS_WITHOUT_RELIEF_LIMIT} earlier blocks, or an earlier block gave relief "
        f"(at least {BLOCK_RELIEF_PERCENT}%, the substantial relief of IMMPACT).",
        b.limit_without_relief(BLOCKS_WITHOUT_RELIEF_LIMIT, BLOCK_RELIEF_PERCENT),
        "blocks",
        "first_block",
    ),
    cpb0447(
        "program_beyond_three",
        f"A block beyond the first {BLOCKS_WITHOUT_RELIEF_LIMIT} is part of a "
        "comprehensive pain programme (physical therapy, education, psychosocial support, medication).",
        b.program_beyond(BLOCKS_WITHOUT_RELIEF_LIMIT),
        "blocks",
        "comprehensive_program",
    ),
    cpb0447(
        "seven_days_apart",
        f"Blocks are at least {BLOCK_MIN_DAYS_APART} days apart.",
        b.spaced_at_least(BLOCK_MIN_DAYS_APART),
        "request",
        "planned_on",
        frozenset({"blocks"}),
    ),
)
