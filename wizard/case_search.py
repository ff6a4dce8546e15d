"""What a staff search means: words of a name in any order, a date of birth, or a member id."""

from datetime import date, datetime

from django.db.models import Q

from .models.case import compact_member_id

DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")


def parsed_date(text: str) -> date | None:
    """Return the date the text writes (2026-05-14, 05/14/1968, May 14 1968, May 14, 1968), or None."""
    text = " ".join(text.replace(",", " ").split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def case_search_filter(query: str) -> Q:
    """Return the filter for a search: a whole date of birth, else every word (or date) must match."""
    born = parsed_date(query)
    if born is not None:
        return Q(patient_born=born)
    words = query.lower().split()
    match = Q()
    for word in words:
        born = parsed_date(word)
        match &= Q(patient_born=born) if born else Q(patient_search__contains=word)
    # A member id typed with its own spacing or dashes matches the id stored compact.
    compact = compact_member_id(query)
    if len(words) > 1 or "-" in query:
        match |= Q(patient_search__contains=compact)
    return match
