"""Safety holds (reference updates U1): contraindications that stop a request for every payer and request.

A hold is not a payer criterion. It is its own finding ("on hold until …") that keeps the verdict from
reading "meets" and the letter from being issued without an override that names it. Cautions
(immunocompromise, pregnancy, a cardiac device, future MRI) are shown, never held.

The sources are SECONDARY here (U1) and the coagulation cut-offs are UNCONFIRMED (reference 5.3): the
thresholds below are display/verify thresholds, not cited numbers, and every coagulation finding says
"verify cut-off" with the value and the date of the lab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .asra_table import BleedingRisk, bleeding_risk
from .choices import Choice
from .coagulation import INR_NORMAL_MAX, PLATELETS_NORMAL_MIN_K, VERIFY_CUT_OFF, days_before
from .display import format_date
from .facts import CaseFacts
from .rules import Citation, Confidence


class HoldStatus(Choice):
    HELD = "held", "on hold"
    CLEAR = "clear", "no hold"
    NOT_DOCUMENTED = "not_documented", "not documented"


INFECTION_SOURCE = Citation(
    tag="NACC-INFECTION-2017",
    source="SEED-000 critical safety exclusions; NACC infection-prevention consensus (Deer et al., "
    "Neuromodulation 2017)",
    section="updates U1",
    url="",
    effective=None,
    confidence=Confidence.SECONDARY,
)
COAGULATION_SOURCE = Citation(
    tag="UPTODATE-ANTICOAG",
    source="ASRA 2018 interventional pain guidance (Narouze et al.), as summarised by UpToDate",
    section="reference 5.2–5.4; updates U1",
    url="",
    effective=None,
    confidence=Confidence.UNCONFIRMED,
)


# Coagulopathy is ruled out before SCS/DRG (high risk) and addressed before a sympathetic block
# (intermediate); for a low-risk generator replacement an abnormal value is a caution (U1, reference 5.2).
HOLDING_RISKS = (BleedingRisk.HIGH, BleedingRisk.INTERMEDIATE)


@dataclass(frozen=True)
class Hold:
    """One safety check on one case: held, clear or not documented, with the value and what ends the hold."""

    id: str
    title: str
    status: HoldStatus
    evidence: str
    until: str
    citation: Citation
    step: str = "safety"
    field: str = ""

    @property
    def open(self) -> bool:
        """Return True when this hold stops the request now."""
        return self.status is HoldStatus.HELD


@dataclass(frozen=True)
class Caution:
    """A safety fact shown to the clinician and addressed in the letter; it never holds the request."""

    id: str
    text: str
    field: str
    step: str = "safety"


def lab_date(on: date | None, planned_on: date | None = None) -> str:
    """Return ", dated <date>" (and how it stands to the planned procedure date) or that it is undated."""
    if on is None:
        return ", lab date not recorded"
    if planned_on is None:
        return f", dated {format_date(on)}"
    gap_days = days_before(on, planned_on)
    count = f"{abs(gap_days)} day{'' if abs(gap_days) == 1 else 's'}"
    if gap_days < 0:
        when = f"{count} after the planned procedure"
    elif gap_days == 0:
        when = "on the day of the planned procedure"
    else:
        when = f"{count} before the planned procedure"
    return f", dated {format_date(on)} ({when})"


def infection_hold(facts: CaseFacts) -> Hold:
    """Active infection holds every request: nothing is implanted or injected until it is treated."""
    infected = facts.safety.active_infection

    def hold(status: HoldStatus, evidence: str) -> Hold:
        return Hold(
            "safety.infection",
            "No active infection",
            status,
            evidence,
            "the infection is treated and resolved",
            INFECTION_SOURCE,
            field="active_infection",
        )

    if infected is None:
        return hold(HoldStatus.NOT_DOCUMENTED, "whether there is an active infection is not recorded")
    if infected:
        return hold(HoldStatus.HELD, "an active infection is recorded")
    return hold(HoldStatus.CLEAR, "no active infection is recorded")


def coagulation_holds(facts: CaseFacts) -> list[Hold]:
    """A bleeding disorder, a high INR or a low platelet count holds procedures of high or intermediate risk.

    The facts hold no correction plan and no PTT yet, so every abnormal value holds until it is corrected or
    an override names it.
    """
    safety = facts.safety
    risk = bleeding_risk(facts.request)
    holding = risk in HOLDING_RISKS
    risk_words = f"{risk.label.lower()} bleeding risk" if risk else "bleeding risk not known"
    abnormal = HoldStatus.HELD if holding else HoldStatus.CLEAR
    caution = "" if holding else f" (a caution at {risk_words}, not a hold)"

    def hold(suffix: str, title: str, status: HoldStatus, evidence: str, until: str, field: str) -> Hold:
        if status is not HoldStatus.NOT_DOCUMENTED:
            evidence += caution
        return Hold(f"safety.{suffix}", title, status, evidence, until, COAGULATION_SOURCE, field=field)

    found = []
    if safety.bleeding_disorder is None:
        found.append(
            hold(
                "bleeding_disorder",
                "No uncorrected bleeding disorder",
                HoldStatus.NOT_DOCUMENTED,
                "whether there is a bleeding disorder is not recorded",
                "",
                "bleeding_disorder",
            )
        )
    else:
        found.append(
            hold(
                "bleeding_disorder",
                "No uncorrected bleeding disorder",
                abnormal if safety.bleeding_disorder else HoldStatus.CLEAR,
                "a bleeding disorder is recorded, with no correction plan on file"
                if safety.bleeding_disorder
                else "no bleeding disorder is recorded",
                "the bleeding disorder is corrected with a documented plan (haematology)",
                "bleeding_disorder",
            )
        )
    inr = safety.inr
    if inr is None:
        found.append(
            hold("inr", "INR in the normal range", HoldStatus.NOT_DOCUMENTED, "no INR is recorded", "", "inr")
        )
    else:
        high = inr > INR_NORMAL_MAX
        found.append(
            hold(
                "inr",
                "INR in the normal range",
                abnormal if high else HoldStatus.CLEAR,
                f"INR {inr}{lab_date(safety.inr_on, facts.request.planned_on)}; {'above' if high else 'at or below'} "
                f"{INR_NORMAL_MAX} ({VERIFY_CUT_OFF}: the guideline says “normal INR”)",
                "the INR is in the normal range on a lab close to the procedure date",
                "inr",
            )
        )
    platelets = safety.platelets
    if platelets is None:
        found.append(
            hold(
                "platelets",
                "Platelet count not low",
                HoldStatus.NOT_DOCUMENTED,
                "no platelet count is recorded",
                "",
                "platelets",
            )
        )
    else:
        low = platelets < PLATELETS_NORMAL_MIN_K
        found.append(
            hold(
                "platelets",
                "Platelet count not low",
                abnormal if low else HoldStatus.CLEAR,
                f"platelets {platelets} x10^3/µL{lab_date(safety.platelets_on, facts.request.planned_on)}; "
                f"{'below' if low else 'at or above'} {PLATELETS_NORMAL_MIN_K} ({VERIFY_CUT_OFF}: "
                "no guideline cut-off was retrieved)",
                "the platelet count is corrected, or the plan to correct it is documented",
                "platelets",
            )
        )
    return found


def safety_holds(facts: CaseFacts) -> tuple[Hold, ...]:
    """Return every safety hold judged for this case, whatever the payer and request (open or not)."""
    return (infection_hold(facts), *coagulation_holds(facts))


def open_holds(holds: tuple[Hold, ...]) -> tuple[Hold, ...]:
    """Return the holds that stop the request now."""
    return tuple(h for h in holds if h.open)


# (fact, caution id, what the clinician sees): U1, SEED-000, reference 5-6.
CAUTIONS = (
    (
        "immunocompromised",
        "safety.caution.immunocompromised",
        "The patient is immunocompromised: document the infection-prevention plan.",
    ),
    (
        "pregnant",
        "safety.caution.pregnancy",
        "The patient is pregnant: document why the procedure cannot wait and the imaging plan.",
    ),
    (
        "cardiac_device",
        "safety.caution.cardiac_device",
        "The patient has a cardiac pacemaker or defibrillator: document device compatibility and the "
        "cardiology plan.",
    ),
    (
        "future_mri_needed",
        "safety.caution.mri",
        "Future MRI is anticipated: document that the chosen system is MRI-conditional.",
    ),
)


def safety_cautions(facts: CaseFacts) -> tuple[Caution, ...]:
    """Return the cautions this case carries: shown and addressed, never holding."""
    return tuple(
        Caution(key, text, field) for field, key, text in CAUTIONS if getattr(facts.safety, field) is True
    )
