"""The base of every closed vocabulary: a stable stored value with a label for people."""

from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """A string enum whose members carry a human label: `Side.RIGHT.label == "Right"`."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Choice:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Return (value, label) pairs in declaration order."""
        return [(m.value, m.label) for m in cls]
