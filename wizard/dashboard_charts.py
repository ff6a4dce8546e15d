"""Horizontal bar charts for the dashboard as inline SVG: built on the server, no JavaScript, labelled in text."""

from dataclasses import dataclass
from html import escape

# Dark blue bars and near-black text on white: both well above 4.5:1 contrast.
BAR_COLOR = "#1a4f8b"
TEXT_COLOR = "#212529"
TRACK_COLOR = "#e9ecef"
ROW_HEIGHT = 28
LABEL_WIDTH = 300
CAPTION_HEIGHT = 24
BAR_WIDTH = 300
VALUE_WIDTH = 120
# Presentation attributes, not a style attribute: the CSP allows no inline styles.
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and the value as printed beside it."""

    label: str
    value: float
    value_text: str


def bar_chart(title: str, bars: list[Bar], *, max_value: float | None = None) -> str:
    """Return an accessible SVG of horizontal bars; an empty string when there is nothing to draw."""
    if not bars:
        return ""
    top = max_value if max_value is not None else max(bar.value for bar in bars)
    top = top or 1
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = CAPTION_HEIGHT + ROW_HEIGHT * len(bars) + 8
    summary = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars)
    rows = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="{escape(title)}: {escape(summary)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" fill="{TEXT_COLOR}" font-weight="600" {FONT}>{escape(title)}</text>',
    ]
    for index, bar in enumerate(bars):
        y = CAPTION_HEIGHT + 4 + index * ROW_HEIGHT
        length = round(BAR_WIDTH * max(bar.value, 0) / top, 1)
        middle = y + ROW_HEIGHT / 2 + 4
        rows += [
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" fill="{TEXT_COLOR}" {FONT}>'
            f"{escape(shorten(bar.label))}</text>",
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{BAR_WIDTH}" height="{ROW_HEIGHT - 8}" fill="{TRACK_COLOR}"/>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW_HEIGHT - 8}" fill="{BAR_COLOR}"/>',
            f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{middle}" fill="{TEXT_COLOR}" {FONT}>'
            f"{escape(bar.value_text)}</text>",
        ]
    rows.append("</svg>")
    return "\n".join(rows)


def shorten(label: str, limit: int = 36) -> str:
    """Return the label cut to fit beside its bar (the table beside the chart holds it whole)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"
