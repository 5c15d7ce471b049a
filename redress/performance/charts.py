"""A small line chart of one indicator over time, for the performance dashboard."""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib
from matplotlib.figure import Figure

from redress.reporting.renderers.charts import COLOURS, STYLE, titled_svg

matplotlib.use("Agg")


def _tick(label: str) -> str:
    """A point's label short enough to sit under it: "Q1 (estimated end of year)" is "Q1 est."; the
    alt text gives it in full."""
    return f"{label.split()[0]} est." if "estimated" in label else label


# Drawing takes tens of milliseconds and the dashboard draws one per indicator; the same figures
# always give the same picture, so each is drawn once.
@lru_cache(maxsize=512)
def sparkline_svg(labels: tuple[str, ...], values: tuple, alt: str) -> str:
    """Points joined where there are values; gaps where there are none. The alt text gives the values."""
    with matplotlib.rc_context({**STYLE, "font.size": 9}):
        figure = Figure(figsize=(3.2, 1.4), layout="constrained")
        axes = figure.add_subplot()
        points = [float(v) if v is not None else float("nan") for v in values]
        axes.plot(range(len(points)), points, color=COLOURS[0], marker="o", linewidth=1.5, markersize=4)
        axes.set_xticks(range(len(labels)), [_tick(label) for label in labels])
        axes.tick_params(length=0)
        axes.grid(axis="y", color="#d0d3d4", linewidth=0.6)
        axes.margins(y=0.25)
        output = io.BytesIO()
        figure.savefig(output, format="svg", metadata={"Date": None})
    return titled_svg(output.getvalue().decode(), alt)
