"""Facts as the review and case pages show them: every entered fact under its form label."""

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from .core.asra_table import risk_notes
from .core.criteria import policies_for
from .core.derived import Derived, derived_values
from .core.display import format_value
from .core.facts import CaseFacts, OdiAnswers
from .core.odi import ODI_SECTIONS
from .core.steps import STEP_TITLES


@dataclass
class FactRow:
    label: str
    value: str


@dataclass
class RowTable:
    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class StepSummary:
    step: str
    title: str
    facts: list[FactRow] = field(default_factory=list)
    tables: list[RowTable] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    saved: bool = False
    unsaved: bool = False

    @property
    def empty(self) -> bool:
        """Return whether nothing was entered on this step."""
        return not self.facts and not self.tables


def label_of(form_class, name: str) -> str:
    """Return the form's label for a fact, or the fact's name in words."""
    found = form_class.base_fields.get(name)
    return str(found.label) if found is not None and found.label else name.replace("_", " ").capitalize()


def odi_line(answers: OdiAnswers) -> str:
    """Return the ten ODI answers on one line, skipped sections marked."""
    scores = answers.scores()
    if all(s is None for s in scores):
        return ""
    return " · ".join(
        f"{label} {'–' if s is None else s}" for (_, label), s in zip(ODI_SECTIONS, scores, strict=True)
    )


def row_table(title: str, row_form, rows: tuple) -> RowTable:
    """Return repeating rows as a table with the columns that hold any value."""
    names = [f.name for f in dataclasses.fields(rows[0])]
    used = [n for n in names if any(format_value(getattr(r, n)) for r in rows)]
    return RowTable(
        title=title,
        columns=[label_of(row_form, n) for n in used],
        rows=[[format_value(getattr(r, n)) for n in used] for r in rows],
    )


def summarize_step(step: str, form_class, facts: CaseFacts, today: date) -> StepSummary:
    """Return what one step holds, ready to show."""
    summary = StepSummary(step=step, title=STEP_TITLES[step])
    section = getattr(facts, step)
    formsets = getattr(form_class, "formsets", {})
    for f in dataclasses.fields(section):
        value = getattr(section, f.name)
        if isinstance(value, OdiAnswers):
            text = odi_line(value)
            if text:
                summary.facts.append(FactRow("ODI answers", text))
        elif f.name in formsets:
            if value:
                summary.tables.append(row_table(f.metadata["doc"], formsets[f.name].form, value))
        elif dataclasses.is_dataclass(value):
            text = ", ".join(
                v for v in (format_value(getattr(value, n.name)) for n in dataclasses.fields(value)) if v
            )
            if text:
                summary.facts.append(FactRow(f.metadata["doc"], text))
        elif format_value(value):
            summary.facts.append(FactRow(label_of(form_class, f.name), format_value(value)))
    summary.derived = derived_values(step, facts, today)
    return summary


def summarize_case(
    case, steps: list[str], form_classes: dict, unsaved: set[str], today: date
) -> list[StepSummary]:
    """Return a summary of each step, flagged saved or holding unsaved input."""
    facts = case.case_facts()
    summaries = []
    for step in steps:
        summary = summarize_step(step, form_classes[step], facts, today)
        summary.saved = step in case.facts
        summary.unsaved = step in unsaved
        summaries.append(summary)
    return summaries


@dataclass
class ComparedRow:
    label: str
    saved: str
    typed: str


def compare_versions(step: str, form_class, saved: CaseFacts, typed: CaseFacts, today: date) -> list:
    """Return the facts of one step that differ between two versions of the case, side by side."""
    one, two = summarize_step(step, form_class, saved, today), summarize_step(step, form_class, typed, today)

    def texts(summary: StepSummary) -> dict:
        rows = {f.label: f.value for f in summary.facts}
        for table in summary.tables:
            rows[table.title] = "\n".join(" · ".join(v for v in row if v) for row in table.rows)
        return rows

    before, after = texts(one), texts(two)
    labels = dict.fromkeys([*before, *after])
    return [
        ComparedRow(label, before.get(label, ""), after.get(label, ""))
        for label in labels
        if before.get(label, "") != after.get(label, "")
    ]


@dataclass
class FindingRow:
    result: object
    step_title: str
    fix_url: str


GROUPS = (
    ("blocking", "Blocking — required by the payer and not yet documented as met"),
    ("verify", "Verify with the payer — secondary or unconfirmed sources; never blocking"),
    ("recommended", "Recommended — not required by this payer, but reviewers look for it"),
    ("met", "Met"),
)


def assessment_view(assessment, steps: list[str], fix_url) -> dict:
    """Return the assessment grouped for the review and case pages; fix_url(step) is None for readers."""

    def row(result) -> FindingRow:
        step = result.criterion.step
        linkable = step in steps and fix_url is not None
        return FindingRow(result, STEP_TITLES.get(step, step), fix_url(step) if linkable else "")

    def link(step: str) -> str:
        return fix_url(step) if fix_url and step in steps else ""

    grouped = {key: [row(r) for r in assessment.results if r.group == key] for key, _ in GROUPS}
    holds = [
        {"hold": hold, "step_title": STEP_TITLES.get(hold.step, hold.step), "fix_url": link(hold.step)}
        for hold in getattr(assessment, "holds", ())
        if hold.status.value != "clear"
    ]
    risks = [
        {
            "risk": risk,
            "blocks": risk.blocks,
            "gaps": [
                (
                    gap,
                    STEP_TITLES.get(gap.step, gap.step),
                    fix_url(gap.step) if fix_url and gap.step in steps else "",
                )
                for gap in risk.gaps
            ],
        }
        for risk in assessment.risks
    ]
    return {
        "assessment": assessment,
        "policies": policies_for(assessment.facts),
        "risk_notes": risk_notes(assessment.facts.request),
        "groups": [(key, title, grouped[key]) for key, title in GROUPS if grouped[key]],
        "risks": risks,
        # Safety holds (open ones first), then the ones not documented; cautions are shown, never holding.
        "holds": sorted(holds, key=lambda item: not item["hold"].open),
        "cautions": [{"caution": c, "fix_url": link(c.step)} for c in getattr(assessment, "cautions", ())],
        "blockers": assessment.verdict.blockers,
    }
