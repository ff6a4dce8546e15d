"""Medicare (traditional): NCD 160.7 everywhere, plus the LCD of the practice's MAC where one is active.

This module holds the NCD 160.7 table and picks the table for the case's MAC. Reference §1: L36204
(Noridian JF), L35136 (Noridian JE, text not retrieved), L37632 with A56876 (Palmetto JJ/JM), their tables
in medicare_lcd; CGS and NGS retired their LCDs in 2023, so NCD 160.7 and the OPD prior-authorization
documentation lists apply there (medicare_no_lcd); CGS (J15) adds who may perform the psychological
evaluation for hospital outpatient prior authorization (reference 1.5, 6.1).
"""

from __future__ import annotations

from ..choices import MacJurisdiction
from ..rules import Criterion
from . import predicates as p
from . import trial_outcome as t
from .groups import ALL_STIMULATORS, NEW_STIMULATORS, PERMANENT, REPLACEMENT
from .medicare_lcd import L35136_CRITERIA, L36204_CRITERIA, L37632_CRITERIA
from .medicare_no_lcd import CGS_CRITERIA, NO_LCD_CRITERIA
from .medicare_rules import TRIAL_SUCCESS_PERCENT, replacement_reason
from .sources import CMS_LCD_BACKGROUND, NCD_160_7, OPD_PA, cite

LATE_RESORT = Criterion(
    "medicare.ncd160_7.late_resort",
    "Stimulation is a late resort: pharmacological, physical, psychological and surgical treatment were "
    "tried and unsatisfactory, or judged unsuitable.",
    cite(NCD_160_7, "Conditions 1 and 2"),
    NEW_STIMULATORS,
    p.other_modalities_failed_or_unsuitable,
    step="therapy",
)
PSYCH = Criterion(
    "medicare.ncd160_7.psych_evaluation",
    "Multidisciplinary screening before implantation included a psychological evaluation that cleared the patient.",
    cite(NCD_160_7, "Condition 3"),
    NEW_STIMULATORS,
    p.psych_cleared,
    step="psych",
    field="conclusion",
)
FACILITIES = Criterion(
    "medicare.ncd160_7.facilities",
    "Facilities, equipment and staff for implantation, training and follow-up are available.",
    cite(NCD_160_7, "Condition 4"),
    ALL_STIMULATORS,
    p.answered(
        lambda f: f.decision.facilities_available,
        "facilities and staff available",
        "facilities or staff not available",
        "availability of facilities and staff not stated",
    ),
    step="decision",
    field="facilities_available",
)
TRIAL_SUCCESS = Criterion(
    "medicare.ncd160_7.trial_success",
    f"A temporary trial showed at least {TRIAL_SUCCESS_PERCENT}% less target pain or "
    f"{TRIAL_SUCCESS_PERCENT}% less analgesic use.",
    cite(OPD_PA, "NCD 160.7 condition 5; threshold from the OPD prior-authorization lists"),
    PERMANENT,
    t.trial_relief_or_analgesic_reduction(TRIAL_SUCCESS_PERCENT),
    step="trial",
    field="pain_during_nrs",
)
REPLACEMENT_REASON = Criterion(
    "medicare.lcd.replacement_reason",
    "The stimulator worked well and is replaced for a hardware reason (battery, malfunction, migration, "
    "fracture), so no new trial is needed; an infected system is explanted and reimplanted later.",
    cite(CMS_LCD_BACKGROUND, "Replacement"),
    REPLACEMENT,
    replacement_reason,
    step="device",
    field="problem",
)
NCD_CRITERIA = (LATE_RESORT, PSYCH, FACILITIES, TRIAL_SUCCESS, REPLACEMENT_REASON)


LCD_BY_JURISDICTION = {
    MacJurisdiction.JF: L36204_CRITERIA,
    MacJurisdiction.JE: L35136_CRITERIA,
    MacJurisdiction.JJ: L37632_CRITERIA,
    MacJurisdiction.JM: L37632_CRITERIA,
}
LCD_NAMES = {
    MacJurisdiction.JF: "L36204",
    MacJurisdiction.JE: "L35136",
    MacJurisdiction.JJ: "L37632 + A56876",
    MacJurisdiction.JM: "L37632 + A56876",
}


def medicare_criteria(mac: MacJurisdiction | None) -> tuple[Criterion, ...]:
    """Return NCD 160.7 plus the MAC's LCD, or the OPD documentation list where no LCD is active."""
    if mac is MacJurisdiction.J15:
        return NCD_CRITERIA + CGS_CRITERIA
    return NCD_CRITERIA + LCD_BY_JURISDICTION.get(mac, NO_LCD_CRITERIA)
