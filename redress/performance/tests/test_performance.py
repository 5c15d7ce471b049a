"""Direction of travel, estimates, what a quarter's report shows, and the report's formats."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from redress.performance.calculations import (
    DECLINING,
    IMPROVING,
    NO_CHANGE,
    NOT_JUDGED,
    direction,
    estimated_end_of_year,
    indicator_years,
)
from redress.performance.models import Commentary, Comparator, Indicator, IndicatorValue, QuarterlyUpdate
from redress.performance.report import build_performance_report
from redress.reporting.document import Subheading


def indicator(code, part=""):
    return Indicator.objects.get(code=code, part=part)


def put(code, year, period, value, part="", **extra):
    IndicatorValue.objects.create(
        indicator=indicator(code, part), year=year, period=period, value=Decimal(value), **extra
    )


def row_for(year, quarter, code, part=""):
    return next(r for r in indicator_years(year, quarter) if (r.indicator.code, r.indicator.part) == (code, part))


@pytest.mark.parametrize(
    ("code", "now", "before", "expected"),
    [
        ("1A", "19.5", "19.0", IMPROVING),  # score, higher is better, threshold 0.2
        ("1A", "19.1", "19.0", NO_CHANGE),
        ("1A", "19.2", "19.0", NO_CHANGE),  # exactly the threshold: not significant
        ("1A", "18.7", "19.0", DECLINING),
        ("2C", "530", "560", IMPROVING),  # rate, lower is better, threshold 20
        ("2C", "580", "560", NO_CHANGE),
        ("2C", "600", "560", DECLINING),
        ("L4", "5000", "4000", NOT_JUDGED),  # safeguarding concerns: context, neither better nor worse
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


def test_only_an_accumulating_measure_is_projected_to_the_end_of_the_year(db):
    admissions = indicator("2B")
    assert estimated_end_of_year(admissions, Decimal("150"), 1) == Decimal(600)
    assert estimated_end_of_year(admissions, Decimal("300"), 3) == Decimal(400)
    # The council's own estimate, when it entered one, is the estimate.
    assert estimated_end_of_year(admissions, Decimal("300"), 3, own=Decimal("420")) == Decimal(420)
    assert estimated_end_of_year(indicator("1A"), Decimal("19"), 2) is None
    # Reviews are a snapshot at the quarter's end: 48.4% at quarter 1 is 48.4%, not 193.6%.
    assert estimated_end_of_year(indicator("L1"), Decimal("48.4"), 1) is None


def test_an_accumulating_measure_is_compared_on_its_estimated_whole_year(db):
    put("2C", 2024, "final", "600")
    put("2C", 2025, "q1", "160")  # an estimated 640
    put("2C", 2025, "q2", "330", estimate=Decimal("620"))  # the council's own estimate
    row = row_for(2025, 2, "2C")
    assert (row.estimate, row.previous, row.quarter_trend) == (Decimal(620), Decimal(640), NO_CHANGE)
    assert (row.latest, row.annual_trend) == (Decimal(620), NO_CHANGE)
    assert row_for(2025, 1, "2C").annual_trend == DECLINING  # 640 against 600: more admissions


def test_quarter_one_is_compared_with_last_years_outturn_and_later_quarters_with_the_last(db):
    put("L2", 2024, "final", "20")
    put("L2", 2025, "q1", "25")
    put("L2", 2025, "q2", "24")
    row = row_for(2025, 1, "L2")
    assert (row.previous, row.quarter_trend) == (Decimal(20), DECLINING)
    row = row_for(2025, 2, "L2")
    assert (row.previous, row.quarter_trend, row.annual_trend) == (Decimal(25), NO_CHANGE, DECLINING)
    # With no figure yet for quarter 3, the annual trend still uses the latest quarter that has one.
    row = row_for(2025, 3, "L2")
    assert (row.quarter_trend, row.latest, row.annual_trend) == (None, Decimal(24), DECLINING)


def test_a_quarters_figures_are_what_was_known_at_that_quarter(db):
    put("2A", 2025, "q2", "80")
    put("2A", 2025, "q3", "70")
    put("2A", 2025, "final", "71")
    Comparator.objects.create(indicator=indicator("2A"), year=2024, england=Decimal("77.1"), rank=40, ranked=153)
    # This year's national figures are published after the year, so no quarter of it knew them.
    Comparator.objects.create(indicator=indicator("2A"), year=2025, england=Decimal("99"), target=Decimal(80))
    row = row_for(2025, 2, "2A")
    assert (row.quarters[3], row.final, row.latest) == (None, None, Decimal(80))
    assert (row.comparator.year, row.comparator.england, row.target) == (2024, Decimal("77.1"), Decimal(80))
    assert row_for(2025, 3, "2A").final is None
    assert row_for(2025, 4, "2A").final == Decimal(71)


def test_a_yearly_measure_has_no_quarter_figure_and_its_chart_gives_whole_years(db):
    put("1A", 2023, "final", "18.6")
    put("1A", 2024, "final", "19.0")
    row = row_for(2025, 2, "1A")
    assert (row.shown_quarter(2), row.quarter_trend) == ("NA", None)
    assert row.chart_points() == [("2023/24", Decimal("18.6")), ("2024/25", Decimal("19.0"))]
    put("1A", 2025, "final", "19.6")
    assert row_for(2025, 4, "1A").chart_points()[-1] == ("2025/26", Decimal("19.6"))
    assert row_for(2025, 4, "1A").annual_arrow == "↑ Improving"


def test_values_show_in_their_unit_rounded_half_up(db):
    assert indicator("2E").show(Decimal("72.05")) == "72.1%"
    assert indicator("L2").show(Decimal("27.25")) == "27 days"
    assert indicator("L4").show(Decimal("4406.5")) == "4,407"
    assert indicator("1B").show(Decimal("0.4235")) == "0.424"  # the adjusted score shows 3 decimals
    assert indicator("1A").show(None) == "–"


def test_the_summary_names_the_largest_changes_when_the_officer_names_none(db):
    put("2A", 2025, "q1", "80")
    put("2A", 2025, "q2", "70")  # down 12.5%
    put("2E", 2025, "q1", "80")
    put("2E", 2025, "q2", "78")  # down 2.5%
    put("L3", 2025, "q1", "400")
    put("L3", 2025, "q2", "300")  # fewer people waiting: an improvement
    summary = [str(b) for b in build_performance_report(2025, 2).sections[0].blocks]
    assert "Of the 3 measures that can be compared with quarter 1, 1 improved, 2 declined" in summary[1]
    assert "The most significant that declined:" in summary
    assert "2A: a decline from 80.0% at quarter 1 to 70.0% at quarter 2" in " ".join(summary)
    assert "2E: a decline" not in " ".join(summary)
    assert "L3: an improvement from 400 at quarter 1 to 300 at quarter 2" in " ".join(summary)
    # Chosen by the officer, only the chosen are named.
    Commentary.objects.create(indicator=indicator("2E"), year=2025, quarter=2, highlight=True)
    summary = " ".join(str(b) for b in build_performance_report(2025, 2).sections[0].blocks)
    assert "2E: a decline from 80.0% at quarter 1 to 78.0% at quarter 2" in summary and "2A:" not in summary


def test_the_report_prints_each_heading_once_and_the_councils_words(db):
    put("L2", 2025, "q1", "30")
    Comparator.objects.create(indicator=indicator("2A"), year=2024, region=Decimal("60.1"))
    Commentary.objects.create(indicator=indicator("L2"), year=2025, quarter=1, text="Two assessors left.")
    QuarterlyUpdate.objects.create(
        year=2025, quarter=1, key_changes="A new front door opened.", engagement="## Carers\nFifty carers came."
    )
    report = build_performance_report(2025, 1)
    headings = [s.heading for s in report.sections]
    assert len(headings) == len(set(headings))
    assert headings[:3] == ["Summary of key changes", "Objective 1: Quality of life", "Objective 2: Independence"]
    assert "Involvement, engagement and user experience" in headings
    blocks = {s.heading: s.blocks for s in report.sections}
    assert blocks["Summary of key changes"][0] == "A new front door opened."
    assert blocks["Involvement, engagement and user experience"] == [Subheading("Carers"), "Fifty carers came."]
    local = blocks["Local indicators"]
    assert Subheading("L2 Waiting time for a Care Act assessment (average days)") in local
    assert "Two assessors left." in local
    assert "The regional average for 2024/25 was 60.1%." in blocks["Objective 2: Independence"]


@pytest.fixture
def figures(db):
    put("2D", 2024, "final", "81.1", part="part 1")
    put("2D", 2025, "q1", "85.0", part="part 1")
    put("2C", 2025, "q1", "160", numerator=Decimal(80))


def test_every_format_of_the_report_opens_with_its_appendix(figures, tmp_path):
    made = {}
    for kind in ("pdf", "docx", "xlsx", "html", "json"):
        made[kind] = tmp_path / f"report.{kind}"
        call_command("performance_report", year="2025", quarter="1", format=kind, output=str(made[kind]))
    pdf = PdfReader(made["pdf"])
    last = pdf.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)  # the appendix is landscape
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Summary of key changes" in text and "Appendix: every measure" in text and "Improving" in text
    document = Document(made["docx"])
    assert any(p.text == "Objective 2: Independence" for p in document.paragraphs)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "2D part 1" in cells and "↑ Improving" in cells
    book = load_workbook(made["xlsx"])
    values = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "2D part 1" in values and "160.0\nestimated end of year 640.0" in values and "Number of admissions" in values
    assert "Objective 2: Independence" in made["html"].read_text()
    figures = json.loads(made["json"].read_text())
    appendix = next(t for s in figures["sections"] for t in s["tables"] if t["key"] == "appendix")
    assert next(r for r in appendix["rows"] if r[0] == "2D part 1")[3:10] == [
        "–", "81.1%", "85.0%", "–", "–", "–", "↑ Improving",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"year": "soon", "quarter": "1"}, "--year must be a whole number from 2000 to 2100, not 'soon'"),
        ({"year": "1999", "quarter": "1"}, "--year must be from 2000 to 2100, not 1999"),
        ({"year": "2025", "quarter": "5"}, "--quarter must be from 1 to 4, not 5"),
        ({"year": "2025", "quarter": "1", "format": "odt"}, "--format must be one of json, html, pdf, docx, xlsx"),
        ({"year": "2025", "quarter": "1", "format": "pdf"}, "Give --output for a pdf file"),
        ({"year": "2025", "quarter": "1", "output": "/no/such/folder/report.json"}, "Cannot write /no/such/folder"),
    ],
)
def test_the_report_command_refuses_what_it_cannot_do_with_a_clear_error(db, options, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("performance_report", **options)
