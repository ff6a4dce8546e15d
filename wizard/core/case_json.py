"""Reading a case file's JSON text without trusting it: depth, numbers, storable text, and paths.

Every problem becomes a CaseFormatError naming the JSON path of the offending value, whatever stands there.
"""

from __future__ import annotations

import itertools
import json
import re
from decimal import Decimal

# A case file nests four levels of brackets (therapy.medications[0].drug); far deeper is not a case
# file, and json.loads would exhaust the interpreter's recursion limit on it.
MAX_NESTING = 20
# No fact needs more digits than this; Python refuses to parse integers beyond 4,300 digits at all.
MAX_NUMBER_DIGITS = 30
MAX_SHOWN = 40
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = re.compile(r"[\[\]{}]")
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


class CaseFormatError(ValueError):
    """A case file that does not follow the format; `path` names the offending value."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class Unreadable:
    """A JSON number no fact can hold (NaN, Infinity, hundreds of digits), kept to be reported by path."""

    def __init__(self, text: str):
        self.text = text


def read_number(text: str) -> int | Unreadable:
    """Parse a JSON integer, keeping an absurdly long one as Unreadable instead of failing the whole file."""
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        return Unreadable(f"a number with {len(text.lstrip('-'))} digits")
    return int(text)


def nesting_depth(text: str) -> int:
    """Return how deeply lists and objects nest in JSON text, without parsing it."""
    steps = {"[": 1, "{": 1, "]": -1, "}": -1}
    brackets = BRACKETS.findall(JSON_STRING.sub("", text))
    return max(itertools.accumulate(map(steps.__getitem__, brackets)), default=0)


def parse_case_text(text: str) -> object:
    """Decode a case file's JSON text, or raise CaseFormatError saying why it cannot be read."""
    too_deep = (
        f"The file is nested too deeply: a case file has at most {MAX_NESTING} levels of lists and objects."
    )
    if nesting_depth(text) > MAX_NESTING:
        raise CaseFormatError("", too_deep)
    try:
        data = json.loads(text, parse_int=read_number, parse_constant=Unreadable)
    except json.JSONDecodeError as error:
        raise CaseFormatError(
            "", f"This is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    except RecursionError:
        raise CaseFormatError("", too_deep) from None
    refuse_unstorable_text(data, "")
    return data


def refuse_unstorable_text(value: object, path: str) -> None:
    """Raise CaseFormatError at the first text holding NUL or an unpaired surrogate."""
    # JSON escapes can spell both; PostgreSQL refuses to store them and UTF-8 cannot encode a surrogate.
    if isinstance(value, str):
        bad = UNSTORABLE.search(value)
        if bad:
            raise CaseFormatError(
                path, f"contains a character that cannot be stored (U+{ord(bad.group()):04X})"
            )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            refuse_unstorable_text(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_unstorable_text(item, join(path, key_name(key)))


def describe(raw: object) -> str:
    """Say what a JSON value is, briefly and safely: never its whole content."""
    if isinstance(raw, Unreadable):
        return raw.text
    if raw is None or isinstance(raw, bool):
        return json.dumps(raw)
    if isinstance(raw, int | float | Decimal):
        shown = str(raw)
        return shown if len(shown) <= MAX_SHOWN else f"a number with {len(shown)} characters"
    if isinstance(raw, str):
        return "text " + repr(raw[:MAX_SHOWN] + ("…" if len(raw) > MAX_SHOWN else ""))
    return {list: "a list", dict: "an object"}.get(type(raw), type(raw).__name__)


def key_name(key: str) -> str:
    """Return an object key as a path segment; odd or long keys are quoted and cut."""
    if key.isidentifier() and key.isascii() and len(key) <= MAX_SHOWN:
        return key
    return json.dumps(key[:MAX_SHOWN]) + ("…" if len(key) > MAX_SHOWN else "")


def join(path: str, name: str) -> str:
    """Join a JSON path and a key with a dot."""
    return f"{path}.{name}" if path else name
