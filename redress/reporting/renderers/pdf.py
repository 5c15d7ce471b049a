"""The report as a tagged, accessible PDF (PDF/UA-1), printed from the standalone HTML."""

from __future__ import annotations

from redress import pdf

from ..document import Report
from .html import render_html


def layout(report: Report):
    """The report laid out on A4 pages, as printed."""
    return pdf.layout(render_html(report, standalone=True))


def render_pdf(report: Report) -> bytes:
    return layout(report).write_pdf(pdf_variant=pdf.PDF_VARIANT)


def heading_pages(report: Report) -> list[int]:
    """The page on which each of the report's sections starts when printed, in order."""
    flat, stack = [], list(reversed(layout(report).make_bookmark_tree()))
    while stack:
        label, (page, *_), children, _state = stack.pop()  # pages count from 0
        flat.append((label, page + 1))
        stack.extend(reversed(children))
    pages, start = [], 0
    for section in report.sections:
        found = next((i for i in range(start, len(flat)) if flat[i][0] == section.heading), None)
        if found is None:  # a heading not in the layout takes the page of the one before it
            pages.append(pages[-1] if pages else 1)
            continue
        pages.append(flat[found][1])
        start = found + 1
    return pages
