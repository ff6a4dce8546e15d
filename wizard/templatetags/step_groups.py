"""A step's groups of fields, built in Python: one tag instead of template loops over some 100 fields."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..forms.payer_help import help_for
from .formset_rows import formset_html
from .markup import escape
from .wizard_fields import field

register = template.Library()


def group_html(group: dict, payer_step, payer) -> str:
    """Return one fieldset: its legend, the payer's note, its lines of fields and its repeating rows."""
    shown = ""
    if group["show_field"]:
        shown = (
            f' data-show-field="{escape(group["show_field"])}" data-show-for="{escape(group["show_for"])}"'
        )
    note = help_for(group["note"], payer)
    lines = "".join(
        '<div class="row g-3">'
        + "".join(f'<div class="col-md">{field(bf, payer_step, payer)}</div>' for bf in line)
        + "</div>"
        for line in group["rows"]
    )
    formset = group["formset"]
    return (
        f'<fieldset class="step-group mb-3"{shown}><legend class="h6">{escape(group["legend"])}</legend>'
        + (f'<p class="small text-secondary mb-2">{escape(note)}</p>' if note else "")
        + lines
        + (formset_html(formset, payer_step, payer) if formset is not None else "")
        + "</fieldset>"
    )


@register.simple_tag(takes_context=True)
def step_groups(context, form) -> SafeString:
    """Render a step form's errors and groups with what the page's payer asks of each field."""
    payer_step, payer = context.get("payer_step"), context.get("case_payer")
    errors = "".join(
        f'<div class="alert alert-danger py-2">{escape(e)}</div>' for e in form.non_field_errors()
    )
    html = errors + "".join(group_html(group, payer_step, payer) for group in form.layout())
    return mark_safe(html)  # noqa: S308 - every value is escaped as the groups are built
