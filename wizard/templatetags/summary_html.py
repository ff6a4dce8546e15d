"""The review's summary of saved facts, built in Python: a review page holds some 200 facts and table cells."""

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .markup import escape

register = template.Library()


def lines(value) -> str:
    """Escape a value and keep its line breaks, as the linebreaksbr filter does."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return escape(text).replace("\n", "<br>")


def fact_list(facts) -> str:
    """Return the <dt>/<dd> pairs of a step's saved facts."""
    return "".join(
        f'<dt class="col-sm-4">{escape(f.label)}</dt><dd class="col-sm-8">{lines(f.value)}</dd>'
        for f in facts
    )


def table_body(table) -> str:
    """Return the header row and body of a step's summary table."""
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in table.rows)
    return f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"


def derived_html(derived) -> str:
    """Return the values computed from what was entered, each with its note."""
    if not derived:
        return ""
    items = "".join(
        f'<dt>{escape(item.label)}</dt><dd><span class="derived-value">{escape(item.value)}</span>'
        + (f'<br><small class="text-secondary">{escape(item.note)}</small>' if item.note else "")
        + "</dd>"
        for item in derived
    )
    return f'<dl class="derived mb-0">{items}</dl>'


@register.simple_tag
def derived_list(derived) -> SafeString:
    """Return the computed values of a step (the step's side panel, the review and the case page)."""
    return mark_safe(derived_html(derived))  # noqa: S308 - escaped as built


def summary_html(summary, edit_url: str) -> str:
    """Return one step's card: its title, saved state, Edit link, facts, tables and computed values."""
    if summary.unsaved:
        badge = '<span class="badge text-bg-warning">Unsaved changes with errors</span>'
    elif not summary.saved:
        badge = '<span class="badge text-bg-secondary">Not saved yet</span>'
    else:
        badge = ""
    edit = f'<a class="btn btn-sm btn-outline-primary" href="{escape(edit_url)}">Edit</a>' if edit_url else ""
    facts = f'<dl class="row mb-1 facts">{fact_list(summary.facts)}</dl>' if summary.facts else ""
    tables = "".join(
        f'<h3 class="h6 mt-2">{escape(table.title)}</h3>'
        f'<div class="table-responsive"><table class="table table-sm small">{table_body(table)}</table></div>'
        for table in summary.tables
    )
    derived = (
        f'<div class="derived-box mt-2">{derived_html(summary.derived)}</div>' if summary.derived else ""
    )
    return (
        f'<section class="card mb-3 summary" id="summary-{escape(summary.step)}">'
        '<div class="card-header d-flex align-items-center gap-2">'
        f'<h2 class="h6 mb-0 me-auto">{escape(summary.title)}</h2>{badge}{edit}</div>'
        '<div class="card-body py-2">'
        + ('<p class="text-secondary mb-0">Nothing entered.</p>' if summary.empty else "")
        + f"{facts}{tables}{derived}</div></section>"
    )


@register.simple_tag
def step_summaries(summaries, case, editable) -> SafeString:
    """Return every step's card; on the review each has an Edit link that comes back to the review."""

    def edit_url(step):
        return reverse("case_step", args=[case.id, step]) + "?return=review" if editable else ""

    html = "".join(summary_html(summary, edit_url(summary.step)) for summary in summaries)
    return mark_safe(html)  # noqa: S308 - escaped as built
