"""The annual report's documents as downloads: built while the browser waits when the year is
small, and by the worker when it is large (a PDF of 100,000 complaints takes seconds), kept for
the person who asked until it expires."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import QueryDict
from django.utils import timezone

from redress.cases.models import Kind, Representation
from redress.configuration.models import financial_year

from .build import build_report
from .dataset import annual_report_dataset
from .documents import EXTENSIONS, render_report
from .forms import AnnualReportForm
from .models import DownloadStatus, ReportDownload
from .overview import build_overview
from .renderers.figures import report_figures

log = logging.getLogger(__name__)
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word document", "xlsx": "spreadsheet"}


def report_of(form: AnnualReportForm, step=lambda number: None):
    """The report chosen, and the figures its JSON download holds: a procedure's dataset, or for
    the council-wide overview its tables. `step(n)` is told as each of ReportDownload.STEPS starts."""
    data = form.cleaned_data
    step(1)
    if form.overview:
        report = build_overview(data["year"], data["as_of"], data["publication"])
        return report_figures(report), report
    dataset = annual_report_dataset(data["year"], data["procedure"], data["as_of"], data["bands"], data["age_bands"])
    step(2)
    return dataset, build_report(dataset, publication=data["publication"], age_bands=data["age_bands"])


def file_name(form: AnnualReportForm, format: str) -> str:
    data = form.cleaned_data
    name = (
        f"council-wide-complaints-overview-{data['year']}"
        if form.overview
        else f"{data['procedure']}-complaints-annual-report-{data['year']}"
    )
    if format == "json":
        return f"{name}.json"
    return f"{name}{'-publication' if data['publication'] else '-internal'}.{EXTENSIONS[format]}"


def built_in_background(form: AnnualReportForm) -> bool:
    """Whether the year has more complaints than a document is built for while the browser waits
    (settings.REPORT_BUILT_WHILE_YOU_WAIT, in complaints)."""
    data = form.cleaned_data
    complaints = Representation.objects.received_between(*financial_year(data["year"])).filter(kind=Kind.COMPLAINT)
    if not form.overview:
        complaints = complaints.filter(procedure__code=data["procedure"])
    return complaints.count() > settings.REPORT_BUILT_WHILE_YOU_WAIT


def request_download(user, form: AnnualReportForm, format: str, title: str) -> ReportDownload:
    """The download of this report for this person: the one being built or kept for them already
    (asking twice does not build it twice), else a new one, queued for the worker."""
    from .tasks import build_report_download

    query = form.query()
    kept = (
        ReportDownload.objects.filter(requested_by=user, format=format, query=query)
        .exclude(status=DownloadStatus.FAILED)
        .filter(created__gt=timezone.now() - ReportDownload.KEPT_FOR)
        .first()
    )
    if kept:
        return kept
    download = ReportDownload.objects.create(
        requested_by=user, format=format, query=query, title=title, filename=file_name(form, format)
    )
    build_report_download.enqueue(download.pk)
    return download


def build(download: ReportDownload) -> None:
    """Build the document, saying which step it is at so its page can show progress. Each build
    first clears the downloads that have expired."""
    ReportDownload.clear_expired()
    form = AnnualReportForm(QueryDict(download.query))
    try:
        if not form.is_valid():
            raise ValueError(f"The report's options are no longer valid: {form.errors.as_text()}")

        def step(number: int) -> None:
            download.status, download.step = DownloadStatus.BUILDING, number
            download.save(update_fields=["status", "step"])

        _, report = report_of(form, step)
        step(3)
        content = render_report(report, download.format)
        download.file.save(download.filename, ContentFile(content), save=False)
    except Exception as error:
        # The kind of error only: a message could quote a complaint's details.
        log.error("Report download %s could not be prepared (%s)", download.pk, type(error).__name__)
        download.status, download.finished = DownloadStatus.FAILED, timezone.now()
        download.save(update_fields=["status", "finished"])
        raise
    download.status, download.finished = DownloadStatus.READY, timezone.now()
    download.save(update_fields=["file", "status", "finished"])
