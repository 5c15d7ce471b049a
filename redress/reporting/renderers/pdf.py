"""The report as a tagged, accessible PDF (PDF/UA-1), printed from the standalone HTML."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from ..document import Report
from .html import render_html


def render_pdf(report: Report) -> bytes:
    # Everything the page needs (logo, charts) is inline as data: URLs; nothing is fetched,
    # so a report can never reach the network or read files named in its content.
    document = HTML(
        string=render_html(report, standalone=True),
        base_url=None,
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    )
    return document.write_pdf(pdf_variant="pdf/ua-1")
