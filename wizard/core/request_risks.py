"""Denial risks of the request itself: the trial, a repeat trial, the technology, the setting and limits,
and a replacement's reason (reference §9.3)."""

from __future__ import annotations

from datetime import date

from . import scoring
from .choices import BluePlan, Payer, PlaceOfService, Procedure
from .facts import CaseFacts
from .gaps import Gap, failing, sentence
from .steps import PERMANENT_PROCEDURES, STIMULATOR_PROCEDURES, TRIAL_PROCEDURES

TECHNOLOGY_CRITERIA = (
    "technology",
    "not_drg",
    "no_waveform_swap",
    "drg_for_crps",
    "working_system_waveform",
    "nalu_investigational",
)
# WISeR model [KATTEN-WISER; NORIDIAN-WISER; COHERE-WISER-TX — secondary, updates U3 and reference 1.5].
WISER_FROM, WISER_UNTIL = date(2026, 1, 1), date(2031, 12, 31)
WISER_STATES = frozenset({"NJ", "OH", "OK", "TX", "AZ", "WA"})
WISER_PLACES = frozenset({PlaceOfService.OFFICE, PlaceOfService.ASC, PlaceOfService.HOSPITAL_OUTPATIENT})
WISER_TEXAS_CODES = frozenset({"63655"})
ADMIN_CRITERIA = ("implant_setting", "lead_limit", "trial_limit")


def trial_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Trial relief not quantified, length missing or outside the payer's window, no function or satisfaction."""
    if facts.request.procedure not in PERMANENT_PROCEDURES:
        return []
    trial, gaps = facts.trial, []
    if scoring.percent_reduction(trial.pain_before_nrs, trial.pain_during_nrs) is None:
        gaps.append(
            Gap("Target pain before and during the trial not both recorded.", "trial", "pain_during_nrs")
        )
    if scoring.trial_days(trial) is None:
        gaps.append(Gap("Trial dates not recorded.", "trial", "ended_on"))
    gaps += [
        Gap(f"Trial length: {r.finding.evidence}.", "trial", "ended_on")
        for r in failing(results, ["trial_length"])
    ]
    if not trial.functional_gains and not trial.functional_notes:
        gaps.append(Gap("No functional change during the trial recorded.", "trial", "functional_gains"))
    if trial.satisfied is None:
        gaps.append(Gap("No statement of the patient's satisfaction with the trial.", "trial", "satisfied"))
    return gaps


def repeat_trial_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """A repeat trial without the reason the earlier one failed."""
    request, trial = facts.request, facts.trial
    if (
        request.procedure in TRIAL_PROCEDURES
        and (request.prior_trials_in_region or 0) > 0
        and not request.repeat_trial_reason
    ):
        return [
            Gap(
                "Repeat trial in this region without the reason the first failed.",
                "request",
                "repeat_trial_reason",
            )
        ]
    if request.procedure in PERMANENT_PROCEDURES and trial.is_repeat_trial and not trial.prior_failure_reason:
        return [
            Gap(
                "The trial was a repeat, without the reason the first failed.",
                "trial",
                "prior_failure_reason",
            )
        ]
    return []


def technology_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """The payer does not cover this technology (DRG, non-tonic modes, a swap of a working system)."""
    return [
        Gap(sentence(r.finding.evidence), r.criterion.step, r.criterion.field)
        for r in failing(results, TECHNOLOGY_CRITERIA)
    ]


def administrative_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Request type, setting, limits, units and the two patient identifiers."""
    gaps = []
    if facts.request.procedure is None:
        gaps.append(
            Gap(
                "The request type (trial, permanent, replacement, block) is not chosen.",
                "request",
                "procedure",
            )
        )
    if not facts.patient.name or facts.patient.born_on is None:
        gaps.append(
            Gap(
                "Two patient identifiers (name and date of birth) are needed on every page.",
                "patient",
                "name",
                blocks=True,
            )
        )
    gaps += [
        Gap(sentence(r.finding.evidence), r.criterion.step, r.criterion.field)
        for r in failing(results, ADMIN_CRITERIA)
    ]
    # A coding error is a claim a payer rejects as filed (e.g. 63655 outside an ASC or hospital).
    gaps += [
        Gap(c.message, c.step, c.field, blocks=True, failed=True) for c in coding.checks if c.level == "error"
    ]
    return gaps


def blue_plan_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """A Blue Cross Blue Shield request that does not name the member's own plan (updates U2)."""
    request = facts.request
    if request.payer != Payer.BCBSA or request.payer_name:
        return []
    if request.blue_plan is None or request.blue_plan == BluePlan.OTHER:
        return [
            Gap(
                "Name the member's Blue plan: each adopts BCBSA 7.01.25 under its own name and policy number.",
                "request",
                "blue_plan" if request.blue_plan is None else "payer_name",
            )
        ]
    return []


def medicare_program_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """Traditional Medicare programs: the trial's UTN on an OPD permanent implant, and the WISeR model."""
    request = facts.request
    if request.payer != Payer.MEDICARE:
        return []
    gaps = []
    place = request.place_of_service
    if (
        request.procedure in PERMANENT_PROCEDURES
        and place == PlaceOfService.HOSPITAL_OUTPATIENT
        and not request.trial_authorization
    ):
        gaps.append(
            Gap(
                "Hospital outpatient prior authorization: the UTN of the trial's approval goes on the permanent "
                "implant's claim; record it (or, if the trial was done elsewhere, request authorization of "
                "63650 for the implant).",
                "request",
                "trial_authorization",
            )
        )
    wiser = wiser_gap(facts, coding)
    return gaps + ([wiser] if wiser else [])


def wiser_gap(facts: CaseFacts, coding) -> Gap | None:
    """The WISeR model's prior authorization in its states and sites, flagged to verify, never blocking."""
    request = facts.request
    state = request.practice.state.upper()
    planned = request.planned_on
    if (
        request.procedure not in STIMULATOR_PROCEDURES
        or state not in WISER_STATES
        or request.place_of_service not in WISER_PLACES
        or (planned is not None and not WISER_FROM <= planned <= WISER_UNTIL)
    ):
        return None
    codes = {line.code for line in coding.lines}
    texas = (
        " The Texas list includes 63655 (paddle lead)." if state == "TX" and codes & WISER_TEXAS_CODES else ""
    )
    when = "" if planned else " (planned date not recorded)"
    return Gap(
        f"WISeR model ({state}, Jan 1, 2026 – Dec 31, 2031){when}: listed services in traditional Medicare "
        f"need prior authorization or pre-payment review from the model's reviewer.{texas} Verify: code "
        "lists change quarterly; approval valid 120 days.",
        "request",
        "place_of_service",
    )


def replacement_gaps(facts: CaseFacts, results, coding) -> list[Gap]:
    """A replacement or revision without the device problem and the benefit before it.

    Every payer's reviewer asks for both (spec README §1; reference 9.3 #11; MP328), so both block.
    """
    if facts.request.procedure != Procedure.SCS_REPLACEMENT:
        return []
    device, gaps = facts.device, []
    problem = getattr(device.problem, "value", device.problem)
    if problem is None:
        gaps.append(
            Gap("The problem with the current system is not recorded.", "device", "problem", blocks=True)
        )
    elif problem == "none":
        gaps.append(
            Gap(
                "The current system works: no device problem justifies its replacement.",
                "device",
                "problem",
                blocks=True,
                failed=True,
            )
        )
    elif problem == "infection":
        gaps.append(
            Gap(
                "An infected system is explanted and treated, and reimplanted later: it is not replaced now.",
                "device",
                "problem",
                blocks=True,
                failed=True,
            )
        )
    relief = scoring.percent_reduction(device.pain_before_implant_nrs, device.pain_with_device_nrs)
    if relief is None and not device.benefit_notes:
        gaps.append(
            Gap(
                "The benefit the system gave before the problem is not recorded.",
                "device",
                "pain_with_device_nrs",
                blocks=True,
            )
        )
    return gaps
