"""How tables and charts read in each format: years without data, headings and numbers that keep
together, and spreadsheet cells that stay as written."""

import io
import re

import lxml.html
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from redress.reporting.document import Chart, Report, Section, Table
from redress.reporting.documents import render_report
from redress.reporting.renderers.charts import _month_labels, chart_svg
from redress.reporting.renderers.common import numeric_columns
from redress.reporting.renderers.docx import CHARACTERS_PER_CM

YEARS = ["2020/21", "2021/22", "2022/23"]
STAGES = Table(
    "Responses at each stage",
    ["Stage", "Within target", "Within an agreed extension", "Over", "Still open", "Total", "Mean days"],
    [["Stage 1", "29 (62%)", "6 (13%)", "10 (21%)", "2 (4%)", 47, 20.7]],
    key="stages",
)
CONCERNS = Table(
    "Concerns raised, and the findings on them",
    ["Category", "Complaints raising it", "Upheld", "Not upheld"],
    [["Standard of Service", 60, 0, 60], ["Standard of Service: Delay in receiving service", 21, "", ""]],
    key="concerns",
)
RECEIVED = Table(
    "Complaints received",
    ["Received", *YEARS],
    [["Complaints", "No data", 50, 66], ['=HYPERLINK("http://evil.example","Click")', "No data", 1, 2]],
    key="received",
)
BY_YEAR = Chart("Complaints by year", "bar", YEARS, {"Complaints": [None, 50, 66]}, alt="Complaints by year")
BY_MONTH = Chart(
    "Complaints each month",
    "line",
    ["Feb 2022", "Mar 2022", *(f"{m} 2022" for m in ("Apr", "May", "Jun", "Jul", "Aug")), "Jan 2023"],
    {"Complaints": [None, None, 3, 4, 5, 6, 7, 8]},
    alt="Complaints each month",
)


def report() -> Report:
    return Report(
        title="Adult social care complaints annual report 2022/23",
        council="Barsetshire County Council",
        subtitle="1 April 2022 to 31 March 2023",
        period="2022/23",
        key_facts=[("Complaints received", "66")],
        sections=[Section("Complaints", "complaints").add(STAGES, CONCERNS, RECEIVED, BY_YEAR, BY_MONTH)],
        publication=False,
    )


def test_a_year_with_no_data_has_no_bar_and_says_no_data():
    svg = chart_svg(BY_YEAR)
    assert ">no data<" in svg and ">50<" in svg and ">66<" in svg


def test_months_with_no_data_are_a_gap_in_the_line_labelled_no_data():
    svg = chart_svg(BY_MONTH)
    assert svg.count(">no data<") == 2


def test_month_labels_give_the_year_where_it_starts_or_changes():
    assert _month_labels(["Mar 2022", "Apr 2022", "May 2022", "Jan 2023", "Feb 2023"]) == [
        "Mar\n2022",
        "Apr",
        "May",
        "Jan\n2023",
        "Feb",
    ]


def test_columns_of_counts_with_percentages_blanks_or_no_data_are_number_columns():
    assert numeric_columns(STAGES) == [False, True, True, True, True, True, True]
    assert numeric_columns(CONCERNS) == [False, True, True, True]
    assert numeric_columns(RECEIVED) == [False, True, True, True]


def test_html_numbers_stay_on_one_line_and_headings_wrap_only_between_words():
    html = render_report(report(), "html").decode()
    css = html[html.index("<style>") : html.index("</style>")]
    assert re.search(r"\.govuk-table__cell--numeric \{ white-space: nowrap; \}", css)
    assert "thead th { hyphens: manual; overflow-wrap: normal; }" in css
    tree = lxml.html.fromstring(html)
    stages = tree.xpath("//table[@id='report-table-stages']")[0]
    assert [td.text for td in stages.xpath(".//td[contains(@class, 'govuk-table__cell--numeric')]")][:2] == [
        "29 (62%)",
        "6 (13%)",
    ]


def test_a_column_of_descriptions_in_a_wide_table_keeps_room_to_read():
    appendix = Table(
        "Every measure",
        ["Code", "Description", "2022/23", "2023/24", "Q1", "Q2", "Q3"],
        [["2A", "People who received short-term services during the year, who previously were not receiving services", "60.5%", "64.6%", "NA", "NA", "NA"]],
        key="appendix",
    )  # fmt: skip
    wide = Report(**{**report().__dict__, "sections": [Section("Appendix", "appendix").add(appendix)]})
    html = render_report(wide, "html").decode()
    assert ".redress-report__cell--prose { min-width: 9em; }" in html
    cells = lxml.html.fromstring(html).xpath("//table[@id='report-table-appendix']//td")
    assert [td.text for td in cells if "redress-report__cell--prose" in td.get("class")] == [appendix.rows[0][1]]


def test_word_columns_fit_each_headings_longest_word_and_numbers_do_not_wrap():
    document = Document(io.BytesIO(render_report(report(), "docx")))
    stages = next(t for t in document.tables if t.rows[0].cells[0].text == "Stage")
    for cell in stages.rows[0].cells:
        longest = max(map(len, cell.text.split()))
        assert cell.width / Cm(1) * CHARACTERS_PER_CM >= longest, cell.text
    numbers = stages.rows[1].cells[1:]
    assert all(c._tc.tcPr.find(qn("w:noWrap")) is not None for c in numbers)
    assert stages.rows[1].cells[0]._tc.tcPr.find(qn("w:noWrap")) is None  # labels may wrap


def test_spreadsheet_no_data_is_text_and_words_never_become_a_formula():
    book = load_workbook(io.BytesIO(render_report(report(), "xlsx")))
    sheet = book["received"]
    assert (sheet["B4"].value, sheet["B4"].data_type, sheet["B4"].number_format) == ("No data", "s", "@")
    assert (sheet["C4"].value, sheet["C4"].data_type) == (50, "n")
    label = sheet["A5"]
    assert label.value == '=HYPERLINK("http://evil.example","Click")' and label.data_type == "s"
    assert label.quotePrefix
    formulas = [c.coordinate for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_a_headings_last_short_word_stays_with_the_word_before_it():
    table = Table("How far complaints went", ["Procedure", "Complaints", "Reached stage 2"], [["Adult", 66, 4]])
    tied = Report(**{**report().__dict__, "sections": [Section("Complaints", "complaints").add(table)]})
    assert "Reached stage\u00a02</th>" in render_report(tied, "html").decode()
    document = Document(io.BytesIO(render_report(tied, "docx")))
    assert document.tables[-1].rows[0].cells[2].text == "Reached stage\u00a02"
