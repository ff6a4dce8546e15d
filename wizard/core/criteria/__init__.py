"""Payer profiles: which criteria apply to a case, by payer and, for Medicare, by MAC jurisdiction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..choices import MacJurisdiction, Payer
from ..facts import CaseFacts
from ..rules import Criterion
from . import aetna, anthem, bcbsa, common, evicore, humana, medicare, other, uhc
from .groups import BLOCKS
from .versions import CRITERIA_VERSION, criteria_in_force, judging_date, table_version

BLOCK_RECOMMENDED = (*common.DECISION, common.RELIEF_LENGTHENING)


@dataclass(frozen=True)
class Profile:
    """A payer's criteria: named tables, and how a case's facts pick among them."""

    payer: Payer
    name: str
    policies: str
    tables: dict[str, tuple[Criterion, ...]]
    select: Callable[[CaseFacts], tuple[Criterion, ...]] | None = field(default=None, compare=False)

    def criteria_for(self, facts: CaseFacts, on: date | None = None) -> tuple[Criterion, ...]:
        """Return the criteria that judge this case, in table order, as in force on `on`.

        Without `on`, the case's planned date of service decides; without that, the current versions.
        """
        if self.select is not None:
            selected = self.select(facts)
        else:
            selected = tuple(c for table in self.tables.values() for c in table)
        return criteria_in_force(selected, on or facts.request.planned_on)

    def all_criteria(self) -> tuple[Criterion, ...]:
        """Return every criterion of every table once (its first version), in table order."""
        seen: dict[str, Criterion] = {}
        for criterion in self.all_versions():
            seen.setdefault(criterion.id, criterion)
        return tuple(seen.values())

    def all_versions(self) -> tuple[Criterion, ...]:
        """Return every version of every criterion once, in table order (old and new versions share an id)."""
        seen: dict[int, Criterion] = {}
        for table in self.tables.values():
            for criterion in table:
                seen.setdefault(id(criterion), criterion)
        return tuple(seen.values())

    def table_versions(self) -> dict[str, str]:
        """Return each table's version: the release and a fingerprint of every version it holds."""
        return {name: table_version(criteria) for name, criteria in self.tables.items()}


def medicare_tables() -> dict[str, tuple[Criterion, ...]]:
    """Return Medicare's tables: the NCD, then each LCD, the no-LCD list, and block recommendations."""
    tables = {"NCD 160.7 (all jurisdictions)": medicare.NCD_CRITERIA}
    for mac, name in medicare.LCD_NAMES.items():
        key = f"LCD {name}"
        jurisdictions = [m.value for m, n in medicare.LCD_NAMES.items() if n == name]
        tables[f"{key} ({', '.join(jurisdictions)})"] = medicare.LCD_BY_JURISDICTION[mac]
    tables["No active LCD (NGS, Novitas, WPS, First Coast): OPD documentation lists"] = (
        medicare.NO_LCD_CRITERIA
    )
    tables["No active LCD, CGS (J15): OPD documentation list and evaluator list"] = medicare.CGS_CRITERIA
    tables["Recommended for sympathetic blocks (no Medicare block policy on file)"] = BLOCK_RECOMMENDED
    return tables


def medicare_select(facts: CaseFacts) -> tuple[Criterion, ...]:
    """Return NCD 160.7 and the MAC's LCD; for a block request, the shared recommendations instead."""
    if facts.request.procedure in BLOCKS:
        return BLOCK_RECOMMENDED
    return medicare.medicare_criteria(facts.request.mac_jurisdiction)


BCBSA_RECOMMENDED = (common.PSYCH_BEFORE_TRIAL, *common.DECISION, common.RELIEF_LENGTHENING)


def bcbsa_select(facts: CaseFacts) -> tuple[Criterion, ...]:
    """Return 7.01.25, the member's plan's own additions (BCBS Minnesota), then the recommendations."""
    plan = bcbsa.MINNESOTA_CRITERIA if bcbsa.is_minnesota(facts) else ()
    return (*bcbsa.CRITERIA, *plan, *BCBSA_RECOMMENDED)


PROFILES: dict[Payer, Profile] = {
    Payer.MEDICARE: Profile(
        Payer.MEDICARE,
        "Medicare (traditional)",
        "NCD 160.7; LCD L36204 (JF), L35136 (JE), L37632 + A56876 (JJ, JM); OPD prior-authorization lists",
        medicare_tables(),
        medicare_select,
    ),
    Payer.HUMANA_MA: Profile(
        Payer.HUMANA_MA,
        "Humana Medicare Advantage",
        "HUM-0306-026 (NCD 160.7 and LCDs); Cohere Health DRG position",
        {"HUM-0306-026": humana.CRITERIA, "Recommended": (*common.DECISION, common.RELIEF_LENGTHENING)},
    ),
    Payer.AETNA: Profile(
        Payer.AETNA,
        "Aetna",
        "CPB 0194 Spinal Cord Stimulation; CPB 0447 CRPS Treatments",
        {
            "CPB 0194 (stimulation)": aetna.SCS_CRITERIA,
            "CPB 0447 (sympathetic blocks)": aetna.BLOCK_CRITERIA,
            "Recommended": (*common.DECISION, common.RELIEF_LENGTHENING),
        },
    ),
    Payer.EVICORE_CIGNA: Profile(
        Payer.EVICORE_CIGNA,
        "Cigna / eviCore",
        "CMM-211 Spinal Cord and Dorsal Root Ganglion Stimulation",
        {"CMM-211": evicore.CRITERIA, "Recommended": (*common.DECISION, common.RELIEF_LENGTHENING)},
    ),
    Payer.BCBSA: Profile(
        Payer.BCBSA,
        "Blue Cross Blue Shield (BCBSA 7.01.25)",
        "BCBSA 7.01.25 Spinal Cord and Dorsal Root Ganglion Stimulation",
        {
            "7.01.25": bcbsa.CRITERIA,
            "BCBS Minnesota IV-74 additions (from 2026-09-07; verify with payer)": bcbsa.MINNESOTA_CRITERIA,
            "Recommended": BCBSA_RECOMMENDED,
        },
        bcbsa_select,
    ),
    Payer.OTHER_COMMERCIAL: Profile(
        Payer.OTHER_COMMERCIAL,
        "Other commercial plan",
        "Strictest criteria common to the listed payers, each naming its origin",
        {"Strictest common criteria": other.CRITERIA},
    ),
    Payer.UHC: Profile(
        Payer.UHC,
        "UnitedHealthcare (commercial)",
        "UnitedHealthcare 2025T0567Z Spinal Cord and Dorsal Root Ganglion Stimulation (criteria via "
        "InterQual: verify with payer)",
        {
            "2025T0567Z and InterQual (verify with payer)": uhc.CRITERIA,
            "Recommended": (*common.DECISION, common.RELIEF_LENGTHENING),
        },
    ),
    Payer.ANTHEM: Profile(
        Payer.ANTHEM,
        "Anthem (Elevance) / Carelon",
        "Carelon (formerly AIM) Musculoskeletal Interventional Pain Management guideline (criteria text "
        "not retrieved: verify with payer)",
        {
            "Carelon Interventional Pain Management (verify with payer)": anthem.CRITERIA,
            "Recommended": (*common.DECISION, common.RELIEF_LENGTHENING),
        },
    ),
}


def policies_for(facts: CaseFacts) -> str:
    """Return the policies that apply to this case: for Medicare, the NCD and its MAC's LCD only."""
    profile = profile_for(facts.request.payer)
    if profile is None:
        return ""
    if profile.payer is not Payer.MEDICARE:
        return profile.policies
    mac = facts.request.mac_jurisdiction
    if mac in medicare.LCD_NAMES:
        return f"NCD 160.7 and LCD {medicare.LCD_NAMES[mac]} ({mac.label})"
    return "NCD 160.7 and the OPD prior-authorization documentation lists (no active LCD for this contractor)"


def profile_for(payer: Payer | str | None) -> Profile | None:
    """Return the profile of a payer id, or None."""
    return PROFILES.get(Payer._value2member_map_.get(payer)) if payer is not None else None


def criteria_for(
    facts: CaseFacts, payer: Payer | None = None, on: date | None = None
) -> tuple[Criterion, ...]:
    """Return the criteria for this case's payer (or the one given) in force on `on`, empty if none."""
    profile = profile_for(payer or facts.request.payer)
    return profile.criteria_for(facts, on) if profile else ()


def all_criteria() -> tuple[Criterion, ...]:
    """Return every criterion of every profile once."""
    seen: dict[str, Criterion] = {}
    for profile in PROFILES.values():
        for criterion in profile.all_criteria():
            seen.setdefault(criterion.id, criterion)
    return tuple(seen.values())


def all_criterion_versions() -> tuple[Criterion, ...]:
    """Return every version of every criterion of every profile once: what the tables have ever held."""
    seen: dict[int, Criterion] = {}
    for profile in PROFILES.values():
        for criterion in profile.all_versions():
            seen.setdefault(id(criterion), criterion)
    return tuple(seen.values())


__all__ = [
    "CRITERIA_VERSION",
    "PROFILES",
    "MacJurisdiction",
    "Profile",
    "all_criteria",
    "all_criterion_versions",
    "criteria_for",
    "criteria_in_force",
    "judging_date",
    "profile_for",
    "table_version",
]
