"""Coventry's published adult social care report for 2022/23, table for table, as Redress's report
gives it in PDF, Word and spreadsheet, from the same cases (docs/interchange.md, version 1.1).

The cases were rebuilt from the published report, so some figures differ from its text: each
table is checked against the numbers the dataset gives, and against the published numbers where
the two agree (see the comments)."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from redress.reporting.build import build_report
from redress.reporting.dataset import annual_report_dataset, complaints_by_month
from redress.reporting.documents import render_report

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data"
DATA = SHARED / "coventry-adult-1.1"
AS_OF = dt.date(2024, 1, 31)
AGE_BANDS = (16, 25, 35, 50, 65)


@pytest.fixture
def coventry(db):
    call_command("import_representations", str(DATA / "representations.csv"), verbosity=0)
    call_command("import_ombudsman", str(DATA / "ombudsman.csv"), verbosity=0)
    return [annual_report_dataset(year, "adult", AS_OF, age_bands=AGE_BANDS) for year in (2021, 2022)]


def rendered(coventry, format: str) -> bytes:
    return render_report(build_report(coventry[1], age_bands=AGE_BANDS), format)


def cell(n: int, whole: int) -> str:
    return f"{n} ({round(100 * n / whole)}%)" if whole else str(n)


def expected_rows(before: dict, now: dict, read, names=lambda k: k) -> list[list[str]]:
    """The rows of a breakdown for 2020/21 (no records), 2021/22 and 2022/23, with its total."""
    counts = [read(before), read(now)]
    totals = [before["complaints"]["received"], now["complaints"]["received"]]
    keys = list(dict.fromkeys([*counts[1], *counts[0]]))
    keys = [k for k in keys if k != "unknown"] + [k for k in keys if k == "unknown"]
    rows = [
        [
            "Not known" if k == "unknown" else names(k),
            "No data",
            *(cell(c.get(k, 0), t) for c, t in zip(counts, totals)),
        ]
        for k in keys
    ]
    return rows + [["Total", "No data", *(str(t) for t in totals)]]


def outcomes(d):
    return d["complaints"]["outcomes"]


OUTCOME_NAMES = {"upheld": "Upheld", "partially_upheld": "Partially upheld", "not_upheld": "Not upheld",
                 "withdrawn": "Withdrawn", "open": "Still open"}  # fmt: skip


def reference_tables(coventry) -> dict[str, list[list[str]]]:
    """Each table of the published report the data supports, keyed by its first column's heading."""
    before, now = coventry
    prefix = "Adult Services > "
    return {
        # Published: 5/17/21/7/0 of 50 and 10/20/15/19/2 of 66, the same as the data.
        "Outcome": [
            [OUTCOME_NAMES[k], "No data", cell(outcomes(before)[k], 50), cell(outcomes(now)[k], 66)]
            for k in OUTCOME_NAMES
        ]
        + [["Total", "No data", "50", "66"]],
        # Published: Email 34/42, Contact Centre/Form 15/22, Letter 1/2; the data agrees.
        "Method": expected_rows(before, now, lambda d: d["complaints"]["by_method"]),
        "Service area": expected_rows(
            before, now, lambda d: d["complaints"]["by_service_area"], names=lambda k: k.removeprefix(prefix)
        ),
        "Sex": expected_rows(before, now, lambda d: d["complaints"]["equality"]["sex"], names=str.capitalize),
        "Disability": expected_rows(
            before, now, lambda d: d["complaints"]["equality"]["disability"], names=str.capitalize
        ),
    }


def test_the_data_gives_the_published_headline_figures(coventry):
    before, now = coventry
    assert (before["complaints"]["received"], now["complaints"]["received"]) == (50, 66)
    assert [outcomes(now)[k] for k in OUTCOME_NAMES] == [10, 20, 15, 19, 2]
    assert [outcomes(before)[k] for k in OUTCOME_NAMES] == [5, 17, 21, 7, 0]
    assert now["complaints"]["by_method"] == {"Email": 42, "Contact Centre/Form": 22, "Letter": 2}
    assert (before["compliments"]["received"], now["compliments"]["received"]) == (282, 253)
    assert (before["ombudsman"]["received"], now["ombudsman"]["received"]) == (9, 7)
    assert now["complaints"]["equality"]["sex"] == {"female": 31, "male": 28, "unknown": 7}


def test_word_has_each_published_table_with_the_datas_numbers(coventry):
    document = Document(io.BytesIO(rendered(coventry, "docx")))
    tables = {}
    for table in document.tables:  # the first table under each heading: complaints come before compliments
        tables.setdefault(table.rows[0].cells[0].text, [[c.text for c in row.cells] for row in table.rows])
    for heading, rows in reference_tables(coventry).items():
        assert tables[heading][0][1:] == ["2020/21", "2021/22", "2022/23"], heading
        assert tables[heading][1:] == rows, heading
    months = tables["Month"]
    # Compliments each month as published (10, 29, 40, ...); complaints as the data gives them.
    by_month = complaints_by_month(2022, "adult")
    assert [row[2] for row in months[1:13]] == [str(n) for n in coventry[1]["compliments"]["by_month"].values()]
    assert [row[2] for row in months[1:4]] == ["10", "29", "40"]
    assert [row[1] for row in months[1:13]] == [str(n) for n in by_month.values()]
    decisions = {row[0]: row[1:] for row in tables["Decision"]}
    assert decisions["Total"] == ["No data", "9", "7"]  # published: 9 new cases in 2021/22, 7 in 2022/23
    assert decisions["Upheld: fault causing injustice"][-1] == cell(3, 7)  # published: 3 upheld


def test_the_pdf_reads_each_published_table_row_by_row(coventry):
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(rendered(coventry, "pdf"))).pages
    )
    for heading, rows in reference_tables(coventry).items():
        for row in rows:
            assert " ".join(row) in text, (heading, row)
    assert "£12,920.69" in text and "£400.00" in text


def test_the_spreadsheet_holds_each_published_table(coventry):
    book = load_workbook(io.BytesIO(rendered(coventry, "xlsx")))
    found = {}
    for sheet in book:
        rows = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
        for i, row in enumerate(rows):
            if row and row[0] in reference_tables(coventry) and row[1:4] == ["2020/21", "2021/22", "2022/23"]:
                found.setdefault(row[0], [r[:4] for r in rows[i + 1 :] if r and r[0]])
    for heading, rows in reference_tables(coventry).items():
        assert found[heading][: len(rows)] == rows, heading


def test_the_earlier_years_are_counted_in_the_age_bands_chosen(coventry):
    # 2023/24's report sets 2022/23 beside it: its ages must fall in the same bands, not the defaults.
    dataset = annual_report_dataset(2023, "adult", AS_OF, age_bands=AGE_BANDS)
    document = Document(io.BytesIO(render_report(build_report(dataset, age_bands=AGE_BANDS), "docx")))
    ages = next(t for t in document.tables if t.rows[0].cells[0].text == "Age")
    column = {row.cells[0].text: row.cells[2].text for row in ages.rows[1:]}
    expected = expected_rows(coventry[0], coventry[1], lambda d: d["complaints"]["equality"]["age_band"])
    assert column == {row[0]: row[3] for row in expected}
    assert column["16-24"] == "6 (9%)" and column["65+"] == "36 (55%)"
