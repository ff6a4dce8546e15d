"""A step's repeating rows, built in Python: the therapy step shows some twenty rows on every view."""

from django.forms.formsets import INITIAL_FORM_COUNT, MAX_NUM_FORM_COUNT, MIN_NUM_FORM_COUNT, TOTAL_FORM_COUNT

from .markup import escape
from .short_pages import row_view
from .wizard_fields import field, hidden_inputs


def row_html(row, number, payer_step=None, payer=None) -> str:
    """Return one row: its summary line, its fields line by line, and its Remove, removed and Undo parts."""
    view = row_view(row, number)
    deleted = bool(row["DELETE"].value())
    name, summary = escape(view["name"]), escape(view["summary"])
    # A shown row is not bound, so it has no errors: asking would build an empty error list per row.
    problems = row.non_field_errors() if row.is_bound else ()
    errors = "".join(f'<div class="text-danger small">{escape(e)}</div>' for e in problems)
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


# A blank row's markup depends only on its form class, its formset's prefix and the case's payer (its help
# text); rendering it once per process instead of on every page view saves a sixth of the therapy step.
_blank_rows: dict[tuple, str] = {}


def blank_row(formset, payer) -> str:
    """Return the markup of the blank row that "Add a row" copies, rendered once per form, prefix and payer."""
    key = (formset.form, formset.prefix, payer)
    html = _blank_rows.get(key)
    if html is None:
        html = _blank_rows[key] = row_html(formset.empty_form, 0, payer=payer)
    return html


def management_inputs(formset) -> str:
    """Return the formset's four hidden counts; shown rows need no ManagementForm (and its field copies) for that."""
    if formset.is_bound:
        return hidden_inputs(formset.management_form)
    counts = {
        TOTAL_FORM_COUNT: formset.total_form_count(),
        INITIAL_FORM_COUNT: formset.initial_form_count(),
        MIN_NUM_FORM_COUNT: formset.min_num,
        MAX_NUM_FORM_COUNT: formset.max_num,
    }
    name = escape(formset.prefix)
    return "".join(
        f'<input type="hidden" name="{name}-{key}" id="id_{name}-{key}" value="{value}">'
        for key, value in counts.items()
    )


def formset_html(formset, payer_step=None, payer=None) -> str:
    """Return a repeating group: its management fields, errors, rows, the blank row and "Add a row"."""
    prefix = escape(formset.prefix)
    errors = "".join(
        f'<div class="alert alert-danger py-1">{escape(e)}</div>' for e in formset.non_form_errors()
    )
    rows = "".join(row_html(row, number, payer_step, payer) for number, row in enumerate(formset, start=1))
    return (
        f'<div class="formset" data-prefix="{prefix}">{management_inputs(formset)}{errors}'
        f'<div class="formset-rows">{rows}</div>'
        f'<template id="{prefix}-empty">{blank_row(formset, payer)}</template>'
        f'<button type="button" class="btn btn-sm btn-outline-primary" data-add-row="{prefix}">Add a row</button>'
        "</div>"
    )
