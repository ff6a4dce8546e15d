"""The ASRA 2018 bleeding-risk classes and antithrombotic hold table (reference §5.2, §5.3), as data.

Copied cell by cell from the reference; rows the reference marks UNCONFIRMED carry confirmed=False.
How an interval depends on kidney function is in renal_intervals.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from .choices import Antithrombotic, Choice, DrugClass, HoldUnit, Procedure, RevisionKind
from .facts import Request

NOT_GIVEN = "not given"
UPTODATE = "UPTODATE-ANTICOAG"
RAPM = "RAPM-2018"
HOURS_PER_DAY = 24


class BleedingRisk(Choice):
    HIGH = "high", "High"
    INTERMEDIATE = "intermediate", "Intermediate"
    LOW = "low", "Low"


HIGH, MID, LOW = BleedingRisk.HIGH, BleedingRisk.INTERMEDIATE, BleedingRisk.LOW
A = Antithrombotic

# Reference 5.2 [UPTODATE-RISK; ASRA-NEWS-2019].
RISK_BY_PROCEDURE = {
    Procedure.SCS_TRIAL: HIGH,
    Procedure.SCS_PERMANENT: HIGH,
    Procedure.DRG_TRIAL: HIGH,
    Procedure.DRG_PERMANENT: HIGH,
    Procedure.LUMBAR_SYMPATHETIC_BLOCK: MID,
    Procedure.STELLATE_GANGLION_BLOCK: MID,
}
RISK_BY_REVISION = {
    RevisionKind.GENERATOR_REPLACEMENT: LOW,
    RevisionKind.GENERATOR_REVISION: LOW,
    # A revised lead is passed into the epidural space again, as at implant, so it takes the implant's class.
    RevisionKind.PERCUTANEOUS_LEAD_REVISION: HIGH,
    RevisionKind.PADDLE_LEAD_REVISION: HIGH,
}
SYMPATHETIC_NOTES = (
    "Deep, non-compressible or paravertebral blocks (e.g. lumbar sympathetic) may be treated as higher risk "
    "[UPTODATE-RISK].",
    "The class of sympathetic blocks in the original ASRA 2018 table is partly UNCONFIRMED; verify against "
    "Narouze 2018.",
)
PATIENT_FACTORS_NOTE = (
    "Patients at higher bleeding risk (older age, coagulopathy, severe liver or kidney disease, prior surgery "
    "or radiation at the site) may be treated as higher risk [UPTODATE-RISK]."
)
GENERATOR_NOTE = (
    "IPG replacement and pocket revision are listed as low risk in the UpToDate adaptation; their place in "
    "the original 2018 table is partly UNCONFIRMED."
)


def bleeding_risk(request: Request) -> BleedingRisk | None:
    """Return the ASRA 2018 bleeding-risk class of the requested procedure, or None if not documented."""
    procedure = getattr(request, "procedure", None)
    if procedure == Procedure.SCS_REPLACEMENT:
        # Unknown until we know whether leads are revised (high) or only the generator (low).
        return RISK_BY_REVISION.get(getattr(request, "revision_kind", None))
    return RISK_BY_PROCEDURE.get(procedure)


def risk_notes(request: Request) -> tuple[str, ...]:
    """Return the caveats that go with the procedure's bleeding-risk class."""
    procedure = getattr(request, "procedure", None)
    risk = bleeding_risk(request)
    notes: tuple[str, ...] = ()
    if procedure in (Procedure.LUMBAR_SYMPATHETIC_BLOCK, Procedure.STELLATE_GANGLION_BLOCK):
        notes += SYMPATHETIC_NOTES
    if risk == LOW and procedure == Procedure.SCS_REPLACEMENT:
        notes += (GENERATOR_NOTE,)
    if risk in (MID, LOW):
        notes += (PATIENT_FACTORS_NOTE,)
    return notes


@dataclass(frozen=True)
class Interval:
    """A hold interval in hours, with the unit the guideline states it in."""

    min_hours: int
    max_hours: int
    stated_in: HoldUnit

    def words(self) -> str:
        """Return '6 days', '7–10 days' or '24 hours'."""
        per = HOURS_PER_DAY if self.stated_in == HoldUnit.DAYS else 1
        low, high = self.min_hours // per, self.max_hours // per
        count = str(low) if low == high else f"{low}–{high}"
        unit = "day" if self.stated_in == HoldUnit.DAYS else "hour"
        return f"{count} {unit}" if high == 1 else f"{count} {unit}s"


def days(low: int, high: int | None = None) -> Interval:
    """Return an interval stated in days."""
    return Interval(low * HOURS_PER_DAY, (high or low) * HOURS_PER_DAY, HoldUnit.DAYS)


def hours(count: int) -> Interval:
    """Return an interval stated in hours."""
    return Interval(count, count, HoldUnit.HOURS)


class ExtraDrug(Choice):
    """Drug classes ASRA 2018 lists that choices.Antithrombotic does not offer yet.

    The values are meant to be added to Antithrombotic unchanged (a StrEnum member equals its value, so the
    table's keys then match). Until then they reach the advisory only from the therapy medication rows.
    """

    SSRI = "ssri", "SSRI (selective serotonin reuptake inhibitor)"
    SNRI = "snri", "SNRI (serotonin–norepinephrine reuptake inhibitor)"
    FISH_OIL = "fish_oil", "Fish oil (omega-3 fatty acids)"
    GINKGO = "ginkgo", "Ginkgo biloba"
    VITAMIN_E = "vitamin_e", "Vitamin E"
    GP_IIB_IIIA = "gp_iib_iiia", "GP IIb/IIIa inhibitor (abciximab, eptifibatide, tirofiban)"
    CANGRELOR = "cangrelor", "Cangrelor"
    VORAPAXAR = "vorapaxar", "Vorapaxar"
    NSAID_UNNAMED = "nsaid_unnamed", "NSAID (drug not matched to an ASRA 2018 group)"


@dataclass(frozen=True)
class HoldRule:
    """One cell of the ASRA 2018 hold table: a drug before a procedure of one bleeding-risk class."""

    drug: Antithrombotic | ExtraDrug
    risk: BleedingRisk
    interval: Interval | None = None
    shared_assessment: bool = False
    no_hold: bool = False
    normal_inr: bool = False
    restart: str = NOT_GIVEN
    confirmed: bool = True
    source: str = UPTODATE
    note: str = ""

    @property
    def given(self) -> bool:
        """Return True when the reference gives any guidance for this cell."""
        return self.interval is not None or self.shared_assessment or self.no_hold


def each_risk(
    drug: Antithrombotic, interval: Interval, restart: dict[BleedingRisk, str]
) -> tuple[HoldRule, ...]:
    """Return the same interval for high, intermediate and low risk, each with its restart interval."""
    return tuple(HoldRule(drug, risk, interval, restart=restart[risk]) for risk in (HIGH, MID, LOW))


NSAID_NOTE = "general rule: 5 half-lives"
NSAID_FOOTNOTE = "footnoted in the source table; footnote not retrieved"


def nsaid(drug: Antithrombotic, hold_days: int) -> tuple[HoldRule, ...]:
    """Return an NSAID group's rows: its 5-half-life interval before high risk, no hold otherwise."""
    return (
        HoldRule(drug, HIGH, days(hold_days), restart="24 hours", note=NSAID_NOTE),
        HoldRule(drug, MID, no_hold=True, restart="24 hours", note=NSAID_FOOTNOTE),
        HoldRule(drug, LOW, no_hold=True, restart="24 hours"),
    )


def unconfirmed(
    drug: Antithrombotic, interval: Interval, restart: str, note: str = ""
) -> tuple[HoldRule, ...]:
    """Return rows as commonly quoted from the 2018 table: high and intermediate alike, low not given."""
    same = {"restart": restart, "confirmed": False, "source": RAPM, "note": note}
    return (
        HoldRule(drug, HIGH, interval, **same),
        HoldRule(drug, MID, interval, **same),
        HoldRule(drug, LOW, confirmed=False, source=RAPM),
    )


NOT_RETRIEVED = "listed in ASRA 2018; interval not retrieved — UNCONFIRMED, verify against Narouze 2018"


def not_retrieved(drug: ExtraDrug) -> tuple[HoldRule, ...]:
    """Return rows for a class ASRA 2018 lists but reference 5.3 gives no interval for: nothing invented."""
    return tuple(
        HoldRule(drug, risk, confirmed=False, source=RAPM, note=NOT_RETRIEVED) for risk in (HIGH, MID, LOW)
    )


LMWH_RESTART = {HIGH: "12–24 hours", MID: "12–24 hours", LOW: "4 hours"}

# Reference 5.3, copied cell by cell; "not given" where the reference gives nothing.
HOLD_TABLE: tuple[HoldRule, ...] = (
    HoldRule(A.ASPIRIN_PRIMARY, HIGH, days(6), restart="24 hours"),
    HoldRule(A.ASPIRIN_PRIMARY, MID, shared_assessment=True, restart="24 hours"),
    HoldRule(A.ASPIRIN_PRIMARY, LOW, no_hold=True, restart="24 hours"),
    HoldRule(A.ASPIRIN_SECONDARY, HIGH, shared_assessment=True, restart="24 hours"),
    HoldRule(A.ASPIRIN_SECONDARY, MID, shared_assessment=True, restart="24 hours"),
    HoldRule(A.ASPIRIN_SECONDARY, LOW, no_hold=True, restart="24 hours"),
    *nsaid(A.IBUPROFEN, 1),
    *nsaid(A.ETODOLAC, 2),
    *nsaid(A.NAPROXEN, 4),
    *nsaid(A.NABUMETONE, 6),
    *nsaid(A.PIROXICAM, 10),
    HoldRule(A.CILOSTAZOL, HIGH, days(2), restart="24 hours"),
    HoldRule(A.CILOSTAZOL, MID, no_hold=True, restart="24 hours"),
    HoldRule(A.CILOSTAZOL, LOW, no_hold=True, restart="24 hours"),
    HoldRule(A.DIPYRIDAMOLE, HIGH, days(2)),
    HoldRule(A.DIPYRIDAMOLE, MID, no_hold=True),
    HoldRule(A.DIPYRIDAMOLE, LOW, no_hold=True),
    HoldRule(A.WARFARIN, HIGH, days(5), normal_inr=True, restart="6 hours"),
    HoldRule(A.WARFARIN, MID, days(5), normal_inr=True, restart="6 hours"),
    HoldRule(A.WARFARIN, LOW, no_hold=True, shared_assessment=True, restart="6 hours"),
    HoldRule(A.ACENOCOUMAROL, HIGH, days(3), normal_inr=True, restart="24 hours"),
    HoldRule(A.ACENOCOUMAROL, MID, days(3), normal_inr=True, restart="24 hours"),
    HoldRule(A.ACENOCOUMAROL, LOW, shared_assessment=True, restart="24 hours"),
    *each_risk(A.HEPARIN_IV, hours(6), dict.fromkeys((HIGH, MID, LOW), "2 hours")),
    HoldRule(A.HEPARIN_SC, HIGH, hours(24), restart="6 hours"),
    HoldRule(A.HEPARIN_SC, MID, hours(6), restart="2 hours"),
    HoldRule(A.HEPARIN_SC, LOW, hours(6), restart="2 hours"),
    *each_risk(A.ENOXAPARIN_PROPHYLACTIC, hours(12), LMWH_RESTART),
    *each_risk(A.ENOXAPARIN_THERAPEUTIC, hours(24), LMWH_RESTART),
    *each_risk(A.DALTEPARIN, hours(24), LMWH_RESTART),
    *unconfirmed(A.CLOPIDOGREL, days(7), "12–24 hours"),
    *unconfirmed(A.PRASUGREL, days(7, 10), "12–24 hours"),
    *unconfirmed(A.TICAGRELOR, days(5), "12–24 hours"),
    *unconfirmed(A.DABIGATRAN, days(4, 5), "24 hours", note="6 days if renal impairment"),
    *unconfirmed(A.RIVAROXABAN, days(3), "24 hours"),
    *unconfirmed(A.APIXABAN, days(3), "24 hours"),
    *unconfirmed(A.EDOXABAN, days(3), "24 hours"),
    *unconfirmed(A.FONDAPARINUX, days(4), "24 hours"),
)
# ASRA 2018 added these classes [ASRA-NEWS-2019: "new drugs and supplements added"]; reference 5.3 does not give
# their intervals, so each row says so and the advisory compares nothing.
EXTRA_TABLE: tuple[HoldRule, ...] = tuple(
    rule for drug in ExtraDrug if drug is not ExtraDrug.NSAID_UNNAMED for rule in not_retrieved(drug)
)
# An NSAID the medication rows name outside the five groups: the general rule, no number to compare.
NSAID_UNNAMED_TABLE: tuple[HoldRule, ...] = (
    HoldRule(
        ExtraDrug.NSAID_UNNAMED,
        HIGH,
        restart="24 hours",
        note="general rule: 5 half-lives of the drug; no ASRA group matched its name",
    ),
    HoldRule(ExtraDrug.NSAID_UNNAMED, MID, no_hold=True, restart="24 hours", note=NSAID_FOOTNOTE),
    HoldRule(ExtraDrug.NSAID_UNNAMED, LOW, no_hold=True, restart="24 hours"),
)
HOLD_RULES = {(rule.drug, rule.risk): rule for rule in (*HOLD_TABLE, *EXTRA_TABLE, *NSAID_UNNAMED_TABLE)}


INR_DRUGS = frozenset({A.WARFARIN, A.ACENOCOUMAROL})
TRIALS = frozenset({Procedure.SCS_TRIAL, Procedure.DRG_TRIAL})

# Medication rows (therapy step) that reach the advisory: NSAIDs by name to their ASRA group, SSRIs and SNRIs
# by class, supplements by name. Matching is by word in the drug name, lower case.
NSAID_GROUPS: tuple[tuple[tuple[str, ...], Antithrombotic], ...] = (
    (("ibuprofen", "diclofenac", "ketorolac"), A.IBUPROFEN),
    (("etodolac", "indomethacin"), A.ETODOLAC),
    (("naproxen", "meloxicam"), A.NAPROXEN),
    (("nabumetone",), A.NABUMETONE),
    (("oxaprozin", "piroxicam"), A.PIROXICAM),
)
NAMED_EXTRAS: tuple[tuple[tuple[str, ...], ExtraDrug], ...] = (
    (("fish oil", "omega-3", "omega 3"), ExtraDrug.FISH_OIL),
    (("ginkgo",), ExtraDrug.GINKGO),
    (("vitamin e", "tocopherol"), ExtraDrug.VITAMIN_E),
    (("abciximab", "eptifibatide", "tirofiban"), ExtraDrug.GP_IIB_IIIA),
    (("cangrelor",), ExtraDrug.CANGRELOR),
    (("vorapaxar",), ExtraDrug.VORAPAXAR),
)
CLASS_EXTRAS = {DrugClass.SSRI: ExtraDrug.SSRI, DrugClass.SNRI: ExtraDrug.SNRI}


def medication_drug(name: object, drug_class: object) -> Antithrombotic | ExtraDrug | None:
    """Return the table key of a therapy medication row that bears on bleeding, or None."""
    words = name.lower() if isinstance(name, str) else ""
    for needles, drug in NAMED_EXTRAS:
        if any(needle in words for needle in needles):
            return drug
    if drug_class == DrugClass.NSAID:
        for needles, group in NSAID_GROUPS:
            if any(needle in words for needle in needles):
                return group
        return ExtraDrug.NSAID_UNNAMED
    return CLASS_EXTRAS.get(drug_class)


def hold_rule(drug: Antithrombotic | ExtraDrug | None, risk: BleedingRisk | None) -> HoldRule | None:
    """Return the table's rule for a drug before a procedure of a risk class, or None."""
    return HOLD_RULES.get((drug, risk))
