"""The case page's tracking panel: what was sent to the payer, what it answered, and the forms to record both."""

from django import template

from ..core.choices import DenialReason
from ..views.tracking import panel_context

register = template.Library()


@register.simple_tag(takes_context=True)
def tracking_panel(context) -> dict:
    """Return the tracking panel's rows and forms for the case on the page."""
    return panel_context(context["request"], context["case"])


@register.filter
def denial_labels(codes) -> list[str]:
    """Return denial reason codes in words (an unknown code as it is)."""
    labels = {reason.value: reason.label for reason in DenialReason}
    return [labels.get(code, code) for code in codes or ()]
