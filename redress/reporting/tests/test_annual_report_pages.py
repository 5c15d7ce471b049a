"""The annual report page, its downloads and the text staff write for it."""

import base64
import io
import json
import re
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "coventry-adult-1.1"
QUERY = "year=2022&procedure=adult&as_of_day=31&as_of_month=1&as_of_year=2024&age_bands=16,25,35,50,65"


@pytest.fixture
def coventry(db):
    call_command("import_representations", str(DATA / "representations.csv"), verbosity=0)
    call_command("import_ombudsman", str(DATA / "ombudsman.csv"), verbosity=0)


def test_reporting_user_previews_the_report_with_its_headline_numbers(client, reporter, coventry):
    client.force_login(reporter)
    page = client.get(f"/reports/annual/?{QUERY}").content.decode()
    assert "Adult social care complaints annual report 2022/23" in page
    assert "30 of 66 (45%)" in page  # well-founded, with its denominator
    assert "62 of 64 (97%)" in page  # acknowledged within 3 working days
    assert "Write the report" not in page  # reporting users read, they do not write


def test_the_preview_charts_are_images_described_in_words_and_readable_without_colour(client, reporter, coventry):
    client.force_login(reporter)
    page = lxml.html.fromstring(client.get(f"/reports/annual/?{QUERY}").content)
    figures = page.xpath("//figure[contains(@class, 'redress-report__chart')]")
    assert [f.findtext("figcaption").strip() for f in figures] == [
        "Complaints received by year",
        "Outcomes of complaints",
        "Stage 1 response times",
        "Compliments and complaints each month",
    ]
    charts = {}
    for figure in figures:
        image = figure.find(".//img")
        source = image.get("src").removeprefix("data:image/svg+xml;base64,")
        svg = lxml.etree.fromstring(base64.b64decode(source))
        # An image named by its alt text, which says what the chart shows in numbers.
        assert svg.get("role") == "img" and svg.get("aria-label") == image.get("alt")
        assert svg.findtext("{http://www.w3.org/2000/svg}title") == image.get("alt")
        assert re.match(r"(Bar|Line) chart of .*\d", image.get("alt"))
        charts[figure.findtext("figcaption").strip()] = svg
    # Every bar says its value; a year before the records start says so rather than showing a zero.
    received = figures[0].find(".//img").get("alt")
    words = ["".join(t.itertext()) for t in charts["Complaints received by year"].iter("{*}text")]
    for value in re.findall(r"\d{4}/\d{2}: (\d+|no data)", received):
        assert value in words
    # The two years with records differ by pattern as well as colour, so they read in black and white.
    outcomes = lxml.etree.tostring(charts["Outcomes of complaints"]).decode()
    assert outcomes.count('fill="url(#hatch-1)"') > 1 and "hatch-2" not in outcomes


def test_investigating_officer_cannot_see_reports(client, investigator, coventry):
    client.force_login(investigator)
    assert client.get(f"/reports/annual/?{QUERY}").status_code == 404
    assert client.get(f"/reports/annual/download/pdf/?{QUERY}").status_code == 404


def test_json_download_is_the_dataset(client, officer, coventry):
    client.force_login(officer)
    response = client.get(f"/reports/annual/download/json/?{QUERY}")
    expected = json.loads((DATA / "expected-adult-2022.json").read_text())
    expected.pop("_params")
    assert response["Content-Disposition"] == 'attachment; filename="adult-complaints-annual-report-2022.json"'
    dataset = json.loads(response.content)
    assert "records_start" in dataset.pop("supplement")  # ours, beyond the interchange's keys
    assert dataset == expected


def test_pdf_has_the_headings_and_headline_numbers(client, officer, coventry):
    client.force_login(officer)
    response = client.get(f"/reports/annual/download/pdf/?{QUERY}")
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for heading in ["Key facts", "Outcomes", "Timeliness", "Equality monitoring", "Compliments", "The Ombudsman"]:
        assert heading in text
    assert "30 of 66 (45%)" in text and "12,920.69" in text
    assert pdf.metadata.title == "Adult social care complaints annual report 2022/23"


def test_word_document_has_real_headings_and_tables_with_the_numbers(client, officer, coventry):
    client.force_login(officer)
    response = client.get(f"/reports/annual/download/docx/?{QUERY}")
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Outcomes" in headings and "Timeliness" in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"66", "253", "30 of 66 (45%)"} <= cells


def test_spreadsheet_has_a_sheet_per_table_with_numbers(client, officer, coventry):
    client.force_login(officer)
    response = client.get(f"/reports/annual/download/xlsx/?{QUERY}")
    book = load_workbook(io.BytesIO(response.content))
    assert "Contents" in book.sheetnames and len(book.sheetnames) > 10
    values = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert 66 in values and 253 in values


def test_publication_version_hides_small_counts(client, officer, coventry):
    client.force_login(officer)
    internal = client.get(f"/reports/annual/?{QUERY}").content.decode()
    published = client.get(f"/reports/annual/?{QUERY}&publication=on").content.decode()
    hidden = re.compile(r"<td[^>]*>\s*fewer than 5\s*</td>")
    assert not hidden.search(internal)
    assert hidden.search(published)
    assert "This is the version for publication" in published


def test_officer_writes_the_report_text_and_it_appears_in_the_report(client, officer, coventry):
    client.force_login(officer)
    response = client.post(
        "/reports/annual/2022/adult/text/",
        {
            "introduction": "This report is for the Cabinet Member for Adult Services.",
            "learning": "We now phone every complainant within two days.",
            "general_importance": "",
            "actions": "",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/reports/annual/?{QUERY}").content.decode()
    assert "This report is for the Cabinet Member for Adult Services." in page
    assert "We now phone every complainant within two days." in page


def test_bad_options_are_explained(client, officer, db):
    client.force_login(officer)
    page = client.get("/reports/annual/?year=2022&procedure=adult&bands=40,20").content.decode()
    assert "Response-time bands must be whole numbers above 0, each bigger than the one before" in page


def test_the_ombudsman_section_sets_the_council_beside_its_peers_in_word_and_pdf(client, officer, coventry):
    from redress.ombudsman.models import PeerStatistics

    rows = [("Example Council", 10, 4, 100), ("Solihull Council", 6, 6, 95), ("Walsall Council", 9, 1, None)]
    for council, upheld, not_upheld, compliance in rows:
        PeerStatistics.objects.create(
            year=2022, council=council, region="West Midlands", received=50, upheld=upheld, not_upheld=not_upheld,
            upheld_rate=round(100 * upheld / (upheld + not_upheld)), compliance_rate=compliance,
        )  # fmt: skip
    client.force_login(officer)
    document = Document(io.BytesIO(client.get(f"/reports/annual/download/docx/?{QUERY}").content))
    peers = next(t for t in document.tables if t.rows[0].cells[0].text == "Council")
    assert [[c.text for c in row.cells] for row in peers.rows[1:]] == [
        ["Solihull Council", "12", "6", "50%", "95%"],
        ["Example Council (this council)", "14", "10", "71%", "100%"],
        ["Walsall Council", "10", "9", "90%", "Not given"],
    ]
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(client.get(f"/reports/annual/download/pdf/?{QUERY}").content)).pages
    )
    assert "How we compare with other councils" in text and "Upheld rate of the other councils in West Midlands" in text
    # Without statistics for the year, the table is left out.
    PeerStatistics.objects.update(year=2021)
    document = Document(io.BytesIO(client.get(f"/reports/annual/download/docx/?{QUERY}").content))
    assert not any(t.rows[0].cells[0].text == "Council" for t in document.tables)
