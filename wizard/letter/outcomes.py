"""The device asked for and what treatment of its kind has already done: the trial, the current stimulator,
earlier sympathetic blocks."""

from __future__ import annotations

from datetime import date

from ..core import scoring
from ..core.choices import DeviceMaker, ImagingGuidance, RevisionKind, TrialKind
from ..core.display import format_date, format_hours, format_value
from ..core.facts import Block, CaseFacts
from ..core.steps import NEW_LEAD_PROCEDURES, PERMANENT_PROCEDURES, STIMULATOR_PROCEDURES
from .content import Section
from .prose import item, keep, lower_first, plural, relief_text, sentence, words

LEAD_REVISIONS = frozenset({RevisionKind.PERCUTANEOUS_LEAD_REVISION, RevisionKind.PADDLE_LEAD_REVISION})
GENERATOR_REVISIONS = frozenset({RevisionKind.GENERATOR_REPLACEMENT, RevisionKind.GENERATOR_REVISION})
TRIAL_KINDS = {
    TrialKind.PERCUTANEOUS: "percutaneous trial",
    TrialKind.STAGED: "staged trial with surgically placed leads",
}


def placement_section(facts: CaseFacts, today: date) -> Section:
    """The stimulator asked for: maker and model, leads, contacts, region and levels, waveform, generator."""
    r = facts.request
    if r.procedure not in STIMULATOR_PROCEDURES:
        return Section("Device and placement")
    # A generator replacement places no leads; a lead revision places no generator.
    places_leads = r.procedure in NEW_LEAD_PROCEDURES or r.revision_kind in LEAD_REVISIONS
    places_generator = r.procedure in PERMANENT_PROCEDURES or r.revision_kind in GENERATOR_REVISIONS
    leads = plural(r.lead_count, "lead") if r.lead_count and places_leads else ""
    contacts = f" ({plural(r.contacts_total, 'contact')} in total)" if leads and r.contacts_total else ""
    placement = item(
        leads + contacts,
        f"{r.spinal_region.label.lower()} region" if r.spinal_region else "",
        f"levels {r.lead_levels}" if r.lead_levels else "",
    )
    placement = placement if places_leads else ""
    generator = ""
    if r.generator_rechargeable is not None and places_generator:
        generator = "the generator is " + ("rechargeable" if r.generator_rechargeable else "not rechargeable")
    return Section(
        "Device and placement",
        keep(
            sentence(requested_system(facts)),
            sentence(f"lead type: {lower_first(r.lead_type.label)}") if r.lead_type and places_leads else "",
            sentence(f"planned placement: {placement}") if placement else "",
            sentence(f"waveform: {r.stimulation_mode.label.lower()}") if r.stimulation_mode else "",
            sentence(generator),
        ),
    )


def requested_system(facts: CaseFacts) -> str:
    """Return 'the requested system is the Abbott Proclaim XR', '… is made by Abbott', or ''."""
    r = facts.request
    maker = r.device_maker.label if r.device_maker and r.device_maker != DeviceMaker.OTHER else ""
    if r.device_model:
        return "the requested system is the " + " ".join(p for p in (maker, r.device_model) if p)
    return f"the requested system is made by {maker}" if maker else ""


def trial_section(facts: CaseFacts, today: date) -> Section:
    """The trial: length, leads, pain and analgesics before and during, function, the patient's view."""
    t = facts.trial
    days = scoring.trial_days(t)
    leads = f" with {plural(t.lead_count, 'lead')}" if t.lead_count is not None else ""
    contacts = f" ({plural(t.contacts_total, 'contact')})" if t.contacts_total is not None else ""
    kind = TRIAL_KINDS.get(t.kind, "trial")
    hours = scoring.trial_hours(t)
    length = plural(days, "day") + (f", {format_hours(hours)}" if hours is not None else "")
    span = (
        f" from {format_date(t.started_on)} to {format_date(t.ended_on)} ({length})"
        if days is not None
        else ""
    )
    odi_before, odi_during = (
        scoring.score_odi(facts.baselines.odi.scores()),
        scoring.score_odi(t.odi.scores()),
    )
    gains = [g.label.lower() for g in t.functional_gains]
    view = []
    if t.satisfied is not None:
        view.append(
            "the patient was satisfied with the trial"
            if t.satisfied
            else "the patient was not satisfied with the trial"
        )
    if t.wishes_to_proceed is not None:
        view.append("wishes to proceed" if t.wishes_to_proceed else "does not wish to proceed")
    relief = relief_text(t.pain_before_nrs, t.pain_during_nrs)
    odi = (
        f"the ODI went from {odi_before.percent}% to {odi_during.percent}%"
        if odi_before and odi_during
        else ""
    )
    repeat = t.is_repeat_trial and t.prior_failure_reason
    return Section(
        "Trial",
        keep(
            sentence(f"a {kind}{leads}{contacts} ran{span}") if (span or leads) else "",
            sentence(f"target-area {relief}") if relief else "",
            sentence(f"pain measurement: {t.pain_measurement}") if t.pain_measurement else "",
            *(
                sentence(f"{where} {pain}")
                for where, pain in (
                    ("leg", relief_text(t.leg_pain_before_nrs, t.leg_pain_during_nrs)),
                    ("back", relief_text(t.back_pain_before_nrs, t.back_pain_during_nrs)),
                )
                if pain
            ),
            opioid_change(t),
            sentence(odi),
            sentence(f"functions that improved: {words(gains)}") if gains else "",
            sentence(t.functional_notes) if t.functional_notes else "",
            sentence(words(view)) if view else "",
            sentence(f"adverse events: {t.adverse_events}") if t.adverse_events else "",
            sentence(f"this was a repeat trial; the earlier trial failed because {t.prior_failure_reason}")
            if repeat
            else "",
        ),
    )


def opioid_change(t) -> str:
    """Return how opioid use changed during the trial, or ''."""
    if t.mme_before is None or t.mme_during is None:
        return ""
    before, during = format_value(t.mme_before), format_value(t.mme_during)
    change = scoring.percent_reduction(t.mme_before, t.mme_during)
    if change is None or t.mme_during == t.mme_before:
        return (
            sentence(f"opioid use was unchanged at {before} MME per day")
            if t.mme_before == t.mme_during
            else ""
        )
    if t.mme_during < t.mme_before:
        return sentence(f"opioid use fell from {before} to {during} MME per day ({change}% reduction)")
    return sentence(f"opioid use rose from {before} to {during} MME per day")


def device_section(facts: CaseFacts, today: date) -> Section:
    """The current system: when, what, the problem, the benefit before it, reprogramming."""
    d = facts.device
    relief = relief_text(d.pain_before_implant_nrs, d.pain_with_device_nrs)
    return Section(
        "Current stimulator",
        keep(
            sentence(item(f"implanted on {format_date(d.implanted_on)}" if d.implanted_on else "", d.system))
            if d.implanted_on or d.system
            else "",
            sentence(
                f"problem: {d.problem.label.lower()}"
                + (f", found on {format_date(d.problem_noted_on)}" if d.problem_noted_on else "")
            )
            if d.problem
            else "",
            sentence(d.problem_details) if d.problem_details else "",
            sentence(f"while it worked: {relief}") if relief else "",
            sentence(d.benefit_notes) if d.benefit_notes else "",
            sentence(
                f"{plural(d.reprogramming_attempts, 'reprogramming session')} {'was' if d.reprogramming_attempts == 1 else 'were'} tried"
            )
            if d.reprogramming_attempts is not None
            else "",
            sentence(d.reprogramming_notes) if d.reprogramming_notes else "",
        ),
    )


def blocks_section(facts: CaseFacts, today: date) -> Section:
    """Earlier sympathetic blocks, their relief and its trend, and the programme they sit in."""
    b = facts.blocks
    ordered = scoring.sorted_blocks(b.blocks)
    items = tuple(
        item(
            format_value(x.performed_on),
            format_value(x.side).lower(),
            x.levels,
            GUIDANCE.get(x.imaging_guidance, ""),
            relief_text(x.pain_before_nrs, x.pain_after_nrs),
            f"relief lasted {plural(x.relief_days, 'day')}" if x.relief_days is not None else "",
            sympathetic_effect(x),
            x.rehabilitation,
        )
        for x in ordered
    )
    trend = scoring.block_relief_increasing(ordered)
    measured = [x.relief_days for x in ordered if x.relief_days is not None]
    # "3 → 6 → 12 days"; a lone duration reads "1 day", never "1 days".
    durations = plural(measured[0], "day") if len(measured) == 1 else " → ".join(map(str, measured)) + " days"
    return Section(
        "Sympathetic blocks",
        keep(
            sentence("this is the patient's first sympathetic block for this condition")
            if b.first_block and not ordered
            else "",
            sentence(f"relief has lengthened with each block: {durations}") if trend else "",
            sentence(f"relief has not lengthened with each block: {durations}") if trend is False else "",
            sentence(
                "the blocks are part of a comprehensive pain program"
                + (f": {b.program_notes}" if b.program_notes else "")
            )
            if b.comprehensive_program
            else "",
        ),
        items,
    )


GUIDANCE = {
    ImagingGuidance.FLUOROSCOPY: "under fluoroscopy with contrast",
    ImagingGuidance.ULTRASOUND: "under ultrasound guidance",
    ImagingGuidance.CT: "under CT guidance",
    ImagingGuidance.NONE: "without imaging guidance",
}


def sympathetic_effect(block: Block) -> str:
    """Return the record's evidence that a block was sympathetic: the limb's temperature rise, other signs."""
    rise = block.temperature_rise_celsius
    signs = [
        f"skin temperature of the limb rose {format_value(rise)} °C" if rise is not None else "",
        block.sympathetic_signs,
    ]
    shown = [s for s in signs if s]
    return "sympathetic effect: " + "; ".join(shown) if shown else ""
