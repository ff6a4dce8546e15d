"""The one rounding rule for computed measures: one decimal place, halves away from zero."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ONE_PLACE = Decimal("0.1")


def round1(value: Decimal) -> Decimal:
    """Round to one decimal place, halves away from zero."""
    return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
