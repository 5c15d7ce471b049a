"""Importing spreadsheets: every row or none, and every problem named with its row and column."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from redress.cases.models import Concern, Representation
from redress.cases.workflow import recompute_cases
from redress.configuration.models import Lookup, ServiceArea
from redress.imports.models import ImportKind
from redress.imports.services import run_import
from redress.ombudsman.models import OmbudsmanCase

HEADER = "reference,kind,procedure,received,method,service_area,concerns,outcome,closed"


def write(tmp_path: Path, text: str, name: str = "cases.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def import_file(path, **options):
    return run_import(ImportKind.REPRESENTATIONS, path, **options)


def messages(result) -> list[str]:
    return [str(e) for e in result.errors]


def test_a_good_file_creates_every_row_with_its_concerns_and_new_labels(db, tmp_path):
    path = write(
        tmp_path,
        HEADER + "\n"
        "ASC-1,complaint,adult,2024-05-01,Email,Adult Services > Reablement,"
        "Standard of Service > Delay in receiving service=upheld; Communication,upheld,2024-06-01\n"
        ",compliment,,2024-05-02,Carrier pigeon,Adult Services > Reablement,,,\n",
    )
    result = import_file(path)
    assert result.ok and result.created == {"complaint: adult": 1, "compliment": 1}
    complaint = Representation.objects.get(reference="ASC-1")
    assert complaint.service_area.path == "Adult Services > Reablement"
    assert [(str(c), c.finding) for c in Concern.objects.order_by("pk")] == [
        ("Standard of Service > Delay in receiving service", "upheld"),
        ("Communication", ""),
    ]
    compliment = Representation.objects.get(kind="compliment")
    assert compliment.reference == "CMP-2024-00001"
    assert Lookup.objects.filter(list_name="method", label="Carrier pigeon").exists()
    assert result.new_labels["Methods of receipt"] == ["Carrier pigeon"]


def test_a_dry_run_reports_what_it_would_do_and_changes_nothing(db, tmp_path):
    path = write(tmp_path, HEADER + "\n,complaint,adult,2024-05-01,Pigeon,New Area,,,\n")
    result = import_file(path, dry_run=True)
    assert result.ok and result.created == {"complaint: adult": 1}
    assert result.new_labels == {"Service areas": ["New Area"], "Methods of receipt": ["Pigeon"]}
    assert not Representation.objects.exists()
    assert not ServiceArea.objects.exists() and not Lookup.objects.filter(label="Pigeon").exists()


def test_strict_mode_refuses_labels_the_council_has_not_set_up(db, tmp_path):
    path = write(tmp_path, HEADER + "\n,complaint,adult,2024-05-01,Pigeon,,,,\n")
    result = import_file(path, strict=True)
    assert messages(result) == [
        "row 2, column method ('Pigeon'): is not in the council's methods of receipt (strict mode: add it in Settings first)"
    ]
    assert not Representation.objects.exists()


def test_unknown_and_missing_columns_are_named(db, tmp_path):
    path = write(tmp_path, "reference,kind,recieved,colour\nX,complaint,2024-01-01,red\n")
    result = import_file(path)
    assert messages(result) == [
        "row 1, column recieved, colour: unknown column: check the spelling against the import format",
        "row 1, column received: required column is missing",
    ]
    assert not Representation.objects.exists()


def test_every_bad_row_is_reported_in_one_run_and_nothing_is_imported(db, tmp_path):
    path = write(
        tmp_path,
        HEADER + "\n"
        "A-1,complaint,adult,2024-05-01,,,,,\n"
        "A-2,complaint,adult,01/05/2024,,,,,\n"
        "A-3,complaint,adult,2024-02-30,,,,,\n"
        "A-4,grievance,,2024-05-01,,,,,\n"
        "A-1,complaint,adult,2024-05-03,,,,,\n"
        "A-6,complaint,,2024-05-03,,,,,\n"
        "A-7,complaint,adult,2024-05-03,,,,withdrawn,\n"
        "A-8,complaint,adult,2024-05-03,,,Communication=sort of,,\n",
    )
    result = import_file(path)
    assert messages(result) == [
        "row 3, column received ('01/05/2024'): must be a date written YYYY-MM-DD, for example 2023-04-27",
        "row 4, column received ('2024-02-30'): is not a real date",
        "row 5, column kind ('grievance'): must be one of: comment, complaint, compliment, enquiry, service_request",
        "row 6, column reference ('A-1'): appears twice in the file (first on row 2)",
        "row 7, column procedure: is required for a complaint: adult, children, corporate or ineligible",
        "row 8, column closed: is required when the outcome is withdrawn: the date it was withdrawn",
        "row 9, column concerns ('Communication=sort of'): finding 'sort of' must be upheld, partially_upheld or not_upheld",
    ]
    assert not Representation.objects.exists()


def test_a_reference_already_in_redress_is_refused(db, tmp_path, make_case):
    make_case(reference="ASC-7")
    path = write(tmp_path, HEADER + "\nASC-7,complaint,adult,2024-05-01,,,,,\nASC-8,complaint,adult,2024-05-01,,,,,\n")
    result = import_file(path)
    assert messages(result) == [
        "row 2, column reference ('ASC-7'): is already in Redress: this row may have been imported before"
    ]
    assert Representation.objects.count() == 1


def test_importing_the_same_file_twice_duplicates_nothing(db, tmp_path):
    path = write(tmp_path, HEADER + "\n,compliment,,2024-05-02,,,,,\n")
    assert import_file(path).ok
    again = import_file(path)
    assert not again.ok and "This file was already imported on" in again.errors[0].message
    assert Representation.objects.count() == 1


def test_a_text_file_named_xlsx_is_refused(db, tmp_path):
    path = write(tmp_path, HEADER + "\n,compliment,,2024-05-02,,,,,\n", name="cases.xlsx")
    result = import_file(path)
    assert "is not a real Excel workbook" in result.errors[0].message
    assert not Representation.objects.exists()


def test_a_file_that_is_not_utf8_is_explained(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes((HEADER + "\n,compliment,,2024-05-02,,Caf\xe9 team,,,\n").encode("latin-1"))
    result = import_file(path)
    assert "is not UTF-8 text" in result.errors[0].message and "CSV UTF-8" in result.errors[0].message


def test_an_excel_workbook_imports_like_a_csv(db, tmp_path):
    import datetime as dt

    book = Workbook()
    sheet = book.active
    sheet.append(["kind", "procedure", "received", "remedy_amount", "su_age"])
    sheet.append(["complaint", "children", dt.datetime(2024, 7, 1), 250, 15])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    result = import_file(path)
    assert result.ok, messages(result)
    case = Representation.objects.get()
    assert case.procedure.code == "children" and str(case.remedy_amount) == "250.00" and case.su_age == 15


def test_the_command_prints_errors_and_fails(db, tmp_path, capsys):
    path = write(tmp_path, HEADER + "\nA-1,complaint,adult,2024-13-01,,,,,\n")
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_representations", str(path), verbosity=0)
    assert "row 2, column received ('2024-13-01')" in capsys.readouterr().err


def test_ombudsman_cases_link_to_their_complaints(db, tmp_path, make_case):
    complaint = make_case(reference="ASC-9")
    path = write(
        tmp_path,
        "reference,procedure,complaint_reference,received,decided,decision,remedy_amount,remedy_due,remedy_completed\n"
        "23 001 484,adult,ASC-9,2024-01-05,2024-04-01,upheld_injustice,300.00,2024-05-01,2024-05-03\n"
        "23 001 485,adult,,2024-01-05,2024-04-01,not_upheld,,,\n",
    )
    result = run_import(ImportKind.OMBUDSMAN, path)
    assert result.ok
    case, other = OmbudsmanCase.objects.order_by("reference")
    assert list(case.complaints.all()) == [complaint] and case.upheld
    remedy = case.recommendations.get()
    assert (remedy.kind, str(remedy.amount), remedy.late) == ("payment", "300.00", True)
    assert case.compliance() == "late"
    assert not other.complaints.exists() and not other.recommendations.exists()


def test_ombudsman_rows_with_unknown_complaints_or_decisions_are_refused(db, tmp_path):
    path = write(
        tmp_path,
        "reference,procedure,complaint_reference,received,decided,decision\n"
        "1,adult,NOPE,2024-01-05,,\n"
        "2,adult,,2024-01-05,2024-02-01,partly\n"
        "3,housing,,2024-01-05,,\n",
    )
    result = run_import(ImportKind.OMBUDSMAN, path)
    assert messages(result) == [
        "row 3, column decision ('partly'): must be one of: advice_given, closed_no_further_action, "
        "incomplete_invalid, not_upheld, out_of_jurisdiction, premature, upheld_injustice, upheld_no_injustice, "
        "upheld_remedied",
        "row 4, column procedure ('housing'): must be one of: adult, children, corporate",
        "row 2, column complaint_reference ('NOPE'): is not a complaint in Redress: import the complaints first",
    ]
    assert not OmbudsmanCase.objects.exists()


def test_a_date_after_the_day_of_the_import_is_refused(db, tmp_path):
    path = write(
        tmp_path, HEADER + "\nA-1,complaint,adult,2026-06-16,,,,,\nA-2,complaint,adult,2026-06-01,,,,,2026-06-20\n"
    )
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC), tick=False):
        result = import_file(path)
    assert messages(result) == [
        "row 2, column received ('2026-06-16'): is in the future (after 2026-06-15, the day of the import)",
        "row 3, column closed ('2026-06-20'): is in the future (after 2026-06-15, the day of the import)",
    ]
    assert not Representation.objects.exists()


def test_an_open_complaint_imported_gets_its_deadlines_from_the_workflow(db, tmp_path):
    path = write(
        tmp_path,
        HEADER + "\nA-1,complaint,adult,2026-01-05,,,,,\nA-2,complaint,adult,2026-01-05,,,,not_upheld,2026-01-20\n",
    )
    with time_machine.travel(dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC), tick=False):
        assert import_file(path).ok
    still_open, closed = Representation.objects.get(reference="A-1"), Representation.objects.get(reference="A-2")
    assert (still_open.acknowledgement_due, still_open.due) == (dt.date(2026, 1, 8), dt.date(2026, 2, 2))
    assert closed.due is None


def test_open_complaints_at_any_stage_are_imported_with_the_deadlines_the_workflow_would_save(db, tmp_path):
    path = write(
        tmp_path,
        "reference,kind,procedure,received,acknowledged,stage,stage1_response,stage2_requested,extended_to,closed\n"
        "A-1,complaint,adult,2026-01-05,2026-01-06,,,,2026-01-23,\n"
        "C-1,complaint,children,2026-01-05,2026-01-06,2,2026-01-20,2026-01-22,,\n"
        "K-1,complaint,corporate,2026-01-05,,2,2026-01-12,2026-01-14,,\n"
        "K-2,complaint,corporate,2026-01-05,,,,,,\n",
    )
    with time_machine.travel(dt.datetime(2026, 1, 26, 12, tzinfo=dt.UTC), tick=False):
        assert import_file(path).ok
        cases = Representation.objects.order_by("reference")
        assert all(case.due for case in cases)
        # Working them out again from the saved cases changes nothing.
        assert recompute_cases(Representation.objects.all()) == 0
