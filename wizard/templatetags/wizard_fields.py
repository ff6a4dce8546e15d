"""Render a wizard field as Bootstrap 5 markup in Python.

Wizard steps show 30-150 fields; rendering each through crispy's and Django's widget templates cost
about 1.2 ms a field (bench/README.md), so a therapy history took ~100 ms. This renders the same
markup crispy-bootstrap5 produces (label, control, help text, errors beside the field) in a small fraction of that, escaping every value as it is built.
Simple forms (sign-in, import) still use crispy.
"""

from html import escape as html_escape

from django import forms, template
from django.utils.safestring import SafeString, mark_safe

from ..forms.markers import payer_mark, shows_needed
from ..forms.payer_help import help_for
from ..option_html import select_options

register = template.Library()


def escape(value) -> str:
    """Escape as django.utils.html.escape does, without its lazy-text wrapper (~2,400 calls a therapy page)."""
    return html_escape(str(value))


def attributes(attrs: dict) -> str:
    """Return escaped HTML attributes; True means a bare attribute, False or None leaves it out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def control_attrs(bf, css_class: str, described_by: str) -> dict:
    """Return the attributes shared by every control: id, name, classes, ARIA and the widget's own."""
    invalid = bool(bf.errors)
    return {
        "name": bf.html_name,
        "id": bf.auto_id,
        "class": f"{css_class} is-invalid" if invalid else css_class,
        "aria-invalid": "true" if invalid else None,
        "aria-describedby": described_by or None,
        **bf.field.widget.attrs,
    }


def text_control(bf, described_by: str) -> str:
    """Return an <input> or <textarea>."""
    widget = bf.field.widget
    value = widget.format_value(bf.value())
    attrs = control_attrs(bf, "form-control", described_by)
    if isinstance(widget, forms.Textarea):
        return f"<textarea{attributes(attrs)}>\n{escape(value or '')}</textarea>"
    if isinstance(bf.field, forms.CharField) and bf.field.max_length:
        attrs.setdefault("maxlength", bf.field.max_length)
    return f'<input type="{widget.input_type}"{attributes(attrs)}{attributes({"value": value})}>'


def option_groups(bf):
    """Yield (group label or None, [(value, label)]) from the field's choices."""
    plain = []
    for value, label in bf.field.widget.choices:
        if isinstance(label, list | tuple):
            if plain:
                yield None, plain
                plain = []
            yield value, label
        else:
            plain.append((value, label))
    if plain:
        yield None, plain


def selected_values(bf) -> set[str]:
    """Return the field's current value(s) as the strings the choices use."""
    value = bf.field.widget.format_value(bf.value())
    return {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}


def select_control(bf, described_by: str) -> str:
    """Return a <select> with its options and option groups."""
    options = select_options(bf.field.widget.choices, selected_values(bf))
    return f"<select{attributes(control_attrs(bf, 'form-select', described_by))}>{options}</select>"


def check_controls(bf, described_by: str) -> str:
    """Return radio buttons or checkboxes, grouped under small headings when the choices are."""
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it is asked about first.
    kind = "checkbox" if isinstance(bf.field.widget, forms.CheckboxSelectMultiple) else "radio"
    chosen = selected_values(bf)
    css = "form-check-input is-invalid" if bf.errors else "form-check-input"
    blocks, index = [], 0
    for group, options in option_groups(bf):
        if group:
            blocks.append(f'<div class="small fw-semibold mt-1">{escape(group)}</div>')
        for value, label in options:
            choice_id = f"{bf.auto_id}_{index}"
            index += 1
            control = attributes(
                {
                    "type": kind,
                    "class": css,
                    "name": bf.html_name,
                    "value": value,
                    "id": choice_id,
                    "checked": str(value) in chosen,
                }
            )
            blocks.append(
                f'<div class="form-check"><input{control}>'
                f'<label class="form-check-label" for="{escape(choice_id)}">{escape(label)}</label></div>'
            )
    group_attrs = attributes(
        {"role": "group", "aria-labelledby": f"{bf.auto_id}_label", "aria-describedby": described_by or None}
    )
    return f"<div{group_attrs}>{''.join(blocks)}</div>"


def field_control(bf, described_by: str) -> str:
    """Return the control for one bound field, by widget kind."""
    widget = bf.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return check_controls(bf, described_by)
    if isinstance(widget, forms.Select):
        return select_control(bf, described_by)
    return text_control(bf, described_by)


def hidden_input(bf) -> str:
    """Return a hidden <input> for a bound field."""
    value = bf.field.widget.format_value(bf.value())
    return f"<input{attributes({'type': 'hidden', 'name': bf.html_name, 'id': bf.auto_id, 'value': value})}>"


@register.simple_tag
def hidden_fields(form) -> SafeString:
    """Render a form's hidden fields, such as a formset's management form."""
    html = "".join(hidden_input(bf) for bf in form.hidden_fields())
    return mark_safe(html)  # noqa: S308 - hidden_input escapes every attribute


@register.filter
def for_payer(text, payer) -> str:
    """Return a note or help text as the case's payer reads it."""
    return help_for(text, payer)


@register.simple_tag(takes_context=True, name="field")
def field_on_page(context, bf) -> SafeString:
    """Render a bound field with what the page's payer asks of it (marker and help text), if anything."""
    return field(bf, context.get("payer_step"), context.get("case_payer"))


def field(bf, payer_step=None, payer=None) -> SafeString:
    """Render a bound field with its label, help text and errors, Bootstrap 5 style."""
    if bf.is_hidden:
        return mark_safe(hidden_input(bf))  # noqa: S308 - hidden_input escapes every attribute
    auto_id = bf.auto_id
    # The field's own help text: BoundField.help_text turns an empty neutral line into a plain "".
    shown_help = help_for(bf.field.help_text, payer) or ""
    helptext_id = f"{auto_id}_helptext" if shown_help else ""
    mark_id, mark = payer_mark(bf, payer_step)
    error_ids = [f"error_{i}_{auto_id}" for i in range(1, len(bf.errors) + 1)]
    described_by = " ".join(filter(None, [*error_ids, mark_id, helptext_id]))
    grouped = isinstance(bf.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    tag = "div" if grouped else "label"
    label_for = "" if grouped else f' for="{escape(auto_id)}"'
    required = '<span class="asteriskField">*</span>' if shows_needed(bf) else ""
    label = f'<{tag} id="{escape(auto_id)}_label" class="form-label"{label_for}>{escape(bf.label)}{required}</{tag}>{mark}'
    errors = "".join(
        f'<div id="{escape(error_id)}" class="invalid-feedback d-block"><strong>{escape(message)}</strong></div>'
        for error_id, message in zip(error_ids, bf.errors, strict=True)
    )
    help_text = (
        f'<div id="{escape(helptext_id)}" class="form-text">{escape(shown_help)}</div>' if helptext_id else ""
    )
    control = field_control(bf, described_by)
    html = f'<div id="div_{escape(auto_id)}" class="mb-3">{label}{control}{errors}{help_text}</div>'
    return mark_safe(html)  # noqa: S308 - every piece above is escaped as it is built
