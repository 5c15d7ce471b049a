"""The report's charts as SVG, for the page, the HTML download and the PDF, written directly
(redress/charts.py says why); the Word document has the same charts as pictures (png_charts.py).

Each chart sits beside a table with the same numbers, so the chart is for seeing the shape; it
still labels every bar with its value and tells series apart by pattern or marker as well as
colour, so it reads in greyscale and for people who do not see colour differences.
"""

from __future__ import annotations

import re
import textwrap

from redress.charts import AXIS, COLOURS, FONT, GRID, INK, integer_ticks, text_width, titled_svg, xml

from ..document import Chart
from .common import text

NO_DATA = "no data"
WIDTH = 7.0  # inches: the width of an A4 text column
PX = 96  # SVG pixels an inch, as CSS has them
HATCHES = ["", "//", "..", "xx", "\\\\"]
# White lines or dots over a series' colour, one tile of each hatch above; the first series is plain.
PATTERNS = {
    "//": "<path d='M-2 2L2 -2M0 8L8 0M6 10L10 6' stroke='white' stroke-width='1.6'/>",
    "..": "<circle cx='2' cy='2' r='1.3' fill='white'/><circle cx='6' cy='6' r='1.3' fill='white'/>",
    "xx": "<path d='M-2 2L2 -2M0 8L8 0M6 10L10 6M-2 6L2 10M0 0L8 8M6 -2L10 2' stroke='white' stroke-width='1.2'/>",
    "\\\\": "<path d='M-2 6L2 10M0 0L8 8M6 -2L10 2' stroke='white' stroke-width='1.6'/>",
}
DASHES = ["", "9 5", "2 4", "9 4 2 4", ""]  # solid, dashed, dotted, dash-dot: as the PNG's line styles
SIZE, VALUE_SIZE, NOTE_SIZE = 16, 15, 13  # px: 12pt ticks and legend, 11pt values, 10pt "no data"
LINE = 19  # px between the lines of a label


def chart_svg(chart: Chart) -> str:
    """The chart as an SVG document whose root has role="img" and the alt text as its name."""
    width, height = round(WIDTH * PX), round(_height(chart) * PX)
    draw = _line if chart.kind == "line" else _bars_across if _horizontal(chart) else _bars_up
    legend = _legend(chart) if len(chart.series) > 1 else ("", 0)
    body = draw(chart, width - legend[1], height)
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' font-family='{FONT}' font-size='{SIZE}' fill='{INK}'>"
        f"<defs>{_patterns(chart)}</defs>{body}"
        + (f"<g transform='translate({width - legend[1] + 12} 6)'>{legend[0]}</g>" if legend[1] else "")
        + "</svg>"
    )
    return titled_svg(svg, chart.alt)


def _horizontal(chart: Chart) -> bool:
    # Long category names only fit when written beside horizontal bars.
    return chart.kind == "bar" and (max(map(len, chart.labels), default=0) > 10 or len(chart.labels) > 8)


def _height(chart: Chart) -> float:
    """In inches."""
    if _horizontal(chart):
        return 0.9 + 0.45 * len(chart.labels) * (1 + 0.5 * (len(chart.series) - 1))
    return 3.2


def _patterns(chart: Chart) -> str:
    if chart.kind == "line":
        return ""
    return "".join(
        f"<pattern id='hatch-{i}' width='8' height='8' patternUnits='userSpaceOnUse'>{PATTERNS[hatch]}</pattern>"
        for i in range(len(chart.series))
        if (hatch := HATCHES[i % len(HATCHES)])
    )


def _bar(i: int, x: float, y: float, w: float, h: float) -> str:
    colour, hatch = COLOURS[i % len(COLOURS)], HATCHES[i % len(HATCHES)]
    box = f"x='{x:.1f}' y='{y:.1f}' width='{w:.1f}' height='{h:.1f}'"
    return f"<rect {box} fill='{colour}'/>" + (f"<rect {box} fill='url(#hatch-{i})'/>" if hatch else "")


def _marker(i: int, x: float, y: float) -> str:
    """The series' marker: circle, square, triangle, diamond, triangle pointing down."""
    colour, kind, r = COLOURS[i % len(COLOURS)], i % 5, 4.5
    if kind == 0:
        return f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r}' fill='{colour}'/>"
    if kind == 1:
        return f"<rect x='{x - r:.1f}' y='{y - r:.1f}' width='{2 * r}' height='{2 * r}' fill='{colour}'/>"
    points = {
        2: [(0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
        3: [(0, -1.3), (1.1, 0), (0, 1.3), (-1.1, 0)],
        4: [(0, 1.2), (1.1, -0.8), (-1.1, -0.8)],
    }[kind]
    corners = " ".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in points)
    return f"<polygon points='{corners}' fill='{colour}'/>"


def _legend(chart: Chart) -> tuple[str, float]:
    """The series' names with their swatches, to the right of the plot; and the room it takes."""
    parts = []
    for i, name in enumerate(chart.series):
        y = i * 24
        if chart.kind == "line":
            dash = f" stroke-dasharray='{DASHES[i % len(DASHES)]}'" if DASHES[i % len(DASHES)] else ""
            parts.append(
                f"<line x1='0' x2='30' y1='{y + 9}' y2='{y + 9}' stroke='{COLOURS[i % len(COLOURS)]}' "
                f"stroke-width='2.5'{dash}/>" + _marker(i, 15, y + 9)
            )
        else:
            parts.append(_bar(i, 0, y + 2, 30, 14))
        parts.append(f"<text x='38' y='{y + 15}'>{xml(name)}</text>")
    return "".join(parts), 12 + 38 + max(text_width(str(n), SIZE) for n in chart.series) + 4


def _values(chart: Chart) -> list:
    return [v for values in chart.series.values() for v in values if v is not None]


def _lines(label: str) -> list[str]:
    return str(label).split("\n")


def _label(x: float, y: float, label: str, anchor: str, middle: bool = False) -> str:
    """A label of one or more lines, its first line's baseline at y (or the lines centred on y)."""
    lines = _lines(label)
    first = y - (len(lines) - 1) * LINE / 2 if middle else y
    spans = "".join(
        f"<tspan x='{x:.1f}' y='{first + n * LINE:.1f}'>{xml(line)}</tspan>" for n, line in enumerate(lines)
    )
    return f"<text text-anchor='{anchor}'>{spans}</text>"


def _bars_up(chart: Chart, width: float, height: float) -> str:
    """Vertical bars, a group for each label; the values above them."""
    values = _values(chart)
    lines = max((len(_lines(label)) for label in chart.labels), default=1)
    top, bottom = 12, height - 8 - LINE * lines
    # Room above the tallest bar for its value, as the PNG's 12% margin.
    high = max(max(values, default=0) * 1.12, 1)
    ticks = integer_ticks(high)
    left = max(text_width(text(t), SIZE) for t in ticks) + 12
    right = width - 8

    def y(v: float) -> float:
        return bottom - v / high * (bottom - top)

    parts = _grid_across(ticks, y, left, right)
    band = (right - left) / max(len(chart.labels), 1)
    count = len(chart.series)
    bar = band * 0.8 / count
    for i, series in enumerate(chart.series.values()):
        for k, v in enumerate(series):
            x = left + band * (k + 0.1) + bar * i
            # A year with no data has no bar, only the words, so it cannot be read as a zero.
            if v is not None and v > 0:
                parts.append(_bar(i, x, y(v), bar, bottom - y(v)))
            words = NO_DATA if v is None else text(v)
            value_y = y(v or 0) - 5
            parts.append(
                f"<text x='{x + bar / 2:.1f}' y='{value_y:.1f}' text-anchor='middle' "
                f"font-size='{VALUE_SIZE}'>{xml(words)}</text>"
            )
    for k, label in enumerate(chart.labels):
        parts.append(_label(left + band * (k + 0.5), bottom + LINE, label, "middle"))
    parts.append(f"<path d='M{left:.1f} {top}V{bottom:.1f}H{right:.1f}' fill='none' stroke='{AXIS}'/>")
    return "".join(parts)


def _bars_across(chart: Chart, width: float, height: float) -> str:
    """Horizontal bars, the first label at the top as in the table; the values at their ends."""
    values = _values(chart)
    labels = [textwrap.fill(label, 30) for label in chart.labels]
    left = max((text_width(line, SIZE) for label in labels for line in _lines(label)), default=0) + 14
    top, bottom, right = 6, height - 8 - LINE - 6, width - 8
    # The longest bar leaves room beyond it for its value.
    widest = max((text_width(NO_DATA if v is None else text(v), VALUE_SIZE) for v in [*values, None]), default=0)
    longest = max(values, default=0)
    high = max(longest * (right - left) / max(right - left - widest - 10, 1), longest * 1.1, 1)
    ticks = integer_ticks(high)

    def x(v: float) -> float:
        return left + v / high * (right - left)

    parts = []
    for t in ticks:
        parts.append(f"<line x1='{x(t):.1f}' x2='{x(t):.1f}' y1='{top}' y2='{bottom:.1f}' stroke='{GRID}'/>")
        parts.append(f"<text x='{x(t):.1f}' y='{bottom + LINE:.1f}' text-anchor='middle'>{text(t)}</text>")
    band = (bottom - top) / max(len(labels), 1)
    count = len(chart.series)
    bar = band * 0.8 / count
    for i, series in enumerate(chart.series.values()):
        for k, v in enumerate(series):
            y = top + band * (k + 0.1) + bar * i
            if v is not None and v > 0:
                parts.append(_bar(i, left, y, x(v) - left, bar))
            words = NO_DATA if v is None else text(v)
            parts.append(
                f"<text x='{x(v or 0) + 4:.1f}' y='{y + bar / 2 + 5:.1f}' font-size='{VALUE_SIZE}'>{xml(words)}</text>"
            )
    for k, label in enumerate(labels):
        parts.append(_label(left - 8, top + band * (k + 0.5) + 5, label, "end", middle=True))
    parts.append(f"<path d='M{left:.1f} {top}V{bottom:.1f}H{right:.1f}' fill='none' stroke='{AXIS}'/>")
    return "".join(parts)


def _grid_across(ticks: list[int], y, left: float, right: float) -> list[str]:
    parts = []
    for t in ticks:
        parts.append(f"<line x1='{left:.1f}' x2='{right:.1f}' y1='{y(t):.1f}' y2='{y(t):.1f}' stroke='{GRID}'/>")
        parts.append(f"<text x='{left - 6:.1f}' y='{y(t) + 5:.1f}' text-anchor='end'>{text(t)}</text>")
    return parts


def _line(chart: Chart, width: float, height: float) -> str:
    """A line a series, with its markers; a gap where a value is missing, labelled at the foot."""
    values = _values(chart)
    labels = _month_labels(chart.labels) if len(chart.labels) > 6 else chart.labels
    lines = max((len(_lines(label)) for label in labels), default=1)
    top, bottom = 12, height - 8 - LINE * lines
    high = max(max(values, default=0) * 1.05, 1)
    ticks = integer_ticks(high)
    left = max(text_width(text(t), SIZE) for t in ticks) + 12
    right = width - 8
    band = (right - left) / max(len(labels), 1)

    def x(k: int) -> float:
        return left + band * (k + 0.5)

    def y(v: float) -> float:
        return bottom - v / high * (bottom - top)

    parts = _grid_across(ticks, y, left, right)
    for k, label in enumerate(labels):
        parts.append(_label(x(k), bottom + LINE, label, "middle"))
    missing = sorted({k for series in chart.series.values() for k, v in enumerate(series) if v is None})
    for k in missing:
        parts.append(
            f"<text x='{x(k):.1f}' y='{bottom - 6:.1f}' text-anchor='middle' font-size='{NOTE_SIZE}'>{NO_DATA}</text>"
        )
    for i, series in enumerate(chart.series.values()):
        # One stroke through each run of values, so a missing value leaves a gap.
        runs, run = [], []
        for k, v in enumerate(series):
            if v is None:
                runs, run = runs + [run] if run else runs, []
            else:
                run.append(f"{x(k):.1f} {y(v):.1f}")
        runs += [run] if run else []
        path = "".join("M" + "L".join(points) for points in runs)
        dash = f" stroke-dasharray='{DASHES[i % len(DASHES)]}'" if DASHES[i % len(DASHES)] else ""
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f"<path d='{path}' fill='none' stroke='{colour}' stroke-width='2.5'{dash}/>")
        parts.extend(_marker(i, x(k), y(v)) for k, v in enumerate(series) if v is not None)
    parts.append(f"<path d='M{left:.1f} {top}V{bottom:.1f}H{right:.1f}' fill='none' stroke='{AXIS}'/>")
    return "".join(parts)


def _month_labels(labels: list[str]) -> list[str]:
    """Month labels such as "Apr 2024" fit twelve across when the year goes underneath, written
    only where it starts or changes: "Apr\n2023", "May", ..., "Jan\n2024"."""
    written, previous = [], None
    for label in labels:
        month, _, year = label.rpartition(" ")
        if not (month and re.fullmatch(r"\d{4}", year)):
            written.append(label)
            continue
        written.append(f"{month}\n{year}" if year != previous else month)
        previous = year
    return written
