"""What a step page shows of the case's payer: field markers, the legend's counts, and Mark ready's open items."""

from django.contrib import messages

from ..core.assessment import assess
from ..core.field_requirements import open_items, step_requirements
from ..core.rules import Outcome
from ..core.steps import STEP_TITLES


def payer_step_context(step, facts, today, review_view=None) -> dict:
    """Return the template context of the payer's view of a step (the review reuses its own assessment)."""
    context = {"case_payer": facts.request.payer}
    if step == "review":
        # The review already judged the case for its panel; Django puts the view object under "view" elsewhere.
        reviewed = isinstance(review_view, dict) and "assessment" in review_view
        assessment = review_view["assessment"] if reviewed else assess(facts, today=today)
        context["ready_open"] = [(item, STEP_TITLES.get(item.step, "")) for item in open_items(assessment)]
        # A payer with no criterion from a primary source leaves nothing open, yet never "meets".
        context["ready_unverified"] = (
            assessment.verdict.outcome is not Outcome.MEETS and not context["ready_open"]
        )
        context["ready_summary"] = assessment.verdict.summary
        return context
    context["payer_step"] = step_requirements(assess(facts, today=today), step)
    return context


def ready_message(count: int, meets: bool = True) -> str:
    """Return what marking ready tells the clinician, honest about what is still open."""
    if count:
        items = "item" if count == 1 else "items"
        return f"Marked ready with {count} open {items}: the letter needs an override to be issued."
    if not meets:
        return (
            "Marked ready, but no requirement of this payer is confirmed from its own policy: "
            "the letter needs an override to be issued."
        )
    return "The case is ready."


def announce_ready(request, case, today) -> None:
    """Tell the clinician the case is ready, or that it was marked ready with items still open."""
    assessment = assess(case.case_facts(), today=today)
    meets = assessment.verdict.outcome is Outcome.MEETS
    message = ready_message(len(open_items(assessment)), meets)
    (messages.success if meets else messages.warning)(request, message)
