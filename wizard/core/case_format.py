"""The case file: CaseFacts to and from JSON, validated field by field against the format's version.

The dataclasses in facts.py are the single definition; the schema in docs/ is generated from them.
Reading never trusts the file's shape: every value that is not what the format says becomes a
CaseFormatError naming its path, whatever JSON stands there.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from datetime import date, time
from decimal import Decimal, InvalidOperation

from .case_json import CaseFormatError, Unreadable, describe, join, key_name
from .choices import Choice
from .facts import CaseFacts

FORMAT_NAME = "pain-lmn-case"
FORMAT_VERSION = 3
# Versions 2 and 3 only add facts (each declared with `since=`), so an older file reads as it is.
SUPPORTED_VERSIONS = frozenset({1, 2, 3})
SCHEMA_ID = "https://pain-lmn.example/schema/case-v3.json"
TOP_LEVEL_META = ("format", "version", "$schema")

# The wizard's formsets hold at most 40 rows; a list of a million empty rows is not a record.
MAX_ROWS = 40
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CLOCK_TIME = re.compile(r"[0-9]{2}:[0-9]{2}")


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


@functools.cache
def field_metadata(cls: type) -> dict[str, typing.Mapping]:
    """Return {field name: metadata} for a facts dataclass."""
    return {f.name: f.metadata for f in dataclasses.fields(cls)}


def load_case(data: object) -> CaseFacts:
    """Parse a case file (already decoded from JSON) into CaseFacts, or raise CaseFormatError."""
    if not isinstance(data, dict):
        raise CaseFormatError("", f"a case file must be a JSON object; got {describe(data)}")
    if data.get("format") != FORMAT_NAME:
        raise CaseFormatError("format", f'must be "{FORMAT_NAME}"; got {describe(data.get("format"))}')
    version = data.get("version")
    if not isinstance(version, int | float) or isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        *earlier, last = (str(v) for v in sorted(SUPPORTED_VERSIONS))
        supported = f"{', '.join(earlier)} or {last}" if earlier else last
        raise CaseFormatError("version", f"must be {supported}; this file says {describe(version)}")
    sections = {k: v for k, v in data.items() if k not in TOP_LEVEL_META}
    return load_object(CaseFacts, sections, "", version)


def load_object(cls: type, data: object, path: str, version: int = FORMAT_VERSION) -> object:
    """Parse one JSON object into the dataclass `cls`, refusing facts newer than the file's version."""
    if not isinstance(data, dict):
        raise CaseFormatError(path, f"must be an object; got {describe(data)}")
    types_ = field_types(cls)
    unknown = sorted(set(data) - set(types_))
    if unknown:
        raise CaseFormatError(join(path, key_name(unknown[0])), "is not a field of this format")
    meta = field_metadata(cls)
    values = {}
    for name, raw in data.items():
        if raw is None:
            continue
        hint, _ = types_[name]
        since = meta[name].get("since", 1)
        if since > version:
            raise CaseFormatError(
                join(path, name),
                f"was added in version {since} of the format; this file says version {version}",
            )
        values[name] = load_value(hint, raw, join(path, name), meta[name], version)
    return cls(**values)


ROWS, OBJECT, CHOICE, PLAIN = "rows", "object", "choice", "plain"


@functools.cache
def hint_kind(hint: object) -> str:
    """Return how a value of this type is read: rows, an object, a choice or a plain value."""
    # Asked about every one of a case's ~250 values each time a case is opened, so answered once per type.
    if typing.get_origin(hint) is tuple:
        return ROWS
    if dataclasses.is_dataclass(hint):
        return OBJECT
    if isinstance(hint, type) and issubclass(hint, Choice):
        return CHOICE
    return PLAIN


def load_value(
    hint: object, raw: object, path: str, meta: typing.Mapping, version: int = FORMAT_VERSION
) -> object:
    """Parse one JSON value into the Python type `hint`, checking the field's limits."""
    if isinstance(raw, Unreadable):
        raise CaseFormatError(path, f"{raw.text} is not a value a case file can hold")
    kind = hint_kind(hint)
    if kind is ROWS:
        return load_rows(typing.get_args(hint)[0], raw, path, version)
    if kind is OBJECT:
        return load_object(hint, raw, path, version)
    if kind is CHOICE:
        if not isinstance(raw, str) or raw not in hint._value2member_map_:
            allowed = ", ".join(m.value for m in hint)
            raise CaseFormatError(path, f"expected one of: {allowed}; got {describe(raw)}")
        return hint(raw)
    if hint is bool:
        if not isinstance(raw, bool):
            raise CaseFormatError(path, f"must be true or false; got {describe(raw)}")
        return raw
    if hint is str:
        return load_text(raw, path, meta)
    if hint is date:
        return load_date(raw, path)
    if hint is time:
        return load_time(raw, path)
    if hint is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise CaseFormatError(path, f"must be a whole number; got {describe(raw)}")
        return check_range(raw, path, meta)
    if hint is Decimal:
        return check_range(load_decimal(raw, path), path, meta)
    raise TypeError(f"unsupported field type {hint!r} at {path}")


def load_rows(item: object, raw: object, path: str, version: int = FORMAT_VERSION) -> tuple:
    """Parse a JSON list of rows or choices, at most MAX_ROWS of them."""
    if not isinstance(raw, list):
        raise CaseFormatError(path, f"must be a list; got {describe(raw)}")
    if len(raw) > MAX_ROWS:
        raise CaseFormatError(path, f"has {len(raw)} entries; the limit is {MAX_ROWS}")
    return tuple(load_value(item, v, f"{path}[{i}]", {}, version) for i, v in enumerate(raw))


def load_text(raw: object, path: str, meta: typing.Mapping) -> str:
    """Parse a string, enforcing its maximum length."""
    if not isinstance(raw, str):
        raise CaseFormatError(path, f"must be text; got {describe(raw)}")
    limit = meta.get("max_length")
    if limit is not None and len(raw) > limit:
        raise CaseFormatError(path, f"is {len(raw)} characters long; the limit is {limit}")
    return raw


def load_date(raw: object, path: str) -> date:
    """Parse an ISO date, YYYY-MM-DD."""
    if not isinstance(raw, str):
        raise CaseFormatError(path, f"must be a date written YYYY-MM-DD; got {describe(raw)}")
    if not ISO_DATE.fullmatch(raw):
        raise CaseFormatError(path, f"must be a date written YYYY-MM-DD; got {describe(raw)}")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CaseFormatError(path, f"{raw!r} is not a date in the calendar") from None


def load_time(raw: object, path: str) -> time:
    """Parse a 24-hour clock time, HH:MM."""
    if not isinstance(raw, str) or not CLOCK_TIME.fullmatch(raw):
        raise CaseFormatError(path, f"must be a time written HH:MM (24-hour); got {describe(raw)}")
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise CaseFormatError(path, f"{raw!r} is not a time of day") from None


def load_decimal(raw: object, path: str) -> Decimal:
    """Parse a JSON number into a Decimal without binary rounding artefacts."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise CaseFormatError(path, f"must be a number; got {describe(raw)}")
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise CaseFormatError(path, f"must be a number; got {describe(raw)}") from None
    if not value.is_finite():
        raise CaseFormatError(path, f"must be a finite number; got {describe(raw)}")
    return value


def check_range(value: int | Decimal, path: str, meta: typing.Mapping) -> int | Decimal:
    """Return the value if it lies within the field's min and max."""
    low, high = meta.get("min"), meta.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        raise CaseFormatError(path, f"{describe(value)} is outside {low}-{high}")
    return value


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
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        # 1.0 stays 1.0: the letter prints a value as it was written (INR 1.0, not INR 1).
        return int(value) if value.as_tuple().exponent >= 0 else float(value)
    return value
