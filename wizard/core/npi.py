"""National Provider Identifier check: 10 digits, the last a Luhn check digit over '80840' + the first 9."""

from __future__ import annotations

NPI_PREFIX = "80840"


def luhn_check_digit(digits: str) -> int:
    """Return the Luhn check digit for a string of digits."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return (10 - total % 10) % 10


def is_valid_npi(value: str) -> bool:
    """Return whether a string is a well-formed NPI with a correct check digit."""
    return len(value) == 10 and value.isdigit() and luhn_check_digit(NPI_PREFIX + value[:9]) == int(value[9])
