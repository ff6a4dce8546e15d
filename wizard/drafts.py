"""Autosaved drafts of a step: when each was kept, from which browser tab, and whether it is still shown."""

import hashlib
import json
from datetime import datetime

from django.utils import formats, timezone

DRAFTS = "drafts"
TAB_FIELD = "autosave-tab"
VISIT_FIELD = "autosave-visit"


def input_fingerprint(step_data) -> str:
    """Return a short fingerprint of a step's kept raw input, to tell an autosaved draft from later input."""
    text = json.dumps(step_data or {}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def clock_time(moment: datetime) -> str:
    """Return a moment as the clinic reads a clock: "10:42" in the site's time zone."""
    return formats.time_format(timezone.localtime(moment), "H:i")


def draft_of(storage, step: str) -> dict | None:
    """Return what is known of the step's autosaved draft, or None if the kept input is not one."""
    meta = storage.extra_data.get(DRAFTS, {}).get(step)
    if not meta or step not in storage.unsaved_steps:
        return None
    kept = storage.data[storage.step_data_key].get(step)
    # Input kept later by a refused save replaces the autosaved draft: the note would misdate it.
    return meta if meta.get("input") == input_fingerprint(kept) else None


def note_draft(storage, step: str, tab: str, visit: str, moment: datetime) -> bool:
    """Record that the step's kept input is an autosaved draft; return whether this visit is new."""
    drafts = storage.extra_data.get(DRAFTS, {})
    new_visit = drafts.get(step, {}).get("visit") != visit
    kept = storage.data[storage.step_data_key].get(step)
    meta = {"at": moment.isoformat(), "tab": tab, "visit": visit, "input": input_fingerprint(kept)}
    storage.extra_data = {**storage.extra_data, DRAFTS: {**drafts, step: meta}}
    return new_visit


def draft_note(storage, step: str) -> dict | None:
    """Return what the step page says of a restored draft: the time it was kept and the tab it came from."""
    meta = draft_of(storage, step)
    if meta is None:
        return None
    return {"saved_at": clock_time(datetime.fromisoformat(meta["at"])), "tab": meta["tab"]}
