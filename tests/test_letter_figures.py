"""The letter's figures: well-formed SVG whose bars measure the values they are labelled with."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from wizard.letter.figures import BlockBar, block_relief_figure, pain_function_figure

NS = "{http://www.w3.org/2000/svg}"
PAIN_TITLE = "Target pain (NRS 0–10)"
ODI_TITLE = "Disability (ODI %)"
BLOCKS = [
    BlockBar("Aug 18, 2026", 3, Decimal("75.0")),
    BlockBar("Sep 2, 2026", 6, Decimal("80")),
    BlockBar("Oct 21, 2026", 12, Decimal("90.0")),
]


def parse(svg):
    """Return the root element of an SVG string, failing on anything that is not well-formed XML."""
    return ET.fromstring(svg)


def texts(element):
    """Return the content of every text element under element, in document order."""
    return [node.text for node in element.iter(f"{NS}text")]


def bars(element):
    """Return every bar rectangle under element, in document order."""
    return [rect for rect in element.iter(f"{NS}rect") if "bar" in rect.get("class", "").split()]


def panels(root):
    """Return the panels of the pain and function figure, keyed by their title."""
    found = {}
    for group in root.iter(f"{NS}g"):
        if group.get("class") == "panel":
            found[texts(group)[0]] = group
    return found


def number(element, name):
    """Return a numeric attribute of an element."""
    return float(element.get(name))


def scale_of_panel(panel, scale_max):
    """Return the baseline y and pixels per unit, read from the panel's own gridlines."""
    ys = [number(line, "y1") for line in panel.iter(f"{NS}line") if line.get("class") == "grid"]
    return max(ys), (max(ys) - min(ys)) / scale_max


def test_pain_function_figure_is_svg_that_scales_to_the_column():
    root = parse(pain_function_figure(8, 3, Decimal("56.0"), Decimal("32.0")))
    assert root.tag == f"{NS}svg"
    assert root.get("width") == "100%"
    assert len(root.get("viewBox").split()) == 4
    assert root[0].tag == f"{NS}title"
    assert root[1].tag == f"{NS}desc"


def test_pain_bars_are_proportional_to_the_scores_on_a_zero_to_ten_scale():
    panel = panels(parse(pain_function_figure(8, 3, Decimal("56.0"), Decimal("32.0"))))[PAIN_TITLE]
    before, during = bars(panel)
    baseline, per_point = scale_of_panel(panel, 10)
    assert number(before, "height") / number(during, "height") == pytest.approx(8 / 3, rel=1e-3)
    assert number(before, "height") == pytest.approx(8 * per_point, abs=0.02)
    assert number(during, "height") == pytest.approx(3 * per_point, abs=0.02)
    for bar in (before, during):
        assert number(bar, "y") + number(bar, "height") == pytest.approx(baseline, abs=0.02)


def test_odi_bars_are_proportional_to_the_percentages_on_a_zero_to_hundred_scale():
    panel = panels(parse(pain_function_figure(8, 3, Decimal("56.0"), Decimal("32.0"))))[ODI_TITLE]
    before, during = bars(panel)
    _, per_percent = scale_of_panel(panel, 100)
    assert number(before, "height") == pytest.approx(56.0 * per_percent, abs=0.02)
    assert number(during, "height") == pytest.approx(32.0 * per_percent, abs=0.02)


def test_pain_function_bars_are_labelled_with_their_exact_values_and_series():
    found = panels(parse(pain_function_figure(8, 3, Decimal("56.0"), Decimal("32.0"))))
    assert list(found) == [PAIN_TITLE, ODI_TITLE]
    for title, values in ((PAIN_TITLE, ["8", "3"]), (ODI_TITLE, ["56.0%", "32.0%"])):
        panel_texts = texts(found[title])
        assert [
            node.text for node in found[title].iter(f"{NS}text") if node.get("class") == "value"
        ] == values
        assert {"Before trial", "During trial"} <= set(panel_texts)


def test_before_and_during_bars_differ_in_shade_not_only_in_colour_name():
    before, during = bars(parse(pain_function_figure(8, 3, None, None)))

    def lightness(bar):
        fill = bar.get("fill").lstrip("#")
        red, green, blue = (int(fill[i : i + 2], 16) for i in (0, 2, 4))
        assert red == green == blue, "bars must be grey so a greyscale copy shows what the screen shows"
        return red

    assert abs(lightness(before) - lightness(during)) >= 96


def test_odi_is_printed_with_one_decimal_place():
    root = parse(pain_function_figure(None, None, Decimal("56"), Decimal("35.55")))
    assert [n.text for n in root.iter(f"{NS}text") if n.get("class") == "value"] == ["56.0%", "35.6%"]


@pytest.mark.parametrize(
    ("pain_before", "pain_during", "odi_before", "odi_during", "titles"),
    [
        (8, 3, Decimal("56.0"), None, [PAIN_TITLE]),
        (8, 3, None, Decimal("32.0"), [PAIN_TITLE]),
        (None, 3, Decimal("56.0"), Decimal("32.0"), [ODI_TITLE]),
        (8, None, Decimal("56.0"), Decimal("32.0"), [ODI_TITLE]),
    ],
)
def test_panel_with_a_missing_value_is_omitted_not_drawn_as_zero(
    pain_before, pain_during, odi_before, odi_during, titles
):
    root = parse(pain_function_figure(pain_before, pain_during, odi_before, odi_during))
    assert list(panels(root)) == titles
    assert len(bars(root)) == 2


def test_measured_zero_pain_is_drawn_and_labelled():
    panel = panels(parse(pain_function_figure(7, 0, None, None)))[PAIN_TITLE]
    assert number(bars(panel)[1], "height") == 0
    assert [n.text for n in panel.iter(f"{NS}text") if n.get("class") == "value"] == ["7", "0"]


@pytest.mark.parametrize(
    "values",
    [
        (None, None, None, None),
        (8, None, Decimal("56.0"), None),
        (None, 3, None, Decimal("32.0")),
    ],
)
def test_pain_function_figure_is_none_when_no_panel_has_both_values(values):
    assert pain_function_figure(*values) is None


def test_block_bars_are_proportional_to_days_of_relief():
    widths = [number(bar, "width") for bar in bars(parse(block_relief_figure(BLOCKS)))]
    assert len(widths) == 3
    assert widths[1] / widths[0] == pytest.approx(6 / 3, rel=1e-3)
    assert widths[2] / widths[0] == pytest.approx(12 / 3, rel=1e-3)


def test_block_bars_start_at_zero_and_end_on_the_tick_of_their_day_count():
    root = parse(block_relief_figure(BLOCKS))
    tick_x = {n.text: number(n, "x") for n in root.iter(f"{NS}text") if n.get("class") == "tick"}
    assert list(tick_x) == ["0", "2", "4", "6", "8", "10", "12"]
    for bar in bars(root):
        assert number(bar, "x") == pytest.approx(tick_x["0"], abs=0.02)
    for bar, days in zip(bars(root)[1:], ("6", "12"), strict=True):
        assert number(bar, "x") + number(bar, "width") == pytest.approx(tick_x[days], abs=0.02)


def test_longest_block_between_ticks_ends_where_the_axis_puts_its_day_count():
    root = parse(block_relief_figure([BlockBar("Aug 18, 2026", 3, None), BlockBar("Sep 2, 2026", 7, None)]))
    tick_x = {n.text: number(n, "x") for n in root.iter(f"{NS}text") if n.get("class") == "tick"}
    assert list(tick_x) == ["0", "2", "4", "6", "8"]
    per_day = (tick_x["8"] - tick_x["0"]) / 8
    three, seven = bars(root)
    assert number(three, "width") == pytest.approx(3 * per_day, abs=0.02)
    assert number(seven, "width") == pytest.approx(7 * per_day, abs=0.02)


@pytest.mark.parametrize(
    ("longest", "ticks"),
    [
        (1, ["0", "1"]),
        (3, ["0", "1", "2", "3"]),
        (7, ["0", "2", "4", "6", "8"]),
        (90, ["0", "20", "40", "60", "80", "100"]),
        (365, ["0", "100", "200", "300", "400"]),
    ],
)
def test_block_axis_ticks_fall_on_round_numbers_of_days(longest, ticks):
    root = parse(block_relief_figure([BlockBar("Aug 18, 2026", longest, None)]))
    assert [n.text for n in root.iter(f"{NS}text") if n.get("class") == "tick"] == ticks


def test_block_bars_are_labelled_with_days_and_percent_in_the_given_order():
    root = parse(block_relief_figure(BLOCKS))
    assert [n.text for n in root.iter(f"{NS}text") if n.get("class") == "category"] == [
        "Aug 18, 2026",
        "Sep 2, 2026",
        "Oct 21, 2026",
    ]
    assert [n.text for n in root.iter(f"{NS}text") if n.get("class") == "value"] == [
        "3 days · 75.0% relief",
        "6 days · 80.0% relief",
        "12 days · 90.0% relief",
    ]
    ys = [number(bar, "y") for bar in bars(root)]
    assert ys == sorted(ys)
    assert "Duration of relief after each block" in texts(root)


def test_block_without_duration_gets_no_bar_and_says_so():
    blocks = [BLOCKS[0], BlockBar("Sep 30, 2026", None, Decimal("50")), BlockBar("Oct 9, 2026", None, None)]
    root = parse(block_relief_figure(blocks))
    assert len(bars(root)) == 1
    values = [n.text for n in root.iter(f"{NS}text") if n.get("class") == "value"]
    assert values == [
        "3 days · 75.0% relief",
        "duration not recorded · 50.0% relief",
        "duration not recorded",
    ]


def test_block_labels_read_one_day_and_days_without_percent():
    root = parse(block_relief_figure([BlockBar("Aug 18, 2026", 1, None), BlockBar("Sep 2, 2026", 0, None)]))
    assert [n.text for n in root.iter(f"{NS}text") if n.get("class") == "value"] == ["1 day", "0 days"]


@pytest.mark.parametrize("blocks", [[], [BlockBar("Aug 18, 2026", None, Decimal("80"))]])
def test_block_relief_figure_is_none_when_no_block_has_a_duration(blocks):
    assert block_relief_figure(blocks) is None


def test_labels_are_escaped_and_read_back_unchanged():
    svg = block_relief_figure([BlockBar("<&> Aug 18", 3, Decimal("75"))])
    assert "&lt;&amp;&gt; Aug 18" in svg
    assert "<&>" not in svg
    root = parse(svg)
    assert "<&> Aug 18" in texts(root)
    assert root.find(f"{NS}desc").text == "<&> Aug 18: 3 days · 75.0% relief."


def all_figures():
    """Return one of each figure with every feature drawn."""
    blocks = [*BLOCKS, BlockBar("Sep 30, 2026", None, None)]
    return [pain_function_figure(8, 3, Decimal("56.0"), Decimal("32.0")), block_relief_figure(blocks)]


@pytest.mark.parametrize(
    "forbidden", ["<script", "href", "url(", "<image", "<style", " style=", "<foreignobject"]
)
def test_figures_reference_nothing_and_run_nothing(forbidden):
    for svg in all_figures():
        assert forbidden not in svg.lower()


def test_every_text_names_the_letter_font():
    for svg in all_figures():
        fonts = {n.get("font-family") for n in parse(svg).iter(f"{NS}text")}
        assert fonts == {"Letter Sans, sans-serif"}


def test_figures_describe_their_values_for_screen_readers():
    pain, blocks = (parse(svg) for svg in all_figures())
    assert "8" in pain.find(f"{NS}desc").text and "32.0%" in pain.find(f"{NS}desc").text
    assert "Oct 21, 2026: 12 days · 90.0% relief" in blocks.find(f"{NS}desc").text
    assert "duration not recorded" in blocks.find(f"{NS}desc").text


def test_figures_are_identical_for_identical_input():
    assert all_figures() == all_figures()
