"""The <option> markup of a choice list, built once per list: a form class's rows share their lists."""

from html import escape as html_escape

# Rows of one form class share their choice lists (wizard/forms/field_copies.py), so a therapy page's
# ~40 selects need only a few lists' markup; per-request lists (a clinic's clinicians) come and go.
CACHE_SIZE = 256
_options_by_list: dict[int, "CachedList"] = {}


def escape(value) -> str:
    """Escape as django.utils.html.escape does, without its lazy-text wrapper."""
    return html_escape(str(value))


def value_attribute(value) -> str:
    """Return an option's value attribute as markup.attributes writes it."""
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


class CachedList:
    """A choice list's option markup in parts, and the whole markup for each single choice made from it."""

    __slots__ = ("choices", "parts", "values", "by_choice")

    def __init__(self, choices: list):
        # Holding the list itself means its id cannot be reused by another list while it is cached.
        self.choices = choices
        self.parts = build_parts(choices)
        self.values = {value for _, options in self.parts for value, _, _ in options}
        self.by_choice: dict[str, str] = {}


def cached_list(choices: list) -> CachedList:
    """Return the cache entry of a choice list, made when the list is first seen."""
    entry = _options_by_list.get(id(choices))
    if entry is None or entry.choices is not choices:
        if len(_options_by_list) >= CACHE_SIZE:
            _options_by_list.clear()
        entry = _options_by_list[id(choices)] = CachedList(choices)
    return entry


def option_parts(choices) -> list[tuple[str | None, list[tuple[str, str, str]]]]:
    """Return the choice list's option markup in parts, from the cache when the list was seen before."""
    return cached_list(choices).parts if isinstance(choices, list) else build_parts(choices)


def options_markup(parts, chosen: set[str]) -> str:
    """Return the <option> and <optgroup> markup of the parts with the `chosen` values selected."""
    blocks = []
    for group, options in parts:
        rendered = "".join(
            f"{start}{' selected' if value in chosen else ''}{end}" for value, start, end in options
        )
        blocks.append(f'<optgroup label="{group}">{rendered}</optgroup>' if group else rendered)
    return "".join(blocks)


def select_options(choices, chosen: set[str]) -> str:
    """Return the <option> and <optgroup> markup of a select with the `chosen` values selected."""
    if not isinstance(choices, list):
        return options_markup(build_parts(choices), chosen)
    entry = cached_list(choices)
    # A select shows one choice; each of the list's choices is rendered once (a therapy page has ~50 selects).
    if len(chosen) == 1 and not chosen.isdisjoint(entry.values):
        (value,) = chosen
        markup = entry.by_choice.get(value)
        if markup is None:
            markup = entry.by_choice[value] = options_markup(entry.parts, chosen)
        return markup
    return options_markup(entry.parts, chosen)
