"""Importing through the staff pages: upload, check, confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.cases.models import Representation
from redress.imports.models import ImportJob

GOOD = b"reference,kind,procedure,received,service_area\nASC-1,complaint,adult,2024-05-01,Adult Services > Reablement\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, content: bytes, name: str = "cases.csv", **extra):
    return client.post("/imports/", {"kind": "representations", "file": SimpleUploadedFile(name, content), **extra})


def test_officer_uploads_checks_and_confirms_an_import(client, officer):
    client.force_login(officer)
    response = upload(client, GOOD)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/imports/{job.pk}/"

    preview = client.get(response.url).content.decode()
    assert "The file is ready to import" in preview
    assert "Complaint: adult" in preview and "Adult Services &gt; Reablement" in preview
    assert not Representation.objects.exists()

    client.post(f"/imports/{job.pk}/confirm/")
    done = client.get(response.url).content.decode()
    assert "Imported" in done
    assert Representation.objects.get().reference == "ASC-1"
    job.refresh_from_db()
    assert job.uploaded_by == officer and job.status == "imported"


def test_a_file_with_errors_shows_each_one_in_a_table_and_cannot_be_confirmed(client, officer):
    client.force_login(officer)
    upload(client, b"kind,received\ncomplaint,2024-05-01\nletter,yesterday\n")
    job = ImportJob.objects.get()
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "The file has 3 errors: nothing was imported" in page
    assert "is required for a complaint" in page and "yesterday" in page
    assert client.post(f"/imports/{job.pk}/confirm/").status_code == 404
    assert not Representation.objects.exists()


def test_a_renamed_text_file_is_refused_with_a_clear_reason(client, officer):
    client.force_login(officer)
    upload(client, GOOD, name="cases.xlsx")
    page = client.get(f"/imports/{ImportJob.objects.get().pk}/").content.decode()
    assert "is not a real Excel workbook" in page


def test_a_file_of_the_wrong_type_is_refused_before_upload(client, officer):
    client.force_login(officer)
    page = upload(client, b"%PDF-1.4", name="cases.pdf").content.decode()
    assert "The file must be a .csv or .xlsx file" in page
    assert not ImportJob.objects.exists()


def test_progress_is_reported_as_json(client, officer):
    client.force_login(officer)
    upload(client, GOOD)
    job = ImportJob.objects.get()
    state = client.get(f"/imports/{job.pk}/progress/").json()
    assert state == {"status": "checked", "running": False, "rows_done": 1, "rows_total": 1, "percent": 100}


def test_investigating_officers_cannot_import(client, investigator):
    client.force_login(investigator)
    assert client.get("/imports/").status_code == 404
    assert upload(client, GOOD).status_code == 404
    assert not ImportJob.objects.exists()


def test_confirming_twice_imports_once(client, officer):
    client.force_login(officer)
    upload(client, GOOD)
    job = ImportJob.objects.get()
    client.post(f"/imports/{job.pk}/confirm/")
    assert client.post(f"/imports/{job.pk}/confirm/").status_code == 404
    assert Representation.objects.count() == 1
