"""A complaints officer imports last year's spreadsheet and downloads the annual report."""

import io
import json
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "coventry-adult-1.1"


def test_officer_imports_a_spreadsheet_then_downloads_the_report_in_every_format(journey, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = journey.page
    journey.sign_in("olivia")

    journey.click("link", "Import")
    page.get_by_label("Representations").check()
    page.get_by_label("Upload a file").set_input_files(str(DATA / "representations.csv"))
    journey.click("button", "Upload and check")
    expect(page.get_by_role("heading", name="The file is ready to import")).to_be_visible()
    expect(page.get_by_role("table", name="What will be created")).to_contain_text("116")
    journey.click("button", "Import 689 rows")
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()

    journey.click("link", "Reports")
    page.get_by_label("Financial year").select_option("2022/23")
    page.get_by_label("Adult social care").check()
    as_of = page.get_by_role("group", name="Read the data as at")
    as_of.get_by_label("Day").fill("31")
    as_of.get_by_label("Month").fill("1")
    as_of.get_by_label("Year").fill("2024")
    journey.click("button", "Show the report")
    expect(page.get_by_role("heading", name="Adult social care complaints annual report 2022/23")).to_be_visible()

    downloads = {}
    for name in ["PDF", "Word", "Spreadsheet", "JSON data"]:
        with page.expect_download() as info:
            page.get_by_role("link", name=f"{name} of the").click()
        download = info.value
        downloads[Path(download.suggested_filename).suffix] = Path(download.path()).read_bytes()

    assert set(downloads) == {".pdf", ".docx", ".xlsx", ".json"}
    assert json.loads(downloads[".json"])["complaints"]["received"] == 66
    assert "Outcomes" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(downloads[".pdf"])).pages)
    assert any(p.text == "Timeliness" for p in Document(io.BytesIO(downloads[".docx"])).paragraphs)
    assert "Contents" in load_workbook(io.BytesIO(downloads[".xlsx"])).sheetnames

    # The team's weekly and monthly reports are accessible pages too.
    journey.goto("/reports/team/weekly/")
    journey.goto("/reports/team/monthly/")
    journey.goto("/dashboard/")
