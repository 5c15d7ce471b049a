"""The report as HTML: a fragment for the GOV.UK preview page, or a whole document for the PDF
and the HTML download. Both use the same markup and GOV.UK class names; the whole document
carries its own print styles because it is read away from our site."""

from __future__ import annotations

from django.template.loader import render_to_string

from ..document import Chart, Report, Subheading, Table
from .charts import chart_svg
from .common import data_uri, heading, logo, numeric_columns, prose_columns, text


def render_html(report: Report, *, standalone: bool) -> str:
    image = logo(report.logo_path)
    return render_to_string(
        "reporting/report.html",
        {
            "report": report,
            "standalone": standalone,
            "logo": data_uri(*image) if image else "",
            "sections": [
                {
                    "heading": s.heading,
                    "id": anchor(s.key),
                    "landscape": s.landscape,
                    "blocks": [_block(b) for b in s.blocks],
                }
                for s in report.sections
            ],
        },
    )


def anchor(key: str) -> str:
    # Prefixed so a section called "navigation" cannot clash with ids on the page around it.
    return f"report-{key}"


def _block(block) -> dict:
    if isinstance(block, Table):
        numeric, prose = numeric_columns(block), prose_columns(block)
        return {
            "kind": "table",
            "table": block,
            "id": anchor(f"table-{block.key}") if block.key else "",
            "headers": list(zip(map(heading, block.headers), numeric)),
            "rows": [[(text(cell), numeric[i], prose[i]) for i, cell in enumerate(row)] for row in block.rows],
            "wide": len(block.headers) > 5,
            # Only a table that fits on a page is kept whole; a longer one would leave a blank page.
            "keep_together": len(block.rows) <= 20,
        }
    if isinstance(block, Chart):
        return {"kind": "chart", "chart": block, "src": data_uri(chart_svg(block).encode(), "image/svg+xml")}
    if isinstance(block, Subheading):
        return {"kind": "subheading", "text": block.text}
    return {"kind": "paragraph", "text": str(block)}
