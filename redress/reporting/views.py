import datetime as dt
import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from redress.accounts.decorators import case_editor_required, report_reader_required
from redress.procedures.models import ProcedureCode

from .build import build_report
from .dataset import annual_report_dataset
from .documents import CONTENT_TYPES, EXTENSIONS, render_report
from .forms import AnnualReportForm, NarrativeForm
from .models import ReportNarrative
from .overview import build_overview
from .renderers.figures import report_figures
from .renderers.html import render_html
from .team import monthly_scorecard, weekly_progress


def _report(form: AnnualReportForm):
    """The report chosen, and the figures its JSON download holds: a procedure's dataset, or
    for the council-wide overview its tables."""
    data = form.cleaned_data
    if form.overview:
        report = build_overview(data["year"], data["as_of"], data["publication"])
        return report_figures(report), report
    dataset = annual_report_dataset(data["year"], data["procedure"], data["as_of"], data["bands"], data["age_bands"])
    return dataset, build_report(dataset, publication=data["publication"])


@report_reader_required
def annual_report(request):
    form = AnnualReportForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        dataset, report = _report(form)
        context.update(
            report=report,
            overview=form.overview,
            preview=render_html(report, standalone=False),
            query=form.query(),
            formats=[("pdf", "PDF"), ("docx", "Word"), ("xlsx", "Spreadsheet"), ("json", "JSON data")],
        )
    return render(request, "reporting/annual.html", context)


@report_reader_required
def download(request, format):
    if format not in EXTENSIONS and format != "json":
        raise Http404
    form = AnnualReportForm(request.GET)
    if not form.is_valid():
        return redirect("reporting:annual")
    dataset, report = _report(form)
    data = form.cleaned_data
    name = (
        f"council-wide-complaints-overview-{data['year']}"
        if form.overview
        else f"{data['procedure']}-complaints-annual-report-{data['year']}"
    )
    if format == "json":
        response = HttpResponse(json.dumps(dataset, indent=1, ensure_ascii=False), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    name += "-publication" if data["publication"] else "-internal"
    response = HttpResponse(render_report(report, format), content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{EXTENSIONS[format]}"'
    return response


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
