"""A repeating row of a step, built in Python: the therapy step shows some twenty rows on every view."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from .short_pages import row_view
from .wizard_fields import escape, field

register = template.Library()


def row_html(row, number, payer_step=None, payer=None) -> str:
    """Return one row: its summary line, its fields line by line, and its Remove, removed and Undo parts."""
    view = row_view(row, number)
    deleted = bool(row["DELETE"].value())
    name, summary = escape(view["name"]), escape(view["summary"])
    errors = "".join(f'<div class="text-danger small">{escape(e)}</div>' for e in row.non_field_errors())
    lines = "".join(
        '<div class="row g-2">'
        + "".join(f'<div class="col-md">{field(bf, payer_step, payer)}</div>' for bf in line)
        + "</div>"
        for line in row.line_fields()
    )
    delete = row["DELETE"]
    return (
        f'<div class="formset-row card mb-2{" row-deleted" if deleted else ""}" data-row-name="{name}">'
        f'<details class="row-details"{" open" if view["open"] else ""}>'
        f'<summary class="row-summary card-header py-2">{summary}</summary>'
        f'<div class="card-body py-2">{errors}{lines}</div></details>'
        '<div class="row-actions px-3 pb-2 text-end">'
        '<div class="form-check small d-inline-block row-remove">'
        f'<input type="checkbox" class="form-check-input float-none" name="{escape(delete.html_name)}"'
        f' id="{escape(delete.auto_id)}"{" checked" if deleted else ""}>'
        f'<label class="form-check-label" for="{escape(delete.auto_id)}">Remove this row</label></div>'
        '<button type="button" class="btn btn-sm btn-outline-danger" data-remove-row hidden>Remove'
        f'<span class="visually-hidden"> {name}</span></button></div>'
        f'<div class="row-removed px-3 py-2" hidden><span class="row-removed-text">{summary}: removed when you'
        ' save.</span> <button type="button" class="btn btn-sm btn-link" data-undo-remove>Undo'
        f'<span class="visually-hidden"> removing {name}</span></button></div></div>'
    )


@register.simple_tag(takes_context=True)
def formset_row(context, row, number) -> SafeString:
    """Render a repeating row with what the page's payer asks of its fields."""
    html = row_html(row, number, context.get("payer_step"), context.get("case_payer"))
    return mark_safe(html)  # noqa: S308 - every value is escaped as the row is built


# A blank row's markup depends only on its form class, its formset's prefix and the case's payer (its help
# text); rendering it once per process instead of on every page view saves a sixth of the therapy step.
_blank_rows: dict[tuple, SafeString] = {}


@register.simple_tag(takes_context=True)
def blank_row(context, formset) -> SafeString:
    """Return the markup of the blank row that "Add a row" copies, rendered once per form, prefix and payer."""
    payer = context.get("case_payer")
    key = (formset.form, formset.prefix, payer)
    html = _blank_rows.get(key)
    if html is None:
        html = _blank_rows[key] = mark_safe(row_html(formset.empty_form, 0, payer=payer))  # noqa: S308
    return html
