"""Charts drawn with matplotlib, as SVG for HTML and PDF and as PNG for Word.

Each chart sits beside a table with the same numbers, so the chart is for seeing the shape;
it still labels every bar with its value and tells series apart by pattern or marker as well
as colour, so it reads in greyscale and for people who do not see colour differences.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from xml.sax.saxutils import escape, quoteattr

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..document import Chart
from .common import text

# Figures are drawn off screen; pyplot, with its global state, is never used.
matplotlib.use("Agg")

# GOV.UK palette colours with at least 3:1 contrast against white (WCAG 1.4.11).
COLOURS = ["#1d70b8", "#0b0c0c", "#b35a00", "#4c2c92", "#00703c"]
HATCHES = ["", "//", "..", "xx", "\\\\"]
MARKERS = ["o", "s", "^", "D", "v"]
LINESTYLES = ["-", "--", ":", "-.", "-"]
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
    "font.size": 12,
    "axes.edgecolor": "#505a5f",
    "axes.labelcolor": "#0b0c0c",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": "#0b0c0c",
    "ytick.color": "#0b0c0c",
    "svg.fonttype": "none",
    "svg.hashsalt": "redress",  # stable ids, so the same chart gives the same file
}
NO_DATA = "no data"
WIDTH = 7.0  # inches: the width of an A4 text column


def chart_svg(chart: Chart) -> str:
    """The chart as an SVG document whose root has role="img" and the alt text as its name."""
    return titled_svg(_draw(chart, "svg", metadata={"Date": None}).decode(), chart.alt)


def titled_svg(svg: str, alt: str) -> str:
    """An SVG document as an image with a name: role="img", and the alt text as its title."""
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and doctype
    opening = svg.index(">")
    return (
        f"<svg role='img' aria-label={quoteattr(alt)}"
        + svg[4:opening]
        + f"><title>{escape(alt)}</title>"
        + svg[opening + 1 :]
    )


def chart_png(chart: Chart, dpi: int = 150) -> bytes:
    return _draw(chart, "png", dpi=dpi, metadata={"Software": None})


def _draw(chart: Chart, format: str, **options) -> bytes:
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, _height(chart)), layout="constrained")
        axes = figure.add_subplot()
        if chart.kind == "line":
            _line(axes, chart)
        else:
            _bar(axes, chart)
        if len(chart.series) > 1:
            axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        output = io.BytesIO()
        figure.savefig(output, format=format, **options)
    return output.getvalue()


def _horizontal(chart: Chart) -> bool:
    # Long category names only fit when written beside horizontal bars.
    return chart.kind == "bar" and (max(map(len, chart.labels), default=0) > 10 or len(chart.labels) > 8)


def _height(chart: Chart) -> float:
    if _horizontal(chart):
        return 0.9 + 0.45 * len(chart.labels) * (1 + 0.5 * (len(chart.series) - 1))
    return 3.2


def _bar(axes, chart: Chart) -> None:
    count = len(chart.series)
    width = 0.8 / count
    horizontal = _horizontal(chart)
    draw = axes.barh if horizontal else axes.bar
    for i, (name, values) in enumerate(chart.series.items()):
        positions = [x - 0.4 + width * (i + 0.5) for x in range(len(chart.labels))]
        # A year with no data has no bar, only the words, so it cannot be read as a zero.
        bars = draw(
            positions,
            [0 if v is None else v for v in values],
            width,
            label=name,
            color=COLOURS[i % len(COLOURS)],
            hatch=HATCHES[i % len(HATCHES)],
            hatchcolor="white",
        )
        axes.bar_label(bars, labels=[NO_DATA if v is None else text(v) for v in values], padding=3, fontsize=11)
    value_axis = axes.xaxis if horizontal else axes.yaxis
    value_axis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(axis="x" if horizontal else "y", color="#d0d3d4", linewidth=0.8)
    axes.set_axisbelow(True)
    if horizontal:
        axes.set_yticks(range(len(chart.labels)), [textwrap.fill(label, 30) for label in chart.labels])
        axes.invert_yaxis()  # first category at the top, as in the table
        axes.margins(x=0.1)
        axes.spines["left"].set_visible(True)
    else:
        axes.set_xticks(range(len(chart.labels)), chart.labels)
        axes.margins(y=0.12)
    axes.tick_params(length=0)


def _line(axes, chart: Chart) -> None:
    positions = range(len(chart.labels))
    for i, (name, values) in enumerate(chart.series.items()):
        # None becomes a gap in the line (matplotlib leaves NaN out), labelled at the foot.
        axes.plot(
            positions,
            [math.nan if v is None else v for v in values],
            label=name,
            color=COLOURS[i % len(COLOURS)],
            marker=MARKERS[i % len(MARKERS)],
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            linewidth=2,
            markersize=6,
        )
    labels = _month_labels(chart.labels) if len(chart.labels) > 6 else chart.labels
    axes.set_xticks(list(positions), labels)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    missing = sorted({x for values in chart.series.values() for x, v in enumerate(values) if v is None})
    for x in missing:
        axes.annotate(NO_DATA, (x, 0), xytext=(0, 4), textcoords="offset points", ha="center", fontsize=10)
    axes.grid(axis="y", color="#d0d3d4", linewidth=0.8)
    axes.set_axisbelow(True)


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
