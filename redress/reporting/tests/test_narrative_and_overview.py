"""The report's own words and the year's figures, from the Reports page and from a file given to
the command, and the council-wide overview of every procedure on the page and from the command."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from redress.cases.models import Kind
from redress.configuration.models import Council
from redress.reporting.models import ReportNarrative

QUERY = "year=2025&as_of_day=1&as_of_month=6&as_of_year=2026"
TEXT = {"introduction": "", "general_importance": "", "learning": "", "actions": ""}
OVERVIEW_TITLE = "Complaints and compliments across the council 2025/26"


@pytest.fixture
def cases(make_case):
    for day, procedure in [(3, "adult"), (4, "adult"), (5, "children")]:
        make_case(procedure=procedure, received=dt.date(2025, 6, day))
    make_case(kind=Kind.COMPLIMENT, procedure="adult", received=dt.date(2025, 7, 1))


def narrative_form(client, **figures):
    return client.post("/reports/annual/2025/adult/text/", {**TEXT, **figures})


def test_officer_enters_the_years_figures_with_the_report_text(client, officer, cases):
    client.force_login(officer)
    page = client.get("/reports/annual/2025/adult/text/").content.decode()
    assert "People who received a service" in page and "Children in need" in page

    response = narrative_form(client, people_served="5,200", long_term_support=" 3100 ", children_in_need="")

    assert response.status_code == 302
    narrative = ReportNarrative.objects.get(year=2025, procedure="adult")
    assert (narrative.people_served, narrative.long_term_support, narrative.children_in_need) == (5200, 3100, None)
    dataset = json.loads(client.get(f"/reports/annual/download/json/?{QUERY}&procedure=adult").content)
    assert dataset["supplement"]["context"]["people_served"] == 5200
    assert dataset["supplement"]["context"]["complaints_per_1000_served"] == round(2 / 5200 * 1000, 1)


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"people_served": "about 5000"}, "People who received a service must be a whole number, like 5200"),
        ({"children_in_need": "-4"}, "Children in need must be 0 or more"),
        ({"long_term_support": "12.5"}, "People in long-term support must be a whole number, like 5200"),
        ({"people_served": "99999999999"}, "People who received a service must be 10,000,000 or fewer"),
    ],
)
def test_a_figure_that_is_not_a_whole_number_is_explained(client, officer, figures, message):
    client.force_login(officer)
    response = narrative_form(client, **figures)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "govuk-error-summary" in page
    assert not ReportNarrative.objects.exists()


def test_reporting_user_cannot_write_the_report_text(client, reporter):
    client.force_login(reporter)
    assert narrative_form(client, people_served="10").status_code == 404
    assert not ReportNarrative.objects.exists()


def test_the_page_offers_the_council_wide_overview_and_every_download(client, reporter, cases):
    client.force_login(reporter)
    assert "All procedures: council-wide overview" in client.get("/reports/annual/").content.decode()

    page = client.get(f"/reports/annual/?{QUERY}&procedure=all").content.decode()

    assert OVERVIEW_TITLE in page and "Complaints under each procedure" in page
    assert "Write the report's text" not in page
    for format in ("pdf", "docx", "xlsx", "json"):
        assert f"/reports/annual/download/{format}/?year=2025&amp;procedure=all" in page


def test_the_overview_downloads_in_each_format_with_its_figures(client, reporter, cases):
    client.force_login(reporter)

    def download(format):
        response = client.get(f"/reports/annual/download/{format}/?{QUERY}&procedure=all")
        assert response.status_code == 200
        assert 'filename="council-wide-complaints-overview-2025' in response["Content-Disposition"]
        return response.content

    figures = json.loads(download("json"))
    received = next(t for s in figures["sections"] for t in s["tables"] if t["key"] == "overview-received")
    assert received["rows"][-1][:2] == ["Total", 3]
    assert figures["title"] == OVERVIEW_TITLE
    pdf = PdfReader(io.BytesIO(download("pdf")))
    assert "Complaints under each procedure" in "".join(p.extract_text() for p in pdf.pages)
    headings = [p.text for p in Document(io.BytesIO(download("docx"))).paragraphs if p.style.name == "Heading 1"]
    assert "Complaints under each procedure" in headings
    book = load_workbook(io.BytesIO(download("xlsx")))
    assert book["overview-received"]["A1"].value == received["caption"]


NARRATIVE = """# Introduction
This report is for the Adult Social Care Scrutiny Committee.

It covers every complaint.

# LEARNING AND SERVICE IMPROVEMENTS
We now phone every complainant within two days.
"""


def test_the_command_saves_the_narrative_file_and_prints_it_in_the_report(tmp_path, cases, capsys):
    ReportNarrative.objects.create(year=2025, procedure="adult", actions="Halve stage 2 delays.")
    file = tmp_path / "narrative.md"
    file.write_text(NARRATIVE)
    output = tmp_path / "report.html"

    call_command(
        "annual_report", "--year=2025", "--procedure=adult", "--as-of=2026-06-01", "--format=html",
        f"--narrative={file}", f"--output={output}",
    )  # fmt: skip

    narrative = ReportNarrative.objects.get(year=2025, procedure="adult")
    assert (
        narrative.introduction
        == "This report is for the Adult Social Care Scrutiny Committee.\n\nIt covers every complaint."
    )
    assert narrative.learning == "We now phone every complainant within two days."
    assert narrative.actions == "Halve stage 2 delays."  # a part the file leaves out keeps its text
    html = output.read_text()
    assert "Adult Social Care Scrutiny Committee" in html and "phone every complainant" in html
    assert f"Saved the report text for {narrative} from {file}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Introduction\nHello\n# Our year\nMore", "Line 3: unknown heading '# Our year'. The headings are"),
        ("Hello\n# Introduction\nMore", "Line 1: text before the first heading"),
        ("# Introduction\nA\n# introduction\nB", "Line 3: the heading '# introduction' appears twice"),
        ("Just some words", "Line 1: text before the first heading"),
        ("", "The narrative file has no headings"),
    ],
)
def test_a_narrative_file_the_command_cannot_place_is_explained(tmp_path, db, text, message):
    file = tmp_path / "narrative.md"
    file.write_text(text)
    with pytest.raises(CommandError, match=message) as error:
        call_command("annual_report", "--year=2025", "--procedure=adult", f"--narrative={file}")
    for heading in ("Introduction", "Matters of general importance", "Actions planned for next year"):
        assert heading in str(error.value) or "twice" in message
    assert not ReportNarrative.objects.exists()


def test_a_missing_narrative_file_is_named(tmp_path, db):
    with pytest.raises(CommandError, match="Cannot read the narrative file .*missing.md"):
        call_command("annual_report", "--year=2025", "--procedure=adult", f"--narrative={tmp_path / 'missing.md'}")


def test_the_command_warns_when_the_council_has_no_name_and_says_where_to_set_it(db, capsys):
    call_command("annual_report", "--year=2025", "--procedure=adult", "--as-of=2026-06-01")
    assert "council's name is not set" in capsys.readouterr().err
    council = Council.current()
    council.name = "Barsetshire County Council"
    council.save()
    call_command("annual_report", "--year=2025", "--procedure=adult", "--as-of=2026-06-01")
    assert "not set" not in capsys.readouterr().err


def test_the_command_writes_the_council_wide_overview(tmp_path, cases, capsys):
    call_command("annual_report", "--year=2025", "--procedure=all", "--as-of=2026-06-01")
    figures = json.loads(capsys.readouterr().out)
    assert figures["title"] == OVERVIEW_TITLE
    output = tmp_path / "overview.docx"
    call_command(
        "annual_report", "--year=2025", "--procedure=all", "--as-of=2026-06-01", "--format=docx", f"--output={output}"
    )
    assert OVERVIEW_TITLE in [p.text for p in Document(output).paragraphs]


def test_the_overview_has_no_narrative(tmp_path, db):
    file = tmp_path / "narrative.md"
    file.write_text(NARRATIVE)
    with pytest.raises(CommandError, match="--narrative needs one procedure"):
        call_command("annual_report", "--year=2025", "--procedure=all", f"--narrative={file}")
