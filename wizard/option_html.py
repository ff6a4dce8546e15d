"""The <option> markup of a choice list, built once per list: a form class's rows share their lists."""

from html import escape as html_escape

# Rows of one form class share their choice lists (wizard/forms/field_copies.py), so a therapy page's
# ~40 selects need only a few lists' markup; per-request lists (a clinic's clinicians) come and go.
CACHE_SIZE = 256
_options_by_list: dict[int, tuple[list, list]] = {}


def escape(value) -> str:
    """Escape as django.utils.html.escape does, without its lazy-text wrapper."""
    return html_escape(str(value))


def value_attribute(value) -> str:
    """Return an option's value attribute as wizard_fields.attributes writes it."""
    if value is None or value is False:
        return ""
    return " value" if value is True else f' value="{escape(value)}"'


def build_parts(choices) -> list[tuple[str | None, list[tuple[str, str, str]]]]:
    """Return [(escaped group label or None, [(value as text, "<option value=…", ">label</option>")])]."""
    parts, plain = [], []
    for value, label in choices:
        if isinstance(label, list | tuple):
            if plain:
                parts.append((None, plain))
                plain = []
            options = [
                (str(v), f"<option{value_attribute(v)}", f">{escape(text)}</option>") for v, text in label
            ]
            parts.append((escape(value) if value else None, options))
        else:
            plain.append((str(value), f"<option{value_attribute(value)}", f">{escape(label)}</option>"))
    if plain:
        parts.append((None, plain))
    return parts


def option_parts(choices) -> list[tuple[str | None, list[tuple[str, str, str]]]]:
    """Return the choice list's option markup in parts, from the cache when the list was seen before."""
    if not isinstance(choices, list):
        return build_parts(choices)
    entry = _options_by_list.get(id(choices))
    # The entry holds the list itself, so while cached its id cannot be reused by another list.
    if entry is not None and entry[0] is choices:
        return entry[1]
    parts = build_parts(choices)
    if len(_options_by_list) >= CACHE_SIZE:
        _options_by_list.clear()
    _options_by_list[id(choices)] = (choices, parts)
    return parts


def select_options(choices, chosen: set[str]) -> str:
    """Return the <option> and <optgroup> markup of a select with the `chosen` values selected."""
    blocks = []
    for group, options in option_parts(choices):
        rendered = "".join(
            f"{start}{' selected' if value in chosen else ''}{end}" for value, start, end in options
        )
        blocks.append(f'<optgroup label="{group}">{rendered}</optgroup>' if group else rendered)
    return "".join(blocks)
