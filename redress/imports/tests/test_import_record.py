"""Every import is recorded: who imported which file, and each case it made says where it came from."""

import datetime as dt
import getpass
import hashlib

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.audit.tests.pages import entry, trail
from redress.cases.models import Representation
from redress.imports.models import ImportJob

pytestmark = pytest.mark.django_db

FILE = (
    b"reference,kind,procedure,received,service_area\n"
    b"ASC-1,complaint,adult,2026-11-02,Adult Services > Reablement\n"
    b"ASC-2,complaint,adult,2026-11-03,Adult Services > Reablement\n"
)
SHA256 = hashlib.sha256(FILE).hexdigest()
# 2 December 2026, 10:00 in London.
NOW = dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(NOW, tick=False):
        yield


def the_import_entry(job: ImportJob) -> LogEntry:
    (logged,) = LogEntry.objects.get_for_object(job)
    return logged


def test_the_import_command_records_the_file_its_rows_and_who_ran_it(client, officer, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(FILE)
    call_command("import_representations", str(path), verbosity=0)

    job = ImportJob.objects.get()
    assert (job.original_name, job.sha256, job.rows_total, job.status) == ("cases.csv", SHA256, 2, "imported")
    assert (job.uploaded_by, job.command_user) == (None, getpass.getuser())
    logged = the_import_entry(job)
    assert logged.actor is None
    assert logged.changes["sha256"] == [None, SHA256] and logged.changes["rows_total"] == [None, 2]
    assert logged.changes["command_user"] == [None, getpass.getuser()]

    client.force_login(officer)
    page = client.get(Representation.objects.get(reference="ASC-2").get_absolute_url()).content.decode()
    origin = trail(page)[-1]
    by = f"{getpass.getuser()} (command line)"
    assert origin["what"] == f"Imported from cases.csv (import {job.pk}) by {by} on 2 December 2026"
    assert origin["who"] == by and origin["when"] == "2 Dec 2026 10:00"
    assert ("Row in the file", "", "3") in origin["changes"]
    assert ("SHA-256 fingerprint", "", SHA256) in origin["changes"]


def test_an_import_through_the_web_records_the_officer_and_the_file(client, officer):
    client.force_login(officer)
    client.post("/imports/", {"kind": "representations", "file": SimpleUploadedFile("cases.csv", FILE)})
    job = ImportJob.objects.get()
    assert not LogEntry.objects.get_for_object(job).exists()  # checking it imports nothing
    client.post(f"/imports/{job.pk}/confirm/")

    job.refresh_from_db()
    assert (job.original_name, job.sha256, job.rows_total, job.uploaded_by) == ("cases.csv", SHA256, 2, officer)
    logged = the_import_entry(job)
    assert logged.actor == officer and logged.changes["original_name"] == [None, "cases.csv"]
    record = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Olivia Okafor" in record and SHA256 in record

    page = client.get(Representation.objects.get(reference="ASC-1").get_absolute_url()).content.decode()
    origin = entry(page, f"Imported from cases.csv (import {job.pk}) by Olivia Okafor on 2 December 2026")
    assert ("Row in the file", "", "2") in origin["changes"]
    assert trail(page)[-1] == origin


def test_a_refused_import_is_recorded_and_a_dry_run_is_not(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(FILE + b"ASC-3,letter,adult,yesterday,\n")
    with pytest.raises(CommandError):
        call_command("import_representations", str(path), "--dry-run", verbosity=0)
    assert not ImportJob.objects.exists() and not LogEntry.objects.exists()

    with pytest.raises(CommandError):
        call_command("import_representations", str(path), verbosity=0)
    job = ImportJob.objects.get()
    assert (job.status, job.rows_total) == ("rejected", 3)
    assert the_import_entry(job).changes["status"] == [None, "rejected"]
    assert not Representation.objects.exists() and not job.cases.exists()


def test_a_case_entered_by_hand_has_no_import_on_its_trail(client, officer, make_case):
    client.force_login(officer)
    page = client.get(make_case().get_absolute_url()).content.decode()
    assert "Imported from" not in page
