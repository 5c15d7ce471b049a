"""Direction of travel, estimates, what a quarter's report shows, and the report's formats."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from redress.performance.calculations import (
    DECLINING,
    IMPROVING,
    NO_CHANGE,
    direction,
    estimated_end_of_year,
    indicator_years,
)
from redress.performance.models import Comparator, Indicator, IndicatorValue


def indicator(code):
    return Indicator.objects.get(code=code)


def put(code, year, period, value):
    IndicatorValue.objects.create(indicator=indicator(code), year=year, period=period, value=Decimal(value))


@pytest.mark.parametrize(
    ("code", "now", "before", "expected"),
    [
        ("1A", "19.5", "19.0", IMPROVING),  # score, higher is better, threshold 0.2
        ("1A", "19.1", "19.0", NO_CHANGE),
        ("1A", "19.2", "19.0", NO_CHANGE),  # exactly the threshold: not significant
        ("1A", "18.7", "19.0", DECLINING),
        ("2B", "540", "560", IMPROVING),  # rate, lower is better, threshold 5
        ("2B", "563", "560", NO_CHANGE),
        ("2B", "600", "560", DECLINING),
        ("L2", "30", None, None),
    ],
)
def test_direction_of_travel_follows_polarity_and_threshold(db, code, now, before, expected):
    assert direction(indicator(code), Decimal(now), Decimal(before) if before else None) == expected


def test_the_threshold_is_the_councils_to_change(db):
    one = indicator("1A")
    one.threshold = Decimal("1")
    one.save()
    assert direction(one, Decimal("19.5"), Decimal("19.0")) == NO_CHANGE


def test_a_cumulative_indicator_is_projected_to_the_end_of_the_year(db):
    admissions = indicator("2B")
    assert estimated_end_of_year(admissions, Decimal("150"), 1) == Decimal(600)
    assert estimated_end_of_year(admissions, Decimal("300"), 3) == Decimal(400)
    assert estimated_end_of_year(indicator("1A"), Decimal("19"), 2) is None


def test_quarter_one_is_compared_with_last_years_outturn_and_later_quarters_with_the_last(db):
    put("L2", 2024, "final", "20")
    put("L2", 2025, "q1", "25")
    put("L2", 2025, "q2", "24")
    row = next(r for r in indicator_years(2025, 1) if r.indicator.code == "L2")
    assert (row.previous, row.quarter_trend) == (Decimal(20), DECLINING)
    row = next(r for r in indicator_years(2025, 2) if r.indicator.code == "L2")
    assert (row.previous, row.quarter_trend, row.annual_trend) == (Decimal(25), NO_CHANGE, DECLINING)
    # With no figure yet for quarter 3, the annual trend still uses the latest quarter that has one.
    row = next(r for r in indicator_years(2025, 3) if r.indicator.code == "L2")
    assert (row.quarter_trend, row.latest, row.annual_trend) == (None, Decimal(24), DECLINING)


def test_the_latest_national_comparison_is_used_when_this_years_is_not_out(db):
    Comparator.objects.create(indicator=indicator("1B"), year=2024, england=Decimal("77.1"), rank=40, ranked=153)
    Comparator.objects.create(indicator=indicator("1B"), year=2025, target=Decimal(80))
    row = next(r for r in indicator_years(2025, 2) if r.indicator.code == "1B")
    assert (row.comparator.year, row.comparator.england, row.target) == (2024, Decimal("77.1"), Decimal(80))


def test_the_pdf_and_spreadsheet_hold_the_same_appendix(client, reporter):
    put("1A", 2024, "final", "19.0")
    put("1A", 2025, "q1", "19.6")
    client.force_login(reporter)
    pdf = PdfReader(io.BytesIO(client.get("/performance/report/download/pdf/?year=2025&quarter=1").content))
    last = pdf.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)  # landscape
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Appendix: every indicator" in text and "▲ Improving" in text
    book = load_workbook(io.BytesIO(client.get("/performance/report/download/xlsx/?year=2025&quarter=1").content))
    values = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "1A Social care-related quality of life score" in values and "▲ Improving" in values


def test_values_show_in_their_unit_rounded_half_up(db):
    assert indicator("1B").show(Decimal("72.05")) == "72.1%"
    assert indicator("L2").show(Decimal("27.25")) == "27.3 days"
    assert indicator("L4").show(Decimal("4406.5")) == "4,407"
    assert indicator("1D").show(Decimal("0.405")) == "0.41"
    assert indicator("1A").show(None) == "–"
