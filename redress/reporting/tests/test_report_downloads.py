"""A large year's report documents are built by the worker: the download link leads to a page
that shows the build's progress, then gives the file to the person who asked for it."""

import datetime as dt
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from redress.reporting.models import DownloadStatus, ReportDownload

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "coventry-adult-1.1"
QUERY = "year=2022&procedure=adult&as_of_day=31&as_of_month=1&as_of_year=2024&age_bands=16,25,35,50,65"


@pytest.fixture
def coventry(db):
    call_command("import_representations", str(DATA / "representations.csv"), verbosity=0)
    call_command("import_ombudsman", str(DATA / "ombudsman.csv"), verbosity=0)


@pytest.fixture
def large(settings):
    """The Coventry year's 66 complaints count as a large report."""
    settings.REPORT_BUILT_WHILE_YOU_WAIT = 10


@pytest.fixture
def queued(settings, transactional_db):
    """Tasks wait in the database for the worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("worker", "--batch", "--no-reload", "--no-startup-delay", stdout=io.StringIO())


def ask(client, format):
    response = client.get(f"/reports/annual/download/{format}/?{QUERY}")
    assert response.status_code == 302
    return response.url


def test_a_large_report_is_queued_built_by_the_worker_and_downloaded_when_ready(
    client, officer, coventry, large, queued
):
    client.force_login(officer)
    page = ask(client, "pdf")
    waiting = client.get(page).content.decode()
    assert "Waiting to start" in waiting and 'http-equiv="refresh"' in waiting  # refreshes itself, without JavaScript
    assert "Download" not in waiting

    run_worker()
    ready = client.get(page).content.decode()
    assert "Ready to download" in ready and 'http-equiv="refresh"' not in ready
    download = ReportDownload.objects.get()
    assert download.status == DownloadStatus.READY
    response = client.get(f"{page}file/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="adult-complaints-annual-report-2022-internal.pdf"'
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages)
    assert "30 of 66 (45%)" in text and "12,920.69" in text

    trail = LogEntry.objects.get_for_object(download)  # asked for, each step, and downloaded
    assert trail.get(action=LogEntry.Action.CREATE).actor == officer
    assert trail.get(action=LogEntry.Action.ACCESS).actor == officer
    assert trail.filter(action=LogEntry.Action.UPDATE).count() == 4  # three steps, then ready


def test_the_page_says_which_step_the_build_is_at(client, officer, coventry, large, queued):
    client.force_login(officer)
    page = ask(client, "pdf")
    ReportDownload.objects.update(status=DownloadStatus.BUILDING, step=2)
    assert "Step 2 of 3: setting them beside the two years before." in client.get(page).content.decode()


def test_asking_again_while_it_is_built_gives_the_same_download(client, officer, coventry, large, queued):
    client.force_login(officer)
    assert ask(client, "docx") == ask(client, "docx")
    assert ReportDownload.objects.count() == 1
    assert ask(client, "xlsx") != ask(client, "docx")


def test_word_and_spreadsheet_built_by_the_worker_open_with_the_numbers(client, officer, coventry, large):
    client.force_login(officer)
    word = client.get(f"{ask(client, 'docx')}file/")
    cells = {
        c.text for t in Document(io.BytesIO(b"".join(word.streaming_content))).tables for r in t.rows for c in r.cells
    }
    assert {"66", "253", "30 of 66 (45%)"} <= cells
    sheet = client.get(f"{ask(client, 'xlsx')}file/")
    book = load_workbook(io.BytesIO(b"".join(sheet.streaming_content)))
    assert 66 in [cell for s in book for row in s.iter_rows(values_only=True) for cell in row]


def test_a_small_report_and_the_json_are_given_at_once(client, officer, coventry):
    client.force_login(officer)
    assert client.get(f"/reports/annual/download/pdf/?{QUERY}")["Content-Type"] == "application/pdf"
    assert client.get(f"/reports/annual/download/json/?{QUERY}")["Content-Type"] == "application/json"
    assert not ReportDownload.objects.exists()


def test_the_report_page_says_large_documents_are_prepared_in_the_background(client, officer, coventry, large):
    client.force_login(officer)
    page = client.get(f"/reports/annual/?{QUERY}").content.decode()
    assert "prepared in the background" in page


def test_only_the_person_who_asked_may_see_or_fetch_it(client, officer, make_user, coventry, large):
    client.force_login(officer)
    page = ask(client, "pdf")
    client.force_login(make_user("ada", "administrator"))
    assert client.get(page).status_code == 404
    assert client.get(f"{page}file/").status_code == 404


def test_a_failed_build_says_so(client, officer, coventry, large, monkeypatch):
    def broken(report, format):
        raise RuntimeError("the fonts are missing")

    monkeypatch.setattr("redress.reporting.downloads.render_report", broken)
    client.force_login(officer)
    page = ask(client, "pdf")
    shown = client.get(page).content.decode()
    assert "The report could not be prepared" in shown and "try again" in shown
    assert "fonts" not in shown
    assert client.get(f"{page}file/").status_code == 404
    assert ReportDownload.objects.get().status == DownloadStatus.FAILED


def test_an_expired_download_is_gone_and_cleared_away(client, officer, coventry, large):
    client.force_login(officer)
    page = ask(client, "pdf")
    download = ReportDownload.objects.get()
    ReportDownload.objects.update(created=timezone.now() - dt.timedelta(days=2))
    assert client.get(page).status_code == 404
    path = Path(download.file.path)
    assert path.exists()
    assert ReportDownload.clear_expired() == 1
    assert not path.exists() and not ReportDownload.objects.exists()


@pytest.mark.parametrize("address", ["/reports/annual/prepared/999/", "/reports/annual/prepared/999/file/"])
def test_an_unknown_download_is_not_found(client, officer, address):
    client.force_login(officer)
    assert client.get(address).status_code == 404
