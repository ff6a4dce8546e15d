"""The fax cover sheet: who it goes to, who sends it, how many pages; never a clinical detail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..core.display import format_date
from ..core.facts import CaseFacts
from ..letter.addressing import payer_name

SUBJECT = "Prior authorization request"
CONFIDENTIALITY_NOTICE = (
    "This facsimile contains confidential information, including protected health information, that is "
    "legally privileged and intended only for the use of the addressee named above. If you are not the "
    "intended recipient, you are notified that any reading, disclosure, copying, distribution or use of its "
    "contents is strictly prohibited. If you received it in error, notify the sender immediately by "
    "telephone and destroy it."
)


@dataclass(frozen=True)
class CoverSheet:
    """What the cover prints; the page and enclosure counts are filled in when the packet is assembled."""

    to_name: str
    to_fax: str
    attention: str
    from_name: str
    from_phone: str
    from_fax: str
    sent_on: date
    total_pages: int = 0
    enclosure_count: int = 0
    subject: str = SUBJECT
    notice: str = CONFIDENTIALITY_NOTICE

    @property
    def date_text(self) -> str:
        """Return the date as printed: Nov 22, 2026."""
        return format_date(self.sent_on)

    @property
    def pages_text(self) -> str:
        """Return the page count line: the cover is counted."""
        return f"{self.total_pages} (including this cover)"

    @property
    def enclosures_text(self) -> str:
        """Return the contents line: the letter and how many enclosures follow."""
        if not self.enclosure_count:
            return "Letter of medical necessity"
        noun = "enclosure" if self.enclosure_count == 1 else "enclosures"
        return f"Letter of medical necessity and {self.enclosure_count} {noun}"


def cover_for_facts(facts: CaseFacts, *, to_fax: str, attention: str, sent_on: date) -> CoverSheet:
    """Return the cover sheet of a case's packet: to its payer, from the letterhead the letter prints."""
    practice = facts.request.practice
    return CoverSheet(
        to_name=payer_name(facts),
        to_fax=to_fax.strip(),
        attention=attention.strip(),
        from_name=practice.name,
        from_phone=practice.phone,
        from_fax=practice.fax,
        sent_on=sent_on,
    )
