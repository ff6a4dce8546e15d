"""The field reference of docs/case-format.md, generated from the facts dataclasses."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, time
from decimal import Decimal

from .case_format import field_metadata, field_types
from .choices import Choice
from .facts import CaseFacts


def type_text(hint: object, meta: typing.Mapping) -> str:
    """Describe a field's JSON type and limits in a few words."""
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        inner = f"`{item.__name__}` objects" if dataclasses.is_dataclass(item) else type_text(item, {})
        return f"list of {inner}"
    if isinstance(hint, type) and issubclass(hint, Choice):
        return "one of " + ", ".join(f"`{m.value}`" for m in hint)
    if dataclasses.is_dataclass(hint):
        return f"`{hint.__name__}` object"
    words = {
        bool: "true / false",
        str: "text",
        date: "date `YYYY-MM-DD`",
        time: "time `HH:MM` (24-hour)",
        int: "whole number",
        Decimal: "number",
    }
    text = words[hint]
    if "max_length" in meta and hint is str:
        text += f", at most {meta['max_length']} characters"
    if "min" in meta:
        text += f", {meta['min']}–{meta['max']}"
    return text


def object_table(cls: type) -> list[str]:
    """Return the Markdown table of one object's fields."""
    lines = ["| Field | Type | Meaning |", "|---|---|---|"]
    meta = field_metadata(cls)
    for name, (hint, _) in field_types(cls).items():
        since = meta[name].get("since", 1)
        added = f" *(version {since})*" if since > 1 else ""
        lines.append(f"| `{name}` | {type_text(hint, meta[name])} | {meta[name].get('doc', '')}{added} |")
    return lines


def nested_objects(cls: type, seen: list[type]) -> list[type]:
    """Return every dataclass reachable from cls, in first-use order."""
    for hint, _ in field_types(cls).values():
        inner = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
        if dataclasses.is_dataclass(inner) and inner not in seen:
            seen.append(inner)
            nested_objects(inner, seen)
    return seen


def field_reference_markdown() -> str:
    """Return the Markdown reference of every object and field in a case file."""
    out = ["### Top level", "", *object_table(CaseFacts)]
    for cls in nested_objects(CaseFacts, []):
        out += ["", f"### `{cls.__name__}`", "", *object_table(cls)]
    return "\n".join(out) + "\n"
