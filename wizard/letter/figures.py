"""The letter's figures: inline SVG bar charts that WeasyPrint draws without scripts, links or CSS."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "Letter Sans, sans-serif"
# The view box is about a printed column wide, so 12px text prints near 9pt at width="100%".
WIDTH = 640

INK = "#1a1a1a"
MUTED = "#404040"  # 10:1 on white: fax-legible (issue 9 item 7)
GRID = "#d9d9d9"
# Far apart in lightness, and the lighter bar is outlined, so a fax or greyscale copy keeps them apart.
BEFORE_FILL = "#4d4d4d"
DURING_FILL = "#cccccc"
BLOCK_FILL = "#666666"

PAIN_TITLE = "Target pain (NRS 0–10)"
ODI_TITLE = "Disability (ODI %)"
BLOCK_TITLE = "Duration of relief after each block"
BEFORE_LABEL = "Before trial"
DURING_LABEL = "During trial"
NOT_RECORDED = "duration not recorded"

NRS_MAX, NRS_STEP = 10, 2
ODI_MAX, ODI_STEP = 100, 20
ONE_PLACE = Decimal("0.1")

PANEL_WIDTH, PANEL_GAP = 290, 40
PLOT_TOP, PLOT_BOTTOM = 44, 144
BAR_WIDTH = 64

ROW_HEIGHT, BAR_HEIGHT = 28, 16
END_LABEL_ROOM = 170
MAX_TICKS = 6


@dataclass(frozen=True)
class BlockBar:
    """One earlier block as the relief figure shows it: its date label, days and percent of relief."""

    label: str
    relief_days: int | None
    relief_percent: Decimal | None


@dataclass(frozen=True)
class _Panel:
    title: str
    scale_max: int
    tick_step: int
    before: float
    during: float
    before_text: str
    during_text: str


def pain_function_caption(
    pain_before: int | None,
    pain_during: int | None,
    odi_before: Decimal | None,
    odi_during: Decimal | None,
) -> str:
    """Return the caption naming only the panels the figure draws: the ODI only when it has its panel."""
    named = []
    if pain_before is not None and pain_during is not None:
        named.append("target-area pain (NRS 0–10)")
    if odi_before is not None and odi_during is not None:
        named.append("Oswestry Disability Index (ODI, %)")
    if not named:
        return ""
    shown = " and ".join(named)
    return f"{shown[:1].upper()}{shown[1:]}, before and during the trial."


def pain_function_figure(
    pain_before: int | None,
    pain_during: int | None,
    odi_before: Decimal | None,
    odi_during: Decimal | None,
) -> str | None:
    """Bar pairs 'before the trial' vs 'during the trial' for target pain (NRS 0-10) and ODI (%)."""
    panels = []
    if pain_before is not None and pain_during is not None:
        panels.append(
            _Panel(
                PAIN_TITLE, NRS_MAX, NRS_STEP, pain_before, pain_during, str(pain_before), str(pain_during)
            )
        )
    if odi_before is not None and odi_during is not None:
        panels.append(
            _Panel(
                ODI_TITLE,
                ODI_MAX,
                ODI_STEP,
                float(odi_before),
                float(odi_during),
                format_percent(odi_before),
                format_percent(odi_during),
            )
        )
    if not panels:
        return None
    span = len(panels) * PANEL_WIDTH + (len(panels) - 1) * PANEL_GAP
    left = (WIDTH - span) / 2
    body = []
    for index, panel in enumerate(panels):
        body += _panel(left + index * (PANEL_WIDTH + PANEL_GAP), panel)
    title = "Before and during the trial: " + " and ".join(panel.title for panel in panels)
    desc = " ".join(
        f"{panel.title}: {BEFORE_LABEL.lower()} {panel.before_text}, "
        f"{DURING_LABEL.lower()} {panel.during_text}."
        for panel in panels
    )
    return _svg(PLOT_BOTTOM + 26, title, desc, body)


def _panel(left: float, panel: _Panel) -> list[str]:
    """Return one panel: title, gridlines with tick labels, two labelled bars on a baseline."""
    plot_left = left + 36
    plot_right = left + PANEL_WIDTH
    height = PLOT_BOTTOM - PLOT_TOP
    parts = [_text(left + PANEL_WIDTH / 2, 18, panel.title, size=14, anchor="middle", weight="bold")]
    for tick in range(0, panel.scale_max + 1, panel.tick_step):
        y = PLOT_BOTTOM - height * tick / panel.scale_max
        parts.append(_line(plot_left, y, plot_right, y, GRID, class_="grid"))
        parts.append(_text(plot_left - 8, y + 4, str(tick), size=12, anchor="end", fill=MUTED, class_="tick"))
    half = (plot_right - plot_left) / 2
    series = (
        (panel.before, panel.before_text, BEFORE_LABEL, BEFORE_FILL, "before"),
        (panel.during, panel.during_text, DURING_LABEL, DURING_FILL, "during"),
    )
    for index, (value, value_text, label, fill, name) in enumerate(series):
        centre = plot_left + half * index + half / 2
        bar_height = height * _fraction(value, panel.scale_max)
        top = PLOT_BOTTOM - bar_height
        parts.append(
            _element(
                "rect",
                class_=f"bar {name}",
                x=centre - BAR_WIDTH / 2,
                y=top,
                width=BAR_WIDTH,
                height=bar_height,
                fill=fill,
                stroke=BEFORE_FILL,
                stroke_width=1,
            )
        )
        parts.append(
            _text(centre, top - 7, value_text, size=13, anchor="middle", weight="bold", class_="value")
        )
        parts.append(_text(centre, PLOT_BOTTOM + 18, label, size=12, anchor="middle", class_="category"))
    parts.append(_line(plot_left, PLOT_BOTTOM, plot_right, PLOT_BOTTOM, INK, class_="axis"))
    return ['<g class="panel">', *parts, "</g>"]


def block_relief_figure(blocks: Sequence[BlockBar]) -> str | None:
    """Horizontal bars: days of relief after each earlier block, in date order, labelled with % relief."""
    measured = [block.relief_days for block in blocks if block.relief_days is not None]
    if not measured:
        return None
    step = tick_step(max(measured))
    axis_max = step * max(1, math.ceil(max(measured) / step))
    label_width = max(_text_width(block.label, 12) for block in blocks)
    # Long caller labels take room from the bars, never all of it.
    label_width = min(max(label_width, 60), WIDTH - END_LABEL_ROOM - 220)
    plot_left = label_width + 12
    plot_width = WIDTH - END_LABEL_ROOM - plot_left
    top = 34
    bottom = top + ROW_HEIGHT * len(blocks)
    parts = [_text(0, 16, BLOCK_TITLE, size=14, weight="bold")]
    for tick in range(0, axis_max + 1, step):
        x = plot_left + plot_width * tick / axis_max
        parts.append(_line(x, top, x, bottom, GRID, class_="grid"))
        parts.append(_text(x, bottom + 16, str(tick), size=12, anchor="middle", fill=MUTED, class_="tick"))
    parts.append(_line(plot_left, top, plot_left, bottom, INK, class_="axis"))
    parts.append(
        _text(plot_left + plot_width / 2, bottom + 34, "Days of relief", size=12, anchor="middle", fill=MUTED)
    )
    for index, block in enumerate(blocks):
        middle = top + ROW_HEIGHT * index + ROW_HEIGHT / 2
        parts.append(_text(label_width, middle + 4, block.label, size=12, anchor="end", class_="category"))
        if block.relief_days is None:
            parts.append(
                _text(
                    plot_left + 6,
                    middle + 4,
                    relief_text(block),
                    size=12,
                    fill=MUTED,
                    italic=True,
                    class_="value",
                )
            )
            continue
        length = plot_width * _fraction(block.relief_days, axis_max)
        parts.append(
            _element(
                "rect",
                class_="bar",
                x=plot_left,
                y=middle - BAR_HEIGHT / 2,
                width=length,
                height=BAR_HEIGHT,
                fill=BLOCK_FILL,
            )
        )
        parts.append(_text(plot_left + length + 6, middle + 4, relief_text(block), size=12, class_="value"))
    desc = "; ".join(f"{block.label}: {relief_text(block)}" for block in blocks) + "."
    return _svg(bottom + 42, BLOCK_TITLE, desc, parts)


def relief_text(block: BlockBar) -> str:
    """Return the label printed at the end of a block's bar, e.g. '3 days · 75.0% relief'."""
    if block.relief_days is None:
        duration = NOT_RECORDED
    else:
        duration = f"{block.relief_days} day" + ("" if block.relief_days == 1 else "s")
    if block.relief_percent is None:
        return duration
    return f"{duration} · {format_percent(block.relief_percent)} relief"


def format_percent(value: Decimal) -> str:
    """Return a percentage with one decimal place, halves away from zero, e.g. '56.0%'."""
    return f"{value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)}%"


def tick_step(longest: int) -> int:
    """Return the smallest of 1, 2, 5, 10, 20, 50, ... days that needs at most six ticks to pass longest."""
    magnitude = 1
    while True:
        for multiple in (1, 2, 5):
            step = multiple * magnitude
            if math.ceil(longest / step) <= MAX_TICKS:
                return step
        magnitude *= 10


def _fraction(value: float, maximum: float) -> float:
    """Return value as a share of the scale, kept within it so a stray value cannot leave the plot."""
    return min(max(value / maximum, 0.0), 1.0)


def _text_width(text: str, size: float) -> float:
    """Estimate how wide text is drawn; the renderer's metrics are not available here."""
    return len(text) * size * 0.62


def _number(value: float) -> str:
    """Format a coordinate with at most two decimals, so output is short and stable."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _element(tag: str, content: str | None = None, **attributes: str | float) -> str:
    """Return one SVG element; a trailing underscore is dropped and underscores become hyphens."""
    rendered = []
    for name, value in attributes.items():
        shown = escape(value if isinstance(value, str) else _number(value), {'"': "&quot;"})
        rendered.append(f'{name.rstrip("_").replace("_", "-")}="{shown}"')
    opening = " ".join([tag, *rendered])
    if content is None:
        return f"<{opening}/>"
    return f"<{opening}>{escape(content)}</{tag}>"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
    italic: bool = False,
    class_: str = "label",
) -> str:
    """Return a text element in the letter's font; y is the baseline."""
    return _element(
        "text",
        content,
        class_=class_,
        x=x,
        y=y,
        font_family=FONT,
        font_size=f"{size}px",
        font_weight=weight,
        font_style="italic" if italic else "normal",
        text_anchor=anchor,
        fill=fill,
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, *, class_: str) -> str:
    """Return a one-pixel line."""
    return _element("line", class_=class_, x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=1)


def _svg(height: float, title: str, desc: str, body: list[str]) -> str:
    """Wrap the drawing in an svg root that scales to the column and names itself for screen readers."""
    opening = f'<svg xmlns="{SVG_NS}" viewBox="0 0 {WIDTH} {_number(height)}" width="100%" role="img">'
    return "\n".join([opening, _element("title", title), _element("desc", desc), *body, "</svg>"])
