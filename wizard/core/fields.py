"""How a fact is declared: optional, documented, with the limits the schema and the forms share."""

from __future__ import annotations

from dataclasses import field

SHORT_TEXT = 200
LONG_TEXT = 2000


def fact(doc: str, **limits) -> object:
    """Declare an optional fact with its one-line documentation and limits (min, max, max_length)."""
    return field(default=None, metadata={"doc": doc, **limits})


def text(doc: str, max_length: int = SHORT_TEXT) -> object:
    """Declare an optional free-text fact."""
    return field(default="", metadata={"doc": doc, "max_length": max_length})


def rows(doc: str) -> object:
    """Declare a repeating group (a tuple of rows) or a set of choices."""
    return field(default=(), metadata={"doc": doc})


def nrs(doc: str) -> object:
    """Declare a 0-10 numeric rating scale score."""
    return fact(doc, min=0, max=10)
