"""Charts drawn with matplotlib as PNG pictures, for the Word document: Word needs a raster
image. The same charts on screen and in the PDF are written as SVG (charts.py), from the same
numbers, with the same layout, patterns, markers and labels."""

from __future__ import annotations

import io
import math
import textwrap

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from redress.charts import AXIS, COLOURS, FONTS, INK

from ..document import Chart
from .charts import HATCHES, NO_DATA, WIDTH, _height, _horizontal, _month_labels
from .common import text

# Figures are drawn off screen; pyplot, with its global state, is never used.
matplotlib.use("Agg")

MARKERS = ["o", "s", "^", "D", "v"]
LINESTYLES = ["-", "--", ":", "-.", "-"]
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": FONTS,
    "font.size": 12,
    "axes.edgecolor": AXIS,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
}


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
