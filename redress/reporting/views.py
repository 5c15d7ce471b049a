import datetime as dt
import json

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from redress.accounts.decorators import case_editor_required, report_reader_required
from redress.audit.trail import record_view
from redress.configuration.models import financial_year_label
from redress.procedures.models import Procedure, ProcedureCode

from .documents import CONTENT_TYPES, EXTENSIONS, render_report
from .downloads import FORMAT_NAMES, built_in_background, file_name, report_of, request_download
from .forms import AnnualReportForm, NarrativeForm
from .models import DownloadStatus, ReportDownload, ReportNarrative
from .renderers.html import render_html
from .team import monthly_scorecard, weekly_progress


@report_reader_required
def annual_report(request):
    form = AnnualReportForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        dataset, report = report_of(form)
        context.update(
            report=report,
            overview=form.overview,
            preview=render_html(report, standalone=False),
            query=form.query(),
            formats=[("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Spreadsheet"), ("json", "JSON data")],
            in_background=built_in_background(form),
        )
    return render(request, "reporting/annual.html", context)


@report_reader_required
def download(request, format):
    """The report as a file. JSON, and a small year's documents, are made while the browser waits;
    a large year's documents are built by the worker, and this shows their progress page."""
    if format not in EXTENSIONS and format != "json":
        raise Http404
    form = AnnualReportForm(request.GET)
    if not form.is_valid():
        return redirect("reporting:annual")
    if format != "json" and built_in_background(form):
        title = f"{FORMAT_NAMES[format]} of the {report_title(form)}"
        return redirect("reporting:prepared", pk=request_download(request.user, form, format, title).pk)
    dataset, report = report_of(form)
    if format == "json":
        response = HttpResponse(json.dumps(dataset, indent=1, ensure_ascii=False), content_type="application/json")
    else:
        response = HttpResponse(render_report(report, format), content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{file_name(form, format)}"'
    return response


def report_title(form: AnnualReportForm) -> str:
    data = form.cleaned_data
    if form.overview:
        return f"council-wide complaints overview {financial_year_label(data['year'])}"
    name = Procedure.objects.get(code=data["procedure"]).name
    return f"{name} complaints annual report {financial_year_label(data['year'])}"


def _prepared(request, pk) -> ReportDownload:
    """A download kept for the person asking; anyone else's, or one that has expired, is not found."""
    download = get_object_or_404(ReportDownload, pk=pk, requested_by=request.user)
    if download.is_expired():
        raise Http404
    return download


@never_cache
@report_reader_required
def prepared(request, pk):
    return render(request, "reporting/prepared.html", {"download": _prepared(request, pk)})


@never_cache
@report_reader_required
def prepared_file(request, pk):
    download = _prepared(request, pk)
    if download.status != DownloadStatus.READY:
        raise Http404
    record_view(download)
    return FileResponse(
        download.file.open("rb"),
        as_attachment=True,
        filename=download.filename,
        content_type=CONTENT_TYPES[download.format],
    )


@case_editor_required
def narrative(request, year: int, procedure: str):
    if procedure not in ProcedureCode.values or not 2000 <= year <= 2100:
        raise Http404
    instance = ReportNarrative.objects.filter(year=year, procedure=procedure).first() or ReportNarrative(
        year=year, procedure=procedure
    )
    form = NarrativeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, f"Report text for {saved} saved")
        return redirect(f"/reports/annual/?year={year}&procedure={procedure}")
    return render(request, "reporting/narrative.html", {"form": form, "narrative": instance})


@report_reader_required
def team_report(request, kind):
    """The weekly progress report or the monthly scorecard, on screen or as a spreadsheet."""
    today = timezone.localdate()
    if kind == "weekly":
        report = weekly_progress(today, request.user)
    elif kind == "monthly":
        try:
            year, month = (int(v) for v in request.GET.get("month", f"{today:%Y-%m}").split("-"))
            report = monthly_scorecard(year, month)
        except (ValueError, OverflowError):  # not a month, or not one the calendar holds
            raise Http404 from None
    else:
        raise Http404
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(render_report(report, "xlsx"), content_type=CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = f'attachment; filename="{kind}-{report.period}.xlsx"'
        return response
    months = [(today.replace(day=1) - dt.timedelta(days=31 * n)).strftime("%Y-%m") for n in range(12)]
    return render(
        request,
        "reporting/team.html",
        {
            "report": report,
            "preview": render_html(report, standalone=False),
            "kind": kind,
            "months": months,
            "query": request.GET.urlencode(),
        },
    )
