"""Render a wizard field as Bootstrap 5 markup in Python.

Wizard steps show 30-150 fields; rendering each through crispy's and Django's widget templates cost
about 1.2 ms a field (bench/README.md), so a therapy history took ~100 ms. This renders the same
markup crispy-bootstrap5 produces (label, control, help text, errors beside the field) in a small fraction of that, escaping every value as it is built.
Simple forms (sign-in, import) still use crispy.
"""

from django import forms, template
from django.utils.safestring import SafeString, mark_safe

from ..forms.markers import payer_mark, shows_needed
from ..option_html import select_options
from .field_parts import CHECKS, SELECT, TEXTAREA, FieldParts, parts_of
from .markup import attributes, escape

register = template.Library()


class Shown:
    """What every part of a field's markup reads, worked out once: its id, name, errors and value."""

    __slots__ = ("bf", "field", "widget", "auto_id", "id_html", "errors", "described_by")

    def __init__(self, bf):
        self.bf, self.field = bf, bf.field
        self.widget = self.field.widget
        self.auto_id = bf.auto_id
        self.id_html = escape(self.auto_id)
        form = bf.form
        # The form's own error dict: BoundField.errors builds an empty ErrorList for every clean field.
        self.errors = (form.errors.get(bf.name) or ()) if form.is_bound else ()
        self.described_by = ""


def control_attrs(shown: Shown, css_class: str) -> dict:
    """Return the attributes shared by every control: id, name, classes, ARIA and the widget's own."""
    invalid = bool(shown.errors)
    return {
        "name": shown.bf.html_name,
        "id": shown.auto_id,
        "class": f"{css_class} is-invalid" if invalid else css_class,
        "aria-invalid": "true" if invalid else None,
        "aria-describedby": shown.described_by or None,
        **shown.widget.attrs,
    }


def control_head(shown: Shown, css_class: str) -> str:
    """Return a control's own attributes: name, id, classes and ARIA, in the order control_attrs gives them."""
    invalid = " is-invalid" if shown.errors else ""
    described = f' aria-describedby="{escape(shown.described_by)}"' if shown.described_by else ""
    return (
        f' name="{escape(shown.bf.html_name)}" id="{shown.id_html}" class="{css_class}{invalid}"'
        + (' aria-invalid="true"' if invalid else "")
        + described
    )


def text_control(shown: Shown, parts: FieldParts) -> str:
    """Return an <input> or <textarea>."""
    widget = shown.widget
    value = widget.format_value(shown.bf.value())
    if parts.fixed is None:
        attrs = control_attrs(shown, "form-control")
        if parts.kind == TEXTAREA:
            return f"<textarea{attributes(attrs)}>\n{escape(value or '')}</textarea>"
        if isinstance(shown.field, forms.CharField) and shown.field.max_length:
            attrs.setdefault("maxlength", shown.field.max_length)
        return f'<input type="{widget.input_type}"{attributes(attrs)}{attributes({"value": value})}>'
    head = control_head(shown, "form-control") + parts.fixed
    if parts.kind == TEXTAREA:
        return f"<textarea{head}>\n{escape(value or '')}</textarea>"
    return f'<input type="{widget.input_type}"{head}{attributes({"value": value})}>'


def option_groups(field):
    """Yield (group label or None, [(value, label)]) from the field's choices."""
    plain = []
    for value, label in field.widget.choices:
        if isinstance(label, list | tuple):
            if plain:
                yield None, plain
                plain = []
            yield value, label
        else:
            plain.append((value, label))
    if plain:
        yield None, plain


def selected_values(shown: Shown) -> set[str]:
    """Return the field's current value(s) as the strings the choices use."""
    value = shown.widget.format_value(shown.bf.value())
    return {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}


def select_control(shown: Shown, parts: FieldParts) -> str:
    """Return a <select> with its options and option groups."""
    options = select_options(shown.widget.choices, selected_values(shown))
    if parts.fixed is None:
        return f"<select{attributes(control_attrs(shown, 'form-select'))}>{options}</select>"
    return f"<select{control_head(shown, 'form-select')}{parts.fixed}>{options}</select>"


def check_controls(shown: Shown) -> str:
    """Return radio buttons or checkboxes, grouped under small headings when the choices are."""
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it is asked about first.
    kind = "checkbox" if isinstance(shown.widget, forms.CheckboxSelectMultiple) else "radio"
    chosen = selected_values(shown)
    css = "form-check-input is-invalid" if shown.errors else "form-check-input"
    name, auto_id = shown.bf.html_name, shown.auto_id
    blocks, index = [], 0
    for group, options in option_groups(shown.field):
        if group:
            blocks.append(f'<div class="small fw-semibold mt-1">{escape(group)}</div>')
        for value, label in options:
            choice_id = f"{auto_id}_{index}"
            index += 1
            control = attributes(
                {
                    "type": kind,
                    "class": css,
                    "name": name,
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
        {
            "role": "group",
            "aria-labelledby": f"{auto_id}_label",
            "aria-describedby": shown.described_by or None,
        }
    )
    return f"<div{group_attrs}>{''.join(blocks)}</div>"


def field_control(shown: Shown, parts: FieldParts) -> str:
    """Return the control for one bound field, by widget kind."""
    if parts.kind == CHECKS:
        return check_controls(shown)
    if parts.kind == SELECT:
        return select_control(shown, parts)
    return text_control(shown, parts)


def hidden_input(bf) -> str:
    """Return a hidden <input> for a bound field."""
    value = bf.field.widget.format_value(bf.value())
    return f"<input{attributes({'type': 'hidden', 'name': bf.html_name, 'id': bf.auto_id, 'value': value})}>"


def hidden_inputs(form) -> str:
    """Return a form's hidden fields, such as a formset's management form."""
    return "".join(hidden_input(bf) for bf in form.hidden_fields())


@register.simple_tag
def hidden_fields(form) -> SafeString:
    """Render a form's hidden fields, such as a formset's management form."""
    return mark_safe(hidden_inputs(form))  # noqa: S308 - hidden_input escapes every attribute


REQUIRED_MARK = '<span class="asteriskField">*</span>'


def plain_value(shown: Shown, parts: FieldParts) -> str:
    """Return what fills a plain field's value slot: the value attribute, the textarea's text or the options."""
    if parts.kind == SELECT:
        return select_options(shown.widget.choices, selected_values(shown))
    value = shown.widget.format_value(shown.bf.value())
    return escape(value or "") if parts.kind == TEXTAREA else attributes({"value": value})


def field(bf, payer_step=None, payer=None) -> str:
    """Return a bound field with its label, help text and errors, Bootstrap 5 style, every piece escaped."""
    if bf.is_hidden:
        return hidden_input(bf)
    shown = Shown(bf)
    parts = parts_of(bf, payer)
    mark_id, mark = payer_mark(bf, payer_step)
    required = REQUIRED_MARK if shows_needed(bf) else ""
    if parts.plain is not None and not shown.errors and not mark:
        # Most fields on a page (every saved row's): the markup below, filled in with one format call.
        return parts.plain.format(
            i=shown.id_html, n=escape(bf.html_name), s=required, v=plain_value(shown, parts)
        )
    auto_id = shown.id_html
    helptext_id = f"{shown.auto_id}_helptext" if parts.help else ""
    error_ids = (
        [f"error_{i}_{shown.auto_id}" for i in range(1, len(shown.errors) + 1)] if shown.errors else ()
    )
    if error_ids or (mark_id and helptext_id):
        shown.described_by = " ".join(filter(None, [*error_ids, mark_id, helptext_id]))
    else:
        shown.described_by = mark_id or helptext_id
    tag = "div" if parts.kind == CHECKS else "label"
    label_for = "" if parts.kind == CHECKS else f' for="{auto_id}"'
    label = f'<{tag} id="{auto_id}_label" class="form-label"{label_for}>{parts.label}{required}</{tag}>{mark}'
    errors = "".join(
        f'<div id="{escape(error_id)}" class="invalid-feedback d-block"><strong>{escape(message)}</strong></div>'
        for error_id, message in zip(error_ids, shown.errors, strict=True)
    )
    help_text = f'<div id="{auto_id}_helptext" class="form-text">{parts.help}</div>' if parts.help else ""
    return (
        f'<div id="div_{auto_id}" class="mb-3">{label}{field_control(shown, parts)}{errors}{help_text}</div>'
    )
