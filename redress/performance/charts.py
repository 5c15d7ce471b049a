"""A small line chart of one indicator over time, for the performance dashboard.

Written as SVG directly rather than drawn with matplotlib: the dashboard has a chart for each of
its dozens of measures, and matplotlib took a tenth of a second over each (seconds a page)."""

from __future__ import annotations

import math
from decimal import Decimal

from redress.charts import AXIS, COLOURS, FONT, GRID, INK, titled_svg, xml

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 46, 312, 8, 112  # the plotting area, inside the axis labels


def _tick(label: str) -> str:
    """A point's label short enough to sit under it: "Q1 (estimated end of year)" is "Q1 est."; the
    alt text gives it in full."""
    return f"{label.split()[0]} est." if "estimated" in label else label


def _scale(low: float, high: float) -> tuple[float, float, list[float]]:
    """The value axis: a quarter of the values' range as margin above and below, and three to
    six round tick values inside it."""
    spread = high - low or abs(high) or 1.0
    low, high = low - spread * 0.25, high + spread * 0.25
    rough = (high - low) / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    first = math.ceil(low / step) * step
    ticks = [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]
    return low, high, ticks


def _number(value: float, step: float) -> str:
    """A tick value with as many decimal places as the step between ticks has (2.5 has one)."""
    places = max(0, -Decimal(f"{step:.10g}").normalize().as_tuple().exponent)
    return f"{value:,.{places}f}".replace("-", "\N{MINUS SIGN}")


def sparkline_svg(labels: tuple[str, ...], values: tuple, alt: str) -> str:
    """Points joined where there are values; gaps where there are none. The alt text gives the values."""
    known = [float(v) for v in values if v is not None]
    low, high, ticks = _scale(min(known), max(known))
    gap = (RIGHT - LEFT) / max(len(values), 1)

    def x(i: int) -> float:
        return LEFT + gap * (i + 0.5)

    def y(v: float) -> float:
        return BOTTOM - (v - low) / (high - low) * (BOTTOM - TOP)

    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{HEIGHT}' "
        f"viewBox='0 0 {WIDTH} {HEIGHT}' font-family='{FONT}' font-size='11' fill='{INK}'>"
    ]
    for tick in ticks:
        parts.append(f"<line x1='{LEFT}' x2='{RIGHT}' y1='{y(tick):.1f}' y2='{y(tick):.1f}' stroke='{GRID}'/>")
        parts.append(f"<text x='{LEFT - 5}' y='{y(tick) + 4:.1f}' text-anchor='end'>{_number(tick, step)}</text>")
    parts.append(f"<path d='M{LEFT} {TOP}V{BOTTOM}H{RIGHT}' fill='none' stroke='{AXIS}'/>")
    for i, label in enumerate(labels):
        parts.append(f"<text x='{x(i):.1f}' y='{BOTTOM + 16}' text-anchor='middle'>{xml(_tick(label))}</text>")
    # One stroke through each run of points with values, so a missing value leaves a gap.
    runs, run = [], []
    for i, value in enumerate(values):
        if value is None:
            runs, run = runs + [run] if run else runs, []
        else:
            run.append(f"{x(i):.1f} {y(float(value)):.1f}")
    runs += [run] if run else []
    line = "".join("M" + "L".join(points) for points in runs)
    parts.append(f"<path d='{line}' fill='none' stroke='{COLOURS[0]}' stroke-width='2'/>")
    for i, value in enumerate(values):
        if value is not None:
            parts.append(f"<circle cx='{x(i):.1f}' cy='{y(float(value)):.1f}' r='3.5' fill='{COLOURS[0]}'/>")
    parts.append("</svg>")
    return titled_svg("".join(parts), alt)
