"""Adult social care performance: the dashboard, entering a period's figures, targets, the
national data and the quarterly report."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from redress.accounts.decorators import performance_editor_required, report_reader_required
from redress.configuration.models import current_financial_year, financial_year_label
from redress.imports.readers import FileProblems, ImportFileError, uploaded_table
from redress.reporting.documents import CONTENT_TYPES, EXTENSIONS, render_report
from redress.reporting.renderers.common import data_uri
from redress.reporting.renderers.html import render_html
from redress.views import save_form

from .calculations import by_objective, indicator_years
from .charts import sparkline_svg
from .forms import FiguresForm, IndicatorForm, NationalDataForm, ReportForm, SettingsForm, TargetsForm
from .models import Indicator, IndicatorValue, NationalValue, Objective, PerformanceSettings, Period
from .national import import_national_file, update_comparators
from .report import build_performance_report

FORMATS = [("docx", "Word"), ("pdf", "PDF"), ("xlsx", "Spreadsheet")]


def _years(back: int = 4) -> list[tuple[int, str]]:
    this_year = current_financial_year()
    return [(y, financial_year_label(y)) for y in range(this_year, this_year - back, -1)]


def _latest_quarter(year: int) -> int:
    """The last quarter of the year with any figure, or 1."""
    periods = set(IndicatorValue.objects.filter(year=year).values_list("period", flat=True))
    return max([int(p[1]) for p in periods if p.startswith("q")], default=1)


def _chosen(request) -> tuple[int, int]:
    try:
        year = int(request.GET.get("year", current_financial_year()))
        quarter = int(request.GET.get("quarter") or _latest_quarter(year))
    except ValueError:
        raise Http404 from None
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise Http404
    return year, quarter


def _card(row) -> dict:
    """One measure's row of the dashboard, with its chart over time and the chart said in words."""
    indicator = row.indicator
    points = row.chart_points()
    described = "; ".join(f"{label}: {indicator.show(value)}" for label, value in points)
    alt = f"{indicator.label} over time. {described}."
    labels, values = tuple(label for label, _ in points), tuple(value for _, value in points)
    chart = sparkline_svg(labels, values, alt) if any(v is not None for v in values) else ""
    shown = row.shown_quarter(row.quarter)
    return {
        "row": row,
        "value": shown if isinstance(shown, str) else indicator.show(shown),
        "chart": data_uri(chart.encode(), "image/svg+xml") if chart else "",
        "alt": alt,
    }


@report_reader_required
def dashboard(request):
    year, quarter = _chosen(request)
    rows = indicator_years(year, quarter)
    objectives = [
        (objective.label, [_card(row) for row in in_objective]) for objective, in_objective in by_objective(rows)
    ]
    return render(
        request,
        "performance/dashboard.html",
        {
            "objectives": objectives,
            "year": year,
            "quarter": quarter,
            "year_label": financial_year_label(year),
            "years": _years(),
            "quarters": (1, 2, 3, 4),
            "periods": Period.choices,
        },
    )


@performance_editor_required
def figures(request, year: int, period: str):
    if period not in Period.values or not 2000 <= year <= 2100:
        raise Http404
    indicators = Indicator.objects.filter(active=True)
    form = FiguresForm(request.POST or None, indicators=indicators, year=year, period=period)
    if request.method == "POST" and form.is_valid():
        kept = form.save(request.user)
        label = f"{Period(period).label}, {financial_year_label(year)}"
        messages.success(request, f"{label}: {kept} value{'s' if kept != 1 else ''} saved")
        quarter = f"&quarter={period[1]}" if period.startswith("q") else ""
        return redirect(f"{reverse('performance:dashboard')}?year={year}{quarter}")
    return render(
        request,
        "performance/figures.html",
        {"form": form, "year": year, "period": Period(period), "year_label": financial_year_label(year)},
    )


@performance_editor_required
def targets(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404
    form = TargetsForm(request.POST or None, indicators=Indicator.objects.filter(active=True), year=year)
    label = financial_year_label(year)
    back = f"{reverse('performance:dashboard')}?year={year}"
    return save_form(
        request, form, "performance/targets.html", f"Targets for {label} saved", back, {"year_label": label}
    )


@report_reader_required
def indicators(request):
    return render(
        request, "performance/indicators.html", {"indicators": Indicator.objects.all(), "objectives": Objective}
    )


@performance_editor_required
def indicator(request, pk=None):
    instance = get_object_or_404(Indicator, pk=pk) if pk else Indicator()
    back = reverse("performance:indicators")
    return save_form(
        request,
        IndicatorForm(request.POST or None, instance=instance),
        "configuration/form.html",
        "Indicator {} saved",
        back,
        {
            "title": "Change an indicator" if pk else "Add an indicator",
            "caption": "Adult social care performance",
            "back": back,
        },
    )


@performance_editor_required
def national(request):
    settings = PerformanceSettings.current()
    settings_form = SettingsForm(request.POST if "save_settings" in request.POST else None, instance=settings)
    upload = NationalDataForm(
        request.POST if "upload" in request.POST else None,
        request.FILES or None,
        years=_years(6),
        initial={"year": current_financial_year() - 1},
    )
    if settings_form.is_bound and settings_form.is_valid():
        settings_form.save()
        years = NationalValue.objects.values_list("year", flat=True).distinct()
        compared = sum(update_comparators(year) for year in years)
        messages.success(request, f"Settings saved; {compared} comparisons worked out again")
        return redirect("performance:national")
    if upload.is_bound and upload.is_valid():
        year = upload.cleaned_data["year"]
        try:
            with uploaded_table(upload.cleaned_data["file"]) as table:
                result = import_national_file(table, year)
        except ImportFileError as error:
            upload.add_error("file", str(error))
        except FileProblems as error:
            for problem in error.problems:
                upload.add_error("file", problem)
        else:
            messages.success(request, f"{financial_year_label(year)}: {result.summary()}")
            return redirect("performance:national")
    held = NationalValue.objects.values("year").order_by("-year").distinct()
    return render(
        request,
        "performance/national.html",
        {
            "settings_form": settings_form,
            "upload": upload,
            "held": [(row["year"], financial_year_label(row["year"])) for row in held],
        },
    )


@report_reader_required
def report(request):
    form = ReportForm(request.GET or None, years=_years())
    context = {"form": form}
    if form.is_bound and form.is_valid():
        built = build_performance_report(form.cleaned_data["year"], form.cleaned_data["quarter"])
        context |= {
            "report": built,
            "preview": render_html(built, standalone=False),
            "query": request.GET.urlencode(),
            "formats": FORMATS,
        }
    return render(request, "performance/report.html", context)


@report_reader_required
def download(request, format: str):
    form = ReportForm(request.GET, years=_years())
    if format not in EXTENSIONS or format == "html" or not form.is_valid():
        raise Http404
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    response = HttpResponse(
        render_report(build_performance_report(year, quarter), format), content_type=CONTENT_TYPES[format]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="adult-social-care-performance-{year}-q{quarter}.{EXTENSIONS[format]}"'
    )
    return response
