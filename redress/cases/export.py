"""The case list as a spreadsheet: the cases an officer has found, one to a row."""

from __future__ import annotations

import io

from auditlog.models import LogEntry
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from redress.reporting.renderers.xlsx import put

from .models import Representation
from .workflow import acknowledgement, rag

DATE = "d mmm yyyy"
# (heading, width, what the cell holds): the columns a complaints officer keeps in their own tracker.
COLUMNS = [
    ("Reference", 18, lambda case: case.reference),
    ("Kind and route", 24, lambda case: case.route),
    ("Received", 12, lambda case: case.received),
    ("Stage", 7, lambda case: case.stage if case.is_complaint else ""),
    ("Status", 10, lambda case: case.status),
    ("Acknowledgement due", 14, lambda case: _acknowledgement_due(case)),
    ("Response due", 12, lambda case: case.due),
    ("Timeliness", 11, lambda case: rag(case).capitalize()),
    ("Investigating officer", 22, lambda case: _name(case.investigating_officer)),
    ("Complainant", 22, lambda case: str(case.complainant) if case.complainant_id else ""),
    ("Person the case is about", 22, lambda case: str(case.service_user) if case.service_user_id else ""),
    ("Service area", 24, lambda case: case.service_area.path if case.service_area_id else ""),
    ("Closed", 12, lambda case: case.closed),
]


def _acknowledgement_due(case: Representation):
    state, day = acknowledgement(case)
    return day if state == "due" else ""


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def case_list_workbook(cases, title: str) -> bytes:
    """The cases as a workbook whose every cell goes through `put`, so that nothing typed into a
    case (a name beginning "=", say) runs as a formula when the file is opened."""
    book = Workbook()
    book.properties.title = title
    book.properties.language = "en-GB"
    sheet = book.active
    sheet.title = "Cases"
    for column, (heading, width, _) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column)
        put(cell, heading)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row, case in enumerate(cases, start=2):
        for column, (_, _, value_of) in enumerate(COLUMNS, start=1):
            value = value_of(case)
            put(sheet.cell(row=row, column=column), value, DATE if hasattr(value, "year") else "General")
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def record_export(user, references: list[str], filters: str) -> None:
    """One audit entry, on the account of the person who downloaded the list: when, with which
    filters, and which cases left Redress in it."""
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.ACCESS,
        actor=user,
        changes={"case list downloaded": [None, f"{len(references)} cases"]},
        additional_data={"export": "case list", "filters": filters, "cases": references},
        timestamp=timezone.now(),
        force_log=True,
    )
