"""Checks on a coded request: the CodingCheck record and Medicare utilisation and setting limits.

Source tags in brackets point into the domain reference (sections 1.3-1.5, 7 and 9.3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .choices import MacJurisdiction, Payer, PlaceOfService, Procedure, RevisionKind
from .facts import CaseFacts, Request
from .steps import NEW_LEAD_PROCEDURES, PERMANENT_PROCEDURES, TRIAL_PROCEDURES

ERROR = "error"
WARNING = "warning"
NOTE = "note"
LEVELS = (ERROR, WARNING, NOTE)

# [PRECERTLY quoting L36204; MCD-A56876]: Medicare pays for at most 2 leads or 16 contacts, and for at
# most 2 stimulator trials per anatomic spinal region per lifetime.
MEDICARE_LIMITS_SOURCE = "PRECERTLY; MCD-A56876"
MEDICARE_MAX_LEADS = 2
MEDICARE_MAX_CONTACTS = 16
MEDICARE_MAX_TRIALS_PER_REGION = 2
# [PRECERTLY]: permanent neurostimulators are placed in an ASC or a hospital, never the office.
MEDICARE_IMPLANT_PLACES = frozenset(
    {PlaceOfService.ASC, PlaceOfService.HOSPITAL_OUTPATIENT, PlaceOfService.HOSPITAL_INPATIENT}
)
# [HUMANA-MA]: Humana Medicare Advantage applies NCD 160.7 and the MAC LCDs, so their limits hold there too.
MEDICARE_LCD_PAYERS = frozenset({Payer.MEDICARE, Payer.HUMANA_MA})
# [MCD-A56876]: Palmetto GBA (JJ, JM) allows 63650 at most 4 units per lifetime, does not pay 63663 in the
# office, and allows one permanent paddle implant (63655) per lifetime; Noridian JF's A57792 says the same
# of 63655 [PRECERTLY].
PALMETTO_JURISDICTIONS = frozenset({MacJurisdiction.JJ, MacJurisdiction.JM})
PALMETTO_63650_LIFETIME_UNITS = 4
# [MCD-A56876]: 63661 and 63663 are not paid in the office (included in 63650); 95970-95972 are not needed
# more often than once every 30 days, except in the first month after implantation.
PALMETTO_NO_OFFICE_CODES = ("63661", "63663")
PALMETTO_PROGRAMMING_INTERVAL_DAYS = 30
# [CPT-ASSIST-2011]: programming at implant is reported separately from 63685 (95971 simple, 95972 complex);
# the simple/complex boundary is UNCONFIRMED [CODINGAHEAD-95971; IFRAME-95971].
PROGRAMMING_SOURCE = "CPT-ASSIST-2011; CODINGAHEAD-95971"
# [NGS-PA; CGS-PA]: in the hospital outpatient department 63650 needs prior authorization, and the
# unique tracking number goes on the claim (original Medicare only).
MEDICARE_PA_PLACES = frozenset({PlaceOfService.HOSPITAL_OUTPATIENT})

# Reference 7.5 [BCBSND; COHERE-SCS]: DRG stimulation has no CPT code of its own.
DRG_SOURCE = "BCBSND; COHERE-SCS"
# [CPT-ASSIST-2011; AAPC-NEURO; SHADOWEBIKE]: several 63650 units go on one line or one line per lead.
SEVERAL_LEADS = 2


@dataclass(frozen=True)
class CodingCheck:
    """One thing about the claim to fix (error), to verify (warning) or to know (note)."""

    level: str
    message: str
    step: str
    field: str
    source: str


def error(message: str, source: str, field: str, step: str = "request") -> CodingCheck:
    """Return a check for what would be denied or rejected as coded."""
    return CodingCheck(ERROR, message, step, field, source)


def warning(message: str, source: str, field: str = "", step: str = "request") -> CodingCheck:
    """Return a check for what the coder should verify."""
    return CodingCheck(WARNING, message, step, field, source)


def note(message: str, source: str, field: str = "", step: str = "request") -> CodingCheck:
    """Return a check that only informs."""
    return CodingCheck(NOTE, message, step, field, source)


def by_level(checks: Sequence[CodingCheck]) -> tuple[CodingCheck, ...]:
    """Return the checks errors first, then warnings, then notes, each group in the order found."""
    return tuple(sorted(checks, key=lambda c: LEVELS.index(c.level)))


def is_implant(facts: CaseFacts) -> bool:
    """Return whether the request places a permanent generator (new implant or generator replacement)."""
    r = facts.request
    return r.procedure in PERMANENT_PROCEDURES or (
        r.procedure == Procedure.SCS_REPLACEMENT and r.revision_kind == RevisionKind.GENERATOR_REPLACEMENT
    )


def lead_unit_notes(payer: Payer | None, leads: int) -> list[CodingCheck]:
    """Return how payers want several 63650 units shown: one line or one line per lead."""
    if leads < SEVERAL_LEADS:
        return []
    if payer == Payer.HUMANA_MA:
        message = (
            f"Humana Medicare Advantage (Cohere) expects each lead on its own 63650 line ({leads} lines)."
        )
        return [note(message, "COHERE-SCS")]
    message = (
        f"Payers differ on 63650 for {leads} leads: {leads} units on one line, or one line per lead with "
        "modifier 59 or XS; check the payer's rule."
    )
    return [note(message, "CPT-ASSIST-2011; AAPC-NEURO; SHADOWEBIKE")]


def l8680_note(r: Request, leads: int) -> CodingCheck:
    """Return the note that L8680 is per lead under its current descriptor but per contact at some payers."""
    contacts = f"{r.contacts_total} units" if r.contacts_total else "one unit per contact"
    return note(
        f"L8680 is coded per lead ({leads} units) as its current descriptor reads; payers that still count "
        f"contacts expect {contacts}: confirm with {payer_name(r)}.",
        "AAPC-L8680",
    )


def device_payment_notes(payer: Payer | None) -> list[CodingCheck]:
    """Return the Medicare note that device L-codes give way to C-codes or packaging in facilities."""
    if payer not in MEDICARE_LCD_PAYERS:
        return []
    message = (
        "Medicare hospital outpatient claims report the devices with C-codes and ASC device costs are "
        "generally packaged, so the L-codes may not be billed: verify with the payer."
    )
    return [note(message, "IFRAME-L8686")]


def programming_note() -> CodingCheck:
    """Return the note that programming at implant is reported separately but is not recorded here."""
    return note(
        "Programming the generator at implant is reported separately (95971 simple or 95972 complex; the "
        "boundary between them is UNCONFIRMED): the app does not record programming, so add the code from "
        "the operative note if it was done.",
        PROGRAMMING_SOURCE,
    )


def drg_warning(r: Request, code_set: str) -> CodingCheck:
    """Return the warning that DRG stimulation borrows the spinal neurostimulator codes."""
    return warning(
        f"DRG stimulation has no CPT code of its own and is coded here as {code_set}: confirm the code "
        f"set with {payer_name(r)} before submitting.",
        DRG_SOURCE,
    )


def payer_name(r: Request) -> str:
    """Return the payer's name as printed, its profile label, or "the payer"."""
    return r.payer_name or (r.payer.label if r.payer else "the payer")


def medicare_checks(facts: CaseFacts, units_by_code: Mapping[str, int]) -> list[CodingCheck]:
    """Return Medicare utilisation checks for the coded lines; none for other payers."""
    r = facts.request
    if r.payer not in MEDICARE_LCD_PAYERS:
        return []
    payer = r.payer.label
    found = []
    if r.procedure in NEW_LEAD_PROCEDURES:
        if r.lead_count is not None and r.lead_count > MEDICARE_MAX_LEADS:
            found.append(
                error(
                    f"{payer} pays for at most {MEDICARE_MAX_LEADS} leads and this request has {r.lead_count}: "
                    "reduce the leads or expect the extra units to be denied.",
                    MEDICARE_LIMITS_SOURCE,
                    "lead_count",
                )
            )
        if r.contacts_total is not None and r.contacts_total > MEDICARE_MAX_CONTACTS:
            found.append(
                error(
                    f"{payer} pays for at most {MEDICARE_MAX_CONTACTS} contacts and this request has "
                    f"{r.contacts_total}: reduce the contacts or expect the extra ones to be denied.",
                    MEDICARE_LIMITS_SOURCE,
                    "contacts_total",
                )
            )
    trials = r.prior_trials_in_region
    if r.procedure in TRIAL_PROCEDURES and trials is not None and trials >= MEDICARE_MAX_TRIALS_PER_REGION:
        found.append(trial_limit_check(r, trials))
    found += place_checks(facts, units_by_code)
    found += article_checks(facts, units_by_code)
    return found


def trial_limit_check(r: Request, trials: int) -> CodingCheck:
    """Return the lifetime trial limit check: an error, or a warning once the exception is argued."""
    region = r.spinal_region.label.lower() if r.spinal_region else "this"
    message = (
        f"{r.payer.label} allows {MEDICARE_MAX_TRIALS_PER_REGION} trials per spinal region per lifetime and "
        f"{trials} are documented in the {region} region: another is paid only after a technical failure of "
        "an earlier trial or for a new stimulation modality"
    )
    if r.repeat_trial_reason.strip():
        return warning(
            f"{message}; verify the documented reason is one of these.",
            MEDICARE_LIMITS_SOURCE,
            "repeat_trial_reason",
        )
    return error(f"{message}, and no reason is documented.", MEDICARE_LIMITS_SOURCE, "prior_trials_in_region")


def place_checks(facts: CaseFacts, units_by_code: Mapping[str, int]) -> list[CodingCheck]:
    """Return checks on where a Medicare implant is performed and on outpatient prior authorization."""
    r = facts.request
    found = []
    if is_implant(facts) and r.place_of_service == PlaceOfService.OFFICE:
        found.append(
            error(
                f"{r.payer.label} pays for a permanent generator only in an ASC or a hospital, not in the office: "
                "move the procedure or expect denial.",
                "PRECERTLY",
                "place_of_service",
            )
        )
    elif is_implant(facts) and r.place_of_service is None:
        found.append(
            warning(
                "Place of service is not documented; Medicare pays for a permanent generator only in an ASC "
                "or a hospital.",
                "PRECERTLY",
                "place_of_service",
            )
        )
    if r.payer == Payer.MEDICARE and r.place_of_service in MEDICARE_PA_PLACES and "63650" in units_by_code:
        found.append(
            note(
                "63650 in the hospital outpatient department needs Medicare prior authorization: put the "
                "unique tracking number on the claim (for a permanent implant after an outpatient trial, "
                "the trial's number).",
                "NGS-PA; CGS-PA",
            )
        )
    return found


def article_checks(facts: CaseFacts, units_by_code: Mapping[str, int]) -> list[CodingCheck]:
    """Return the per-lifetime and setting limits of the Palmetto and Noridian JF billing articles."""
    r = facts.request
    found = []
    if r.mac_jurisdiction in PALMETTO_JURISDICTIONS and "63650" in units_by_code:
        found.append(
            note(
                f"Palmetto ({r.mac_jurisdiction}) allows 63650 at most {PALMETTO_63650_LIFETIME_UNITS} units "
                f"per lifetime and this claim bills {units_by_code['63650']}: count the patient's earlier "
                "63650 units.",
                "MCD-A56876",
            )
        )
    for code in PALMETTO_NO_OFFICE_CODES:
        if (
            r.mac_jurisdiction in PALMETTO_JURISDICTIONS
            and code in units_by_code
            and r.place_of_service == PlaceOfService.OFFICE
        ):
            found.append(
                error(
                    f"Palmetto does not pay {code} in the office (it counts as part of 63650): perform it in "
                    "an ASC or a hospital.",
                    "MCD-A56876",
                    "place_of_service",
                )
            )
    if "63655" in units_by_code:
        found.append(
            note(
                "Medicare billing articles A57792 (Noridian JF) and A56876 (Palmetto) allow 63655 once per "
                "lifetime: confirm the patient has had no earlier paddle implant.",
                "PRECERTLY; MCD-A56876",
            )
        )
    return found
