"""The recipient's own policy as a letter cites it once: number, title and revision or effective date.

The criteria tables cite many documents (summaries, mirrors, checklists) so the clinician can check each
requirement; the letter names only the policy of the plan it is written to (issue 9, item 2). A payer
with no policy on file for the request (Medicare for a sympathetic block, an unnamed commercial plan)
gets no citation rather than another payer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..choices import BluePlan, MacJurisdiction, Payer
from ..facts import CaseFacts
from .groups import BLOCKS


@dataclass(frozen=True)
class PolicyName:
    """One payer document as the payer itself names it."""

    number: str
    title: str
    revised: date | None = None
    # "revised" or "effective": the word the payer's own document uses for `revised`.
    dated: str = "effective"


NCD_160_7 = PolicyName(
    "National Coverage Determination 160.7", "Electrical Nerve Stimulators", date(1995, 8, 7)
)
LCDS = {
    MacJurisdiction.JF: PolicyName(
        "Local Coverage Determination L36204", "Spinal Cord Stimulators for Chronic Pain", date(2019, 12, 1)
    ),
    MacJurisdiction.JE: PolicyName(
        "Local Coverage Determination L35136", "Spinal Cord Stimulators for Chronic Pain"
    ),
    MacJurisdiction.JJ: PolicyName(
        "Local Coverage Determination L37632",
        "Spinal Cord Stimulators for Chronic Pain",
        date(2021, 5, 13),
        "revised",
    ),
}
LCDS[MacJurisdiction.JM] = LCDS[MacJurisdiction.JJ]
OPD_PRIOR_AUTHORIZATION = PolicyName(
    "Medicare Hospital Outpatient Department Prior Authorization",
    "Implanted Spinal Neurostimulators",
    date(2021, 7, 1),
)
AETNA_SCS = PolicyName(
    "Aetna Clinical Policy Bulletin 0194", "Spinal Cord Stimulation", date(2026, 1, 1), "revised"
)
AETNA_CRPS = PolicyName(
    "Aetna Clinical Policy Bulletin 0447",
    "Complex Regional Pain Syndrome (CRPS/RSD): Treatments",
    date(2026, 2, 25),
    "revised",
)
HUMANA = PolicyName(
    "Humana Medical Coverage Policy HUM-0306-026", "Spinal Cord Stimulators", date(2023, 8, 24)
)
EVICORE = PolicyName(
    "eviCore healthcare Clinical Guideline CMM-211", "Spinal Cord and Dorsal Root Ganglion Stimulation"
)
UHC = PolicyName(
    "UnitedHealthcare Commercial Medical Policy 2025T0567Z",
    "Spinal Cord and Dorsal Root Ganglion Stimulation",
    date(2025, 1, 1),
)
ANTHEM = PolicyName(
    "Carelon Medical Benefits Management Clinical Appropriateness Guidelines",
    "Musculoskeletal Program: Interventional Pain Management",
)
BLUE_TITLE = "Spinal Cord and Dorsal Root Ganglion Stimulation"
BLUE_PLANS = {
    BluePlan.HIGHMARK: PolicyName("Highmark Medical Policy 07.01.025", BLUE_TITLE),
    BluePlan.TRIPLE_S: PolicyName("Triple-S Salud Medical Policy 07.001.029", BLUE_TITLE),
    BluePlan.BCBS_MINNESOTA: PolicyName(
        "Blue Cross and Blue Shield of Minnesota Medical Policy IV-74", BLUE_TITLE, date(2026, 9, 7)
    ),
    BluePlan.BCBS_NORTH_DAKOTA: PolicyName(
        "Blue Cross Blue Shield of North Dakota Medical Policy", BLUE_TITLE
    ),
}
# A Blue plan not listed adopts the association's policy under its own number, which we do not know.
BLUE_ASSOCIATION = PolicyName("Blue Cross Blue Shield Association Medical Policy 7.01.25", BLUE_TITLE)


def recipient_policies(facts: CaseFacts) -> tuple[PolicyName, ...]:
    """Return the policies of the plan the letter is written to, for this request; () when none is on file."""
    request = facts.request
    payer, blocks = request.payer, request.procedure in BLOCKS
    if payer == Payer.AETNA:
        return (AETNA_CRPS if blocks else AETNA_SCS,)
    if blocks:
        # Only Aetna's tables hold a block policy; the others judge blocks by shared recommendations alone.
        return ()
    if payer == Payer.MEDICARE:
        lcd = LCDS.get(request.mac_jurisdiction)
        return (NCD_160_7, lcd) if lcd else (NCD_160_7, OPD_PRIOR_AUTHORIZATION)
    if payer == Payer.BCBSA:
        return (BLUE_PLANS.get(request.blue_plan, BLUE_ASSOCIATION),)
    return {
        Payer.HUMANA_MA: (HUMANA,),
        Payer.EVICORE_CIGNA: (EVICORE,),
        Payer.UHC: (UHC,),
        Payer.ANTHEM: (ANTHEM,),
    }.get(payer, ())
