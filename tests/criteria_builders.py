"""Builders for criteria tests: `change` facts by dotted path, and baselines that meet every criterion.

Each baseline starts from a model case in examples/cases and changes only what that case lacks for some
payer, so a test can take a baseline, change one fact, and see exactly one criterion move.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from tests.conftest import TODAY, example_facts
from wizard.core.choices import (
    BluePlan,
    DeviceMaker,
    DeviceProblem,
    Limb,
    MacJurisdiction,
    NicotineUse,
    Payer,
    Procedure,
    PtSetting,
    RevisionKind,
    TherapyOutcome,
)
from wizard.core.facts import CaseFacts, Device, PtCourse, Trial

__all__ = ["BASELINES", "MEDICARE_MACS", "NEVER_MET_BY", "TODAY", "baseline", "change", "for_payer"]

# The MACs a Medicare baseline is checked under: one per LCD table, and one without an active LCD.
MEDICARE_MACS = (MacJurisdiction.JF, MacJurisdiction.JE, MacJurisdiction.JJ, MacJurisdiction.J15)


def change(facts, **paths):
    """Return `facts` with the values at dotted paths replaced: `change(f, **{"trial.pain_during_nrs": 5})`.

    A path may name a whole section ("trial"), a row tuple ("therapy.pt_courses") or, by index, one row
    of it ("therapy.pt_courses.1.outcome"). An unknown field raises TypeError, so typos fail loudly.
    """
    for path, value in paths.items():
        facts = replaced(facts, path.split("."), value)
    return facts


def replaced(obj, names: list[str], value):
    """Return `obj` with the value at the path `names` replaced."""
    head, *rest = names
    if isinstance(obj, tuple):
        index = int(head)
        new = replaced(obj[index], rest, value) if rest else value
        return (*obj[:index], new, *obj[index + 1 :])
    if not dataclasses.is_dataclass(obj):
        raise TypeError(f"cannot follow {head!r} into {obj!r}")
    new = replaced(getattr(obj, head), rest, value) if rest else value
    return dataclasses.replace(obj, **{head: new})


def for_payer(facts: CaseFacts, payer: Payer, mac: MacJurisdiction | None = None) -> CaseFacts:
    """Return the facts as a request to another payer (and, for Medicare, another MAC)."""
    return change(facts, **{"request.payer": payer, "request.mac_jurisdiction": mac})


# A recent in-person course: CPB 0194 (secondary wording) wants 6 weeks of PT within the past year,
# and the Medicare model case's last course ended just over a year before TODAY.
RECENT_PT = PtCourse(
    licensed_pt=True,
    setting=PtSetting.IN_PERSON,
    started_on=date(2026, 3, 2),
    ended_on=date(2026, 5, 15),
    visits=18,
    outcome=TherapyOutcome.INEFFECTIVE,
    response="Graded loading and desensitisation; walking tolerance unchanged",
)
WORKING_DEVICE = Device(
    implanted_on=date(2018, 5, 14),
    system="Two 8-contact percutaneous leads at T9-T11, primary-cell generator",
    rechargeable=False,
    problem=DeviceProblem.BATTERY_END_OF_LIFE,
    problem_noted_on=date(2026, 10, 2),
    problem_details="Interrogation: elective replacement indicator reached; impedances normal.",
    pain_before_implant_nrs=8,
    pain_with_device_nrs=3,
    benefit_notes="Walked daily and slept through the night for eight years.",
    reprogramming_attempts=0,
)


def permanent() -> CaseFacts:
    """SCS permanent implant, Medicare JF (CRPS I), with a PT course inside the last year."""
    facts = example_facts("crps-scs-permanent-medicare")
    return change(facts, **{"therapy.pt_courses": (*facts.therapy.pt_courses, RECENT_PT)})


def trial() -> CaseFacts:
    """SCS trial for the permanent baseline's patient: no earlier trial, so no trial facts yet."""
    return change(
        permanent(),
        **{"request.procedure": Procedure.SCS_TRIAL, "request.prior_trials_in_region": 0, "trial": Trial()},
    )


def drg_permanent() -> CaseFacts:
    """DRG permanent implant after the permanent baseline's successful trial."""
    return change(permanent(), **{"request.procedure": Procedure.DRG_PERMANENT})


def replacement() -> CaseFacts:
    """Generator replacement of a conventional system that worked for years until its battery ran out."""
    return change(
        permanent(),
        **{
            "request.procedure": Procedure.SCS_REPLACEMENT,
            "request.revision_kind": RevisionKind.GENERATOR_REPLACEMENT,
            "request.has_existing_stimulator": True,
            "request.prior_trials_in_region": 1,
            "trial": Trial(),
            "device": WORKING_DEVICE,
        },
    )


def stellate() -> CaseFacts:
    """Stellate ganglion block for the block baseline's CRPS moved to the upper limb."""
    return change(
        example_facts("crps-lumbar-sympathetic-block-aetna"),
        **{
            "request.procedure": Procedure.STELLATE_GANGLION_BLOCK,
            "request.block_levels": "C6",
            "diagnosis.limb": Limb.UPPER,
        },
    )


def with_maker(facts: CaseFacts) -> CaseFacts:
    """Return a stimulator request naming the requested system's maker (Aetna: Nalu is investigational)."""
    return change(facts, **{"request.device_maker": DeviceMaker.ABBOTT})


BASELINES: dict[str, CaseFacts] = {
    "permanent": with_maker(permanent()),
    "fbss_permanent": with_maker(example_facts("fbss-scs-permanent-aetna")),
    "trial": with_maker(trial()),
    "drg_trial": with_maker(example_facts("crps2-drg-trial-bcbsa")),
    "drg_permanent": with_maker(drg_permanent()),
    "replacement": with_maker(replacement()),
    "block": example_facts("crps-lumbar-sympathetic-block-aetna"),
    "stellate": stellate(),
}
# The permanent baseline for a BCBS Minnesota member who never used nicotine (its rules from 2026-09-07).
BASELINES["minnesota_permanent"] = change(
    BASELINES["permanent"],
    **{"request.blue_plan": BluePlan.BCBS_MINNESOTA, "safety.nicotine_use": NicotineUse.NEVER},
)

# Criteria no case of these requests can meet: the payer excludes the requested technology itself.
DRG_EXCLUDED = {
    "humana.cohere.not_drg": "Humana's reviewer (Cohere) pends or denies every DRG request",
    "evicore.cmm211.technology": "CMM-211 lists DRG stimulation as experimental except replacement",
    "other.cmm211.technology": "adopted from CMM-211: DRG stimulation is experimental",
}
NEVER_MET_BY: dict[str, dict[str, str]] = {"drg_trial": DRG_EXCLUDED, "drg_permanent": DRG_EXCLUDED}


def baseline(name: str, **paths) -> CaseFacts:
    """Return a baseline by name, with facts changed by dotted path."""
    return change(BASELINES[name], **paths)


# UnitedHealthcare's DRG position is unconfirmed (a 2022 multisociety letter says it was labelled not
# medically necessary): its verify-with-payer technology criterion reads "not met" for every DRG request.
DRG_EXCLUDED["uhc.t0567.technology"] = "UHC's DRG position is unconfirmed: verify with UHC"
