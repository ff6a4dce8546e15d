"""Password rules of our own, used beside Django's (see AUTH_PASSWORD_VALIDATORS)."""

import re

from django.core.exceptions import ValidationError


class NameInPasswordValidator:
    """Refuse a password that contains the user's username, first name or last name."""

    attributes = ("username", "first_name", "last_name")

    def __init__(self, min_part_length: int = 3):
        self.min_part_length = min_part_length

    def name_parts(self, user) -> set[str]:
        """Return the lower-case names and their parts (split at spaces, dots, dashes) long enough to count."""
        parts = set()
        for attribute in self.attributes:
            value = str(getattr(user, attribute, "") or "").lower()
            parts.update([value, *re.split(r"[\W_]+", value)])
        return {part for part in parts if len(part) >= self.min_part_length}

    def validate(self, password, user=None):
        if user is None:
            return
        lowered = password.lower()
        found = sorted(part for part in self.name_parts(user) if part in lowered)
        if found:
            raise ValidationError(
                "This password contains your name or username (“%(part)s”). Choose one without it.",
                code="password_contains_name",
                params={"part": found[0]},
            )

    def get_help_text(self):
        return "Your password can’t contain your name or username."
