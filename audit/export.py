"""Reading the trail out: one filter and one flat row, shared by the manager's page, CSV and the command."""

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from django.utils import timezone

from .models import Action, AuditEvent

COLUMNS = (
    "time",
    "user",
    "action",
    "action_label",
    "clinic",
    "case",
    "address",
    "route",
    "summary",
    "detail",
)
MAX_CHANGES_SHOWN = 3
MAX_VALUE_LENGTH = 40
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class TrailFilter:
    """Which events to read; empty fields do not filter. Dates are whole local days, both inclusive."""

    clinic_id: int | None = None
    case_id: UUID | None = None
    username: str = ""
    since: date | None = None
    until: date | None = None

    def described(self) -> dict:
        """Return the narrowing filters as JSON-safe values, for the audit record of the read itself."""
        given = {"case": self.case_id, "user": self.username, "since": self.since, "until": self.until}
        return {key: str(value) for key, value in given.items() if value not in (None, "")}


def start_of(day: date) -> datetime:
    """Return the first moment of a local day."""
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_events(trail: TrailFilter, events=None):
    """Return the events the filter selects, newest first."""
    events = AuditEvent.objects.all() if events is None else events
    if trail.clinic_id is not None:
        events = events.filter(clinic_id=trail.clinic_id)
    if trail.case_id is not None:
        events = events.filter(case_id=trail.case_id)
    if trail.username:
        events = events.filter(username__iexact=trail.username)
    if trail.since is not None:
        events = events.filter(at__gte=start_of(trail.since))
    if trail.until is not None:
        events = events.filter(at__lt=start_of(trail.until + timedelta(days=1)))
    return events.order_by("-at", "-id")


def action_label(value: str) -> str:
    """Return an action in words; a value no longer known is shown as stored."""
    action = Action._value2member_map_.get(value)
    return action.label if action else value


def short(value) -> str:
    """Return a value as short text for a summary."""
    text = "—" if value in (None, "") else value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def summarize_changes(detail: dict) -> str:
    """Return a CHANGE event's fields as "path: before → after", a few of them."""
    changes = detail.get("changes") or []
    parts = []
    for change in changes[:MAX_CHANGES_SHOWN]:
        path, before, after = (list(change) + [None, None, None])[:3]
        path = ".".join(str(p) for p in path) if isinstance(path, list | tuple) else str(path)
        parts.append(f"{path}: {short(before)} → {short(after)}")
    if len(changes) > MAX_CHANGES_SHOWN:
        parts.append(f"and {len(changes) - MAX_CHANGES_SHOWN} more")
    step = detail.get("step")
    return (f"{step}: " if step else "") + "; ".join(parts)


def summarize(action: str, detail: dict) -> str:
    """Return one line saying what an event's detail holds."""
    if not isinstance(detail, dict):
        return short(detail)
    if action == Action.CHANGE and "changes" in detail:
        return summarize_changes(detail)
    return ", ".join(f"{key.replace('_', ' ')}: {short(value)}" for key, value in detail.items())


def event_row(event: AuditEvent) -> dict:
    """Return one event as a flat row with COLUMNS as keys (detail stays a dict)."""
    return {
        "time": timezone.localtime(event.at).isoformat(),
        "user": event.username,
        "action": event.action,
        "action_label": action_label(event.action),
        "clinic": event.clinic_id,
        "case": str(event.case_id) if event.case_id else "",
        "address": event.address or "",
        "route": event.route,
        "summary": summarize(event.action, event.detail),
        "detail": event.detail,
    }


def csv_cell(value) -> str:
    """Return a value as a CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = (
        ""
        if value is None
        else json.dumps(value, ensure_ascii=False)
        if isinstance(value, dict)
        else str(value)
    )
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(events):
    """Yield the CSV text of these events, header first, one line at a time."""

    class Line:
        def write(self, text):
            return text

    writer = csv.writer(Line())
    yield writer.writerow(COLUMNS)
    for event in events.iterator():
        row = event_row(event)
        yield writer.writerow([csv_cell(row[column]) for column in COLUMNS])


def json_lines(events):
    """Yield each event as one line of JSON (JSON Lines)."""
    for event in events.iterator():
        yield json.dumps(event_row(event), ensure_ascii=False) + "\n"
