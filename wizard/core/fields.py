"""How a fact is declared: optional, documented, with the limits the schema and the forms share."""

from __future__ import annotations

from dataclasses import field

SHORT_TEXT = 200
LONG_TEXT = 2000


def fact(doc: str, **limits) -> object:
    """Declare an optional fact with its documentation, limits (min, max) and `since` (format version)."""
    return field(default=None, metadata={"doc": doc, **limits})


def text(doc: str, max_length: int = SHORT_TEXT, **meta) -> object:
    """Declare an optional free-text fact (`since` names the case-file version that added it)."""
    return field(default="", metadata={"doc": doc, "max_length": max_length, **meta})


def rows(doc: str, **meta) -> object:
    """Declare a repeating group (a tuple of rows) or a set of choices."""
    return field(default=(), metadata={"doc": doc, **meta})


def nrs(doc: str, **meta) -> object:
    """Declare a 0-10 numeric rating scale score."""
    return fact(doc, min=0, max=10, **meta)
