"""What changed between two versions of a case file, and a short version stamp for one."""

import hashlib
import json

Change = tuple[str, object, object]


def version_of(value: object) -> str:
    """Return the SHA-256 of a JSON value's canonical form: equal values, equal versions."""
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def diff(before: object, after: object, path: str = "") -> list[Change]:
    """Return every (path, before, after) that differs; a missing key or row is None."""
    if isinstance(before, dict) and isinstance(after, dict):
        changes = []
        for key in [*before, *(k for k in after if k not in before)]:
            changes += diff(before.get(key), after.get(key), f"{path}.{key}" if path else str(key))
        return changes
    if isinstance(before, list) and isinstance(after, list):
        changes = []
        for i in range(max(len(before), len(after))):
            old = before[i] if i < len(before) else None
            new = after[i] if i < len(after) else None
            changes += diff(old, new, f"{path}[{i}]")
        return changes
    # JSON keeps 7 and 7.0 apart (and True apart from 1), so compare the types too.
    if before == after and type(before) is type(after):
        return []
    return [(path, before, after)]
