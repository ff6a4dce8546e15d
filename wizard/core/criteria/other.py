"""Other commercial plans: the strictest criteria common to the listed payers, each naming its origin."""

from __future__ import annotations

from dataclasses import replace

from ..rules import Criterion
from . import aetna, common, evicore, medicare
from .sources import SECONDARY, cite


def adopted(
    criterion: Criterion, origin: str, *, required: bool | None = None, verify: bool = False
) -> Criterion:
    """Return a criterion borrowed from another payer, its text naming where it comes from."""
    topic = criterion.id.split(".", 1)[1]
    citation = (
        cite(criterion.citation, criterion.citation.section, SECONDARY) if verify else criterion.citation
    )
    return replace(
        criterion,
        id=f"other.{topic}",
        text=f"{criterion.text} (as {origin})",
        citation=citation,
        required=criterion.required if required is None else required,
    )


AETNA_SCS = {c.id.rsplit(".", 1)[1]: c for c in aetna.SCS_CRITERIA}
CRITERIA = (
    adopted(medicare.LATE_RESORT, "Medicare NCD 160.7"),
    *(
        adopted(AETNA_SCS[topic], "Aetna CPB 0194")
        for topic in (
            "indication",
            "conservative_care",
            "odi_threshold",
            "pt_six_weeks",
            "after_spine_surgery",
            "psych_clearance",
            "no_untreated_sud",
            "trial_length",
            "trial_relief",
            "no_waveform_swap",
        )
    ),
    adopted(medicare.L36204_CRITERIA[4], "Medicare LCD L36204"),
    adopted(medicare.REPLACEMENT_REASON, "Medicare LCD background"),
    adopted(evicore.CRITERIA[5], "eviCore CMM-211; coverage of DRG and non-tonic modes varies", verify=True),
    *(adopted(c, "the Palmetto checklist", required=True) for c in common.DECISION),
    *(adopted(c, "Aetna CPB 0447") for c in aetna.BLOCK_CRITERIA),
    common.RELIEF_LENGTHENING,
)
