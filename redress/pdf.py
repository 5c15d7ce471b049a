"""HTML printed to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint, for every document Redress
produces: letters, reports and the information-request bundles."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

PDF_VARIANT = "pdf/ua-1"


def layout(page: str):
    """The page laid out on paper."""
    # Everything a page needs (logo, charts) is inline as data: URLs; nothing is fetched, so a
    # document can never reach the network or read files named in its content.
    document = HTML(string=page, base_url=None, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.render(pdf_variant=PDF_VARIANT)


def html_to_pdf(page: str) -> bytes:
    return layout(page).write_pdf(pdf_variant=PDF_VARIANT)
