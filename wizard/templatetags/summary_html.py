"""The review's summary of saved facts, built in Python: a review page holds some 200 facts and table cells."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from .wizard_fields import escape

register = template.Library()


def lines(value) -> str:
    """Escape a value and keep its line breaks, as the linebreaksbr filter does."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return escape(text).replace("\n", "<br>")


@register.simple_tag
def fact_list(facts) -> SafeString:
    """Return the <dt>/<dd> pairs of a step's saved facts."""
    pairs = (
        f'<dt class="col-sm-4">{escape(f.label)}</dt><dd class="col-sm-8">{lines(f.value)}</dd>'
        for f in facts
    )
    return mark_safe("".join(pairs))  # noqa: S308 - every label and value is escaped above


@register.simple_tag
def table_body(table) -> SafeString:
    """Return the header row and body of a step's summary table."""
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in table.rows)
    return mark_safe(f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>")  # noqa: S308 - escaped above
