"""The report's tables as a spreadsheet, laid out as the Government Analysis Function advises
for releasing statistics: a contents sheet, then one table to a sheet, each a marked-up Excel
table with its title in A1 and numbers stored as numbers."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table as SheetTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.writer.excel import ExcelWriter

from ..document import Report, Table
from .common import numeric_columns

HEADER_ROW = 3
BOLD = Font(name="Calibri", size=11, bold=True)  # the workbook's own font, in bold
RULE = Border(bottom=Side(style="medium"))
RIGHT = Alignment(horizontal="right")
NUMBER = r"-?\d[\d,]*(?:\.\d+)?"
MONEY = re.compile(f"£({NUMBER})")
PERCENT = re.compile(f"({NUMBER})%")
TEXT = "@"
# What Excel, LibreOffice or Google Sheets may take as the start of a formula, as OWASP lists
# for CSV injection: a tab or carriage return before one is dropped on the way in.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_xlsx(report: Report) -> bytes:
    book = Workbook()
    book.properties.title = report.title
    book.properties.subject = report.subtitle
    book.properties.creator = book.properties.lastModifiedBy = report.council
    book.properties.language = "en-GB"

    contents = book.active
    contents.title = "Contents"
    put(contents["A1"], report.title)
    contents["A1"].font = Font(name="Calibri", size=14, bold=True)
    put(contents["A2"], f"{report.council}. {report.subtitle}.")
    put(contents["A3"], " ".join(filter(None, report.status)))
    for column, heading in enumerate(["Sheet", "Table", "Section"], start=1):
        cell = contents.cell(row=5, column=column)
        put(cell, heading)
        cell.font, cell.border = BOLD, RULE

    tables = [(section, block) for section in report.sections for block in section.blocks if isinstance(block, Table)]
    names = sheet_names([table for _, table in tables])
    for row, (name, (section, table)) in enumerate(zip(names, tables), start=6):
        link = contents.cell(row=row, column=1)
        put(link, name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote_sheetname(name)}!A1")
        link.style = "Hyperlink"
        put(contents.cell(row=row, column=2), table.caption)
        put(contents.cell(row=row, column=3), section.heading)
        _sheet(book.create_sheet(name), table, number=row - 5)
    _widths(
        contents,
        [["Sheet", *names], ["Table", *(t.caption for _, t in tables)], ["Section", *(s.heading for s, _ in tables)]],
    )

    return workbook_bytes(book)


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer (as its version 3.1 writes a sheet), except that each sheet is written in
    memory: openpyxl writes every sheet to a temporary file before zipping it, and for a report
    of thirty small sheets making, reading and removing those files cost as much again as writing
    the sheets. Never used for a write-only workbook, which keeps its own files."""

    def write_worksheet(self, ws):
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts, ws._drawing.images = ws._charts, ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as an .xlsx file, as Workbook.save writes it."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        book.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
        _InMemoryWriter(book, archive).write_data()
    return output.getvalue()


def sheet_names(tables: list[Table]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    used, names = {"contents", "history"}, []
    for table in tables:
        base = re.sub(r"[\[\]:*?/\\]", " ", table.key or table.caption).strip(" '")[:31] or "Table"
        name, n = base, 2
        while name.lower() in used:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(name.lower())
        names.append(name)
    return names


def _sheet(sheet, table: Table, number: int) -> None:
    put(sheet["A1"], table.caption)
    sheet["A1"].font = Font(name="Calibri", size=12, bold=True)
    numeric = numeric_columns(table)
    for column, heading in enumerate(table.headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column)
        put(cell, str(heading))
        cell.font, cell.border = BOLD, RULE
        cell.alignment = Alignment(
            wrap_text=True, vertical="bottom", horizontal="right" if numeric[column - 1] else None
        )
    for r, values in enumerate(table.rows, start=HEADER_ROW + 1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            put(cell, *(cell_value(value) if c > 1 else (str(value), TEXT)))
            if numeric[c - 1]:
                cell.alignment = RIGHT
    last_row = HEADER_ROW + len(table.rows)
    if table.note:
        put(sheet.cell(row=last_row + 2, column=1), table.note)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    headers = [str(h) for h in table.headers]
    # A marked-up table lets screen readers announce headers and lets people sort and filter;
    # Excel refuses one whose headers repeat.
    if table.rows and len(set(headers)) == len(headers) and all(headers):
        ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{last_row}"
        marked = SheetTable(displayName=f"Table{number}", ref=ref)
        marked.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
        sheet.add_table(marked)
    _widths(sheet, [[h, *(row[i] for row in table.rows if i < len(row))] for i, h in enumerate(headers)])


def put(cell, value, number_format: str = "General") -> None:
    """Write a value that stays what it is: text is stored as text in Text format ('No data'
    among numbers included). Every spreadsheet Redress writes goes through here, so text that a
    spreadsheet would take as a formula (FORMULA_STARTS) is stored as a string and quote-prefixed,
    as if typed after an apostrophe: opening a report, or editing such a cell, never runs
    anything someone typed into a name, a label or a case."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        number_format = TEXT
        if value[:1] in FORMULA_STARTS:
            cell.quotePrefix = True
    cell.number_format = number_format


def cell_value(value) -> tuple[object, str]:
    """A number stays a number, and so does an amount or a percentage written as text, with a
    format that shows it as written; anything else ('45 of 66 (68%)', 'fewer than 5') is text."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return str(value), TEXT
    if not isinstance(value, str):
        return value, "#,##0" if isinstance(value, int) else "#,##0.0##"
    if match := MONEY.fullmatch(value):
        return float(match[1].replace(",", "")), '"£"#,##0.00'
    if match := PERCENT.fullmatch(value):
        return float(match[1].replace(",", "")) / 100, "0.0%" if "." in value else "0%"
    if re.fullmatch(NUMBER, value):
        number = float(value.replace(",", ""))
        return (int(number), "#,##0") if number.is_integer() and "." not in value else (number, "#,##0.0##")
    return value, TEXT


def _widths(sheet, columns: list[list]) -> None:
    for i, cells in enumerate(columns, start=1):
        header, *values = cells
        longest = max([len(str(v)) for v in values] + [min(len(str(header)), 24)])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 10), 60)
