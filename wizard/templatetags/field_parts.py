"""What a field's markup holds whichever row or value it shows, worked out once per field and payer."""

from django import forms

from ..forms.payer_help import help_for
from .markup import attributes, escape

CHECKS, SELECT, TEXTAREA, INPUT = "checks", "select", "textarea", "input"
# Attributes every control sets itself; a widget setting one of them takes the generic path.
OWN_ATTRIBUTES = frozenset({"name", "id", "class", "aria-invalid", "aria-describedby"})


class FieldParts:
    """What a field's markup holds whichever row or value it shows: label, help text, kind, fixed attributes."""

    __slots__ = ("key", "label", "help", "kind", "fixed", "plain")

    def __init__(self, bf, payer, key):
        field, widget = bf.field, bf.field.widget
        self.key = key
        self.label = escape(bf.label)
        # The field's own help text: BoundField.help_text turns an empty neutral line into a plain "".
        self.help = escape(help_for(field.help_text, payer) or "")
        if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            self.kind = CHECKS
        elif isinstance(widget, forms.Select):
            self.kind = SELECT
        else:
            self.kind = TEXTAREA if isinstance(widget, forms.Textarea) else INPUT
        fixed = dict(widget.attrs)
        if self.kind == INPUT and isinstance(field, forms.CharField) and field.max_length:
            fixed.setdefault("maxlength", field.max_length)
        self.fixed = None if OWN_ATTRIBUTES & fixed.keys() else attributes(fixed)
        self.plain = self.plain_template(widget)

    def plain_template(self, widget) -> str | None:
        """Return the field's whole markup when it has no errors and no payer mark, as a format string.

        Its slots are the escaped id {i} and name {n}, the required mark {s} and the value {v} (the value
        attribute, the textarea's text or the options); radio and checkbox groups have none.
        """
        if self.kind == CHECKS or self.fixed is None:
            return None

        def braces(text: str) -> str:
            return text.replace("{", "{{").replace("}", "}}")

        described = ' aria-describedby="{i}_helptext"' if self.help else ""
        css = "form-select" if self.kind == SELECT else "form-control"
        head = f' name="{{n}}" id="{{i}}" class="{css}"{described}{braces(self.fixed)}'
        if self.kind == INPUT:
            control = f'<input type="{widget.input_type}"{head}{{v}}>'
        elif self.kind == TEXTAREA:
            control = f"<textarea{head}>\n{{v}}</textarea>"
        else:
            control = f"<select{head}>{{v}}</select>"
        help_text = (
            f'<div id="{{i}}_helptext" class="form-text">{braces(self.help)}</div>' if self.help else ""
        )
        label = f'<label id="{{i}}_label" class="form-label" for="{{i}}">{braces(self.label)}{{s}}</label>'
        return f'<div id="div_{{i}}" class="mb-3">{label}{control}{help_text}</div>'


def parts_of(bf, payer) -> FieldParts:
    """Return the field's fixed parts, worked out once for all the rows that share the field."""
    # Rows shown on a page share their fields (wizard/forms/field_copies.py), so a therapy page's ~18
    # medication rows work out each field's label, help text and attributes once instead of 18 times.
    field = bf.field
    key = (payer, field.widget, field.label, field.help_text)
    parts = field.__dict__.get("_shown_parts")
    if parts is None or parts.key != key:
        parts = field.__dict__["_shown_parts"] = FieldParts(bf, payer, key)
    return parts
