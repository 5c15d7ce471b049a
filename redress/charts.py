"""What every chart Redress writes as SVG shares: the colours, the font, the value axis and the
image's name. Charts on screen and in PDFs are written as SVG text directly: drawing them with
matplotlib took a tenth of a second or more each, most of a page's time.

Each chart sits beside a table or text with the same numbers; it tells series apart by pattern,
marker or line style as well as colour, so it reads in greyscale and for people who do not see
colour differences.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

# GOV.UK palette colours with at least 3:1 contrast against white (WCAG 1.4.11).
COLOURS = ["#1d70b8", "#0b0c0c", "#b35a00", "#4c2c92", "#00703c"]
FONTS = ["Liberation Sans", "Arial", "DejaVu Sans"]
FONT = ", ".join([*FONTS, "sans-serif"])
INK, AXIS, GRID = "#0b0c0c", "#505a5f", "#d0d3d4"

# Widths of Arial's characters (Liberation Sans has the same), in ems: enough to leave room for a
# label beside an axis; the SVG's reader sets the text itself.
_NARROW = {**dict.fromkeys("ijl'|", 0.23), **dict.fromkeys("ftI ,.:;!()-/[]", 0.3), "r": 0.34}
_WIDE = {**dict.fromkeys("mw", 0.84), **dict.fromkeys("MW", 0.86), "%": 0.9, "£": 0.56}


def xml(text: str) -> str:
    return escape(str(text))


def text_width(text: str, size: float) -> float:
    """About how wide a line of text is at this font size."""
    return size * sum(_NARROW.get(c) or _WIDE.get(c) or (0.68 if c.isupper() else 0.56) for c in text)


def integer_ticks(high: float, most: int = 7) -> list[int]:
    """Whole-number ticks from 0 to at most `high`, a round step apart: at most `most` of them."""
    high = max(high, 1)
    power = 10 ** max(0, math.floor(math.log10(high / most)))
    step = next(m * power for m in (1, 2, 5, 10, 20) if high / (m * power) < most)
    return list(range(0, int(high) + 1, step))


def titled_svg(svg: str, alt: str) -> str:
    """An SVG document as an image with a name: role="img", and the alt text as its title."""
    svg = svg[svg.index("<svg") :]  # drop any XML declaration and doctype
    opening = svg.index(">")
    return (
        f"<svg role='img' aria-label={quoteattr(alt)}"
        + svg[4:opening]
        + f"><title>{escape(alt)}</title>"
        + svg[opening + 1 :]
    )
