"""Short wizard pages: one-line summaries of repeating rows, and where the clinician is in the steps."""

from django import forms, template
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe

from .markup import escape

register = template.Library()

SEPARATOR = " · "


def shown_date(bf) -> str:
    """Return a date field's value as "Oct 2, 2023", or what was typed when it is not a date."""
    try:
        day = bf.field.to_python(bf.value())
    except ValidationError:
        return str(bf.value())
    return f"{day:%b} {day.day}, {day.year}" if day else ""


def flat_choices(field) -> list[tuple]:
    """Return a choice field's (value, label) pairs, option groups flattened."""
    pairs = []
    for value, label in field.choices:
        pairs.extend(label if isinstance(label, list | tuple) else [(value, label)])
    return pairs


def shown_value(bf) -> str:
    """Return a bound field's value as the clinician reads it: choice labels, numbers with their label."""
    value = bf.value()
    if value in (None, "", [], ()):
        return ""
    if isinstance(bf.field, forms.DateField):
        return shown_date(bf)
    if hasattr(bf.field, "choices"):
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        return ", ".join(str(label) for v, label in flat_choices(bf.field) if str(v) in chosen and str(v))
    if isinstance(bf.field, forms.IntegerField | forms.DecimalField):
        return f"{bf.label} {value}"
    return str(value)


def date_range(dates: list) -> str:
    """Return "start – end", "since start", "until end" or the single date of a row."""
    shown = [shown_date(bf) for bf in dates[:2]]
    if len(shown) == 1:
        return shown[0]
    start, end = shown
    if start and end:
        return f"{start} – {end}"
    return f"since {start}" if start else f"until {end}" if end else ""


def summary_parts(row) -> list[str]:
    """Return the pieces of a row's one-line summary: its first line's values, dates as one range."""
    dates = [row[name] for name, f in row.fields.items() if isinstance(f, forms.DateField)]
    when = date_range(dates) if dates else ""
    parts, placed = [], False
    for name in row.lines[0] if row.lines else ():
        if isinstance(row.fields[name], forms.DateField):
            parts.append(when if not placed else "")
            placed = True
        else:
            parts.append(shown_value(row[name]))
    if not placed:
        parts.append(when)
    return [part for part in parts if part]


def row_name(parts: list[str], number) -> str:
    """Return what a row is called on its buttons: its first value, else its number on the page."""
    if parts:
        return f"{parts[0]} row"
    return f"row {number}" if number else "new row"


@register.simple_tag
def row_view(row, number=None) -> dict:
    """Return how a repeating row shows: its summary, the name its Remove button says, and if it opens."""
    parts = summary_parts(row)
    has_errors = row.is_bound and bool(row.errors)
    return {
        "summary": SEPARATOR.join(parts) or "New row: not filled in yet",
        "name": row_name(parts, number),
        "open": has_errors or not parts,
    }


@register.simple_tag
def step_progress(nav, step) -> dict:
    """Return the current step's number, the number of steps and how many are saved."""
    names = [name for name, *_ in nav]
    return {
        "number": names.index(step) + 1 if step in names else 0,
        "total": len(names),
        "done": sum(1 for _, _, saved, _ in nav if saved),
    }


@register.simple_tag
def step_links(nav, step) -> SafeString:
    """Return the step list's items: each a submit button marked done (✓), unsaved (!) or numbered."""
    items = []
    for number, (name, title, saved, unsaved) in enumerate(nav, start=1):
        active, current = (" active", ' aria-current="step"') if name == step else ("", "")
        mark = "!" if unsaved else "✓" if saved else str(number)
        items.append(
            f'<li><button type="submit" name="wizard_goto_step" value="{escape(name)}"'
            f' class="btn btn-sm w-100 text-start step-link{active}"{current}>'
            f'<span class="step-mark">{mark}</span> {escape(title)}</button></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 - names and titles are escaped above
