"""The JSON Schema of the case file, generated from the facts dataclasses."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, time
from decimal import Decimal

from .case_format import FORMAT_NAME, SCHEMA_ID, SUPPORTED_VERSIONS, field_metadata, field_types
from .choices import Choice
from .facts import CaseFacts


def case_json_schema() -> dict:
    """Return the JSON Schema (draft 2020-12) that every case file satisfies."""
    defs: dict[str, dict] = {}
    root = object_schema(CaseFacts, defs)
    root["properties"] = {
        "$schema": {"type": "string"},
        "format": {"const": FORMAT_NAME},
        "version": {"enum": sorted(SUPPORTED_VERSIONS)},
        **root["properties"],
    }
    root["required"] = ["format", "version"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Pain LMN case file",
        "description": "Everything the case wizard captures about one request. Missing means not documented.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def object_schema(cls: type, defs: dict[str, dict]) -> dict:
    """Return the schema of one facts dataclass."""
    meta = field_metadata(cls)
    properties = {}
    for name, (hint, _) in field_types(cls).items():
        schema = value_schema(hint, meta[name], defs)
        doc = meta[name].get("doc")
        if doc and meta[name].get("since", 1) > 1:
            doc = f"{doc} (since version {meta[name]['since']})"
        if doc and "$ref" not in schema:
            schema = {"description": doc, **schema}
        properties[name] = schema
    return {"type": "object", "additionalProperties": False, "properties": properties}


def value_schema(hint: object, meta: typing.Mapping, defs: dict[str, dict]) -> dict:
    """Return the schema of one field; every value may also be null (not documented)."""
    if typing.get_origin(hint) is tuple:
        return {"type": "array", "items": value_schema(typing.get_args(hint)[0], {}, defs)}
    if dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = object_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(hint, type) and issubclass(hint, Choice):
        return {"enum": [m.value for m in hint] + [None]}
    if hint is bool:
        return {"type": ["boolean", "null"]}
    if hint is str:
        return {"type": ["string", "null"], "maxLength": meta["max_length"]}
    if hint is date:
        return {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if hint is time:
        return {"type": ["string", "null"], "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}
    kind = "integer" if hint is int else "number"
    assert hint in (int, Decimal), hint
    schema: dict = {"type": [kind, "null"]}
    if "min" in meta:
        schema["minimum"] = meta["min"]
    if "max" in meta:
        schema["maximum"] = meta["max"]
    return schema
