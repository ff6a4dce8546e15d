"""The case file: CaseFacts to and from JSON, validated field by field, and its JSON Schema.

The dataclasses in facts.py are the single definition; the schema in docs/ is generated from them.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import date
from decimal import Decimal, InvalidOperation

from .choices import Choice
from .facts import CaseFacts

FORMAT_NAME = "pain-lmn-case"
FORMAT_VERSION = 1
SCHEMA_ID = "https://pain-lmn.example/schema/case-v1.json"
TOP_LEVEL_META = ("format", "version", "$schema")


class CaseFormatError(ValueError):
    """A case file that does not follow the format; `path` names the offending value."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@functools.cache
def field_types(cls: type) -> dict[str, tuple[object, bool]]:
    """Return {field name: (type, optional)} for a facts dataclass."""
    hints = typing.get_type_hints(cls)
    resolved = {}
    for f in dataclasses.fields(cls):
        hint, optional = hints[f.name], False
        if isinstance(hint, types.UnionType):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            hint, optional = args[0], True
        resolved[f.name] = (hint, optional)
    return resolved


def field_metadata(cls: type) -> dict[str, typing.Mapping]:
    """Return {field name: metadata} for a facts dataclass."""
    return {f.name: f.metadata for f in dataclasses.fields(cls)}


def load_case(data: object) -> CaseFacts:
    """Parse a case file (already decoded from JSON) into CaseFacts, or raise CaseFormatError."""
    if not isinstance(data, dict):
        raise CaseFormatError("", "a case file must be a JSON object")
    if data.get("format") != FORMAT_NAME:
        raise CaseFormatError("format", f'must be "{FORMAT_NAME}"')
    if data.get("version") != FORMAT_VERSION:
        raise CaseFormatError("version", f"must be {FORMAT_VERSION}; this file says {data.get('version')!r}")
    sections = {k: v for k, v in data.items() if k not in TOP_LEVEL_META}
    return load_object(CaseFacts, sections, "")


def load_object(cls: type, data: object, path: str) -> object:
    """Parse one JSON object into the dataclass `cls`."""
    if not isinstance(data, dict):
        raise CaseFormatError(path, "must be an object")
    types_ = field_types(cls)
    unknown = sorted(set(data) - set(types_))
    if unknown:
        raise CaseFormatError(join(path, unknown[0]), "is not a field of this format")
    meta = field_metadata(cls)
    values = {}
    for name, raw in data.items():
        if raw is None:
            continue
        hint, _ = types_[name]
        values[name] = load_value(hint, raw, join(path, name), meta[name])
    return cls(**values)


def load_value(hint: object, raw: object, path: str, meta: typing.Mapping) -> object:
    """Parse one JSON value into the Python type `hint`, checking the field's limits."""
    if typing.get_origin(hint) is tuple:
        if not isinstance(raw, list):
            raise CaseFormatError(path, "must be a list")
        item = typing.get_args(hint)[0]
        return tuple(load_value(item, v, f"{path}[{i}]", {}) for i, v in enumerate(raw))
    if dataclasses.is_dataclass(hint):
        return load_object(hint, raw, path)
    if isinstance(hint, type) and issubclass(hint, Choice):
        if raw not in hint._value2member_map_:
            allowed = ", ".join(m.value for m in hint)
            raise CaseFormatError(path, f"{raw!r} is not one of: {allowed}")
        return hint(raw)
    if hint is bool:
        if not isinstance(raw, bool):
            raise CaseFormatError(path, "must be true or false")
        return raw
    if hint is str:
        return load_text(raw, path, meta)
    if hint is date:
        return load_date(raw, path)
    if hint is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise CaseFormatError(path, "must be a whole number")
        return check_range(raw, path, meta)
    if hint is Decimal:
        return check_range(load_decimal(raw, path), path, meta)
    raise TypeError(f"unsupported field type {hint!r} at {path}")


def load_text(raw: object, path: str, meta: typing.Mapping) -> str:
    """Parse a string, enforcing its maximum length."""
    if not isinstance(raw, str):
        raise CaseFormatError(path, "must be text")
    limit = meta.get("max_length")
    if limit is not None and len(raw) > limit:
        raise CaseFormatError(path, f"is {len(raw)} characters long; the limit is {limit}")
    return raw


def load_date(raw: object, path: str) -> date:
    """Parse an ISO date, YYYY-MM-DD."""
    if not isinstance(raw, str):
        raise CaseFormatError(path, "must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CaseFormatError(path, f"{raw!r} is not a date written YYYY-MM-DD") from None


def load_decimal(raw: object, path: str) -> Decimal:
    """Parse a JSON number into a Decimal without binary rounding artefacts."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise CaseFormatError(path, "must be a number")
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise CaseFormatError(path, "must be a number") from None
    if not value.is_finite():
        raise CaseFormatError(path, "must be a finite number")
    return value


def check_range(value: int | Decimal, path: str, meta: typing.Mapping) -> int | Decimal:
    """Return the value if it lies within the field's min and max."""
    low, high = meta.get("min"), meta.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        raise CaseFormatError(path, f"{value} is outside {low}-{high}")
    return value


def join(path: str, name: str) -> str:
    """Join a JSON path and a key with a dot."""
    return f"{path}.{name}" if path else name


def dump_case(facts: CaseFacts) -> dict:
    """Return the case file for these facts: format header, then every documented fact."""
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, **dump_object(facts)}


def dump_object(obj: object) -> dict:
    """Return the JSON object for a dataclass, leaving out facts that are not documented."""
    out = {}
    for f in dataclasses.fields(obj):
        value = dump_value(getattr(obj, f.name))
        if value not in (None, "", [], {}):
            out[f.name] = value
    return out


def dump_value(value: object) -> object:
    """Return the JSON value for one fact."""
    if dataclasses.is_dataclass(value):
        return dump_object(value)
    if isinstance(value, tuple):
        return [dump_value(v) for v in value]
    if isinstance(value, Choice):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
