"""Reading an uploaded CSV or XLSX file one row at a time, so large files are never held whole."""

from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .values import BadValue

ZIP_MAGIC = b"PK\x03\x04"


class ImportFileError(Exception):
    """The file as a whole cannot be read: nothing in it was imported."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        shown = f" ({self.value!r})" if self.value else ""
        return f"{where}{shown}: {self.message}"


class FileProblems(Exception):
    """What is wrong with a file, each a sentence for the person who sent it; nothing was kept."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def tidy_name(header: str, aliases: dict[str, str]) -> str:
    """'Upheld rate (%)' -> 'upheld_rate', then the name Redress uses where a publisher's differs."""
    name = re.sub(r"[^a-z0-9]+", "_", header.lower()).strip("_")
    return aliases.get(name, name)


def named_columns(
    table: Table, *, known: list[str], required: list[str], aliases: dict[str, str], ignored=frozenset()
) -> dict[str, str]:
    """Each heading of the file with the name Redress knows it by, or FileProblems naming every
    unknown and missing column, so a misspelt column is never silently dropped."""
    names = {header: tidy_name(header, aliases) for header in table.columns}
    problems = []
    unknown = [header for header, name in names.items() if name not in known and name not in ignored]
    if unknown:
        problems.append(
            f"The file has columns Redress does not know: {', '.join(unknown)}. Expected: {', '.join(known)}"
        )
    missing = [column for column in required if column not in names.values()]
    if missing:
        problems.append(f"The file has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''}")
    if problems:
        raise FileProblems(problems)
    return names


@contextmanager
def uploaded_table(upload) -> Iterator[Table]:
    """An uploaded file as a Table, read from a temporary copy that is removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        with open(path, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        yield Table(path, name=upload.name)


class Table:
    """The header and rows of the first sheet of an XLSX file, or of a UTF-8 CSV file."""

    def __init__(self, path: Path | str, name: str | None = None):
        self.path = Path(path)
        self.name = name or self.path.name
        with open(self.path, "rb") as handle:
            start = handle.read(8192)
        self.is_xlsx = start.startswith(ZIP_MAGIC)
        if not start.strip():
            raise ImportFileError("The file is empty.")
        if not self.is_xlsx:
            if self.name.lower().endswith((".xlsx", ".xlsm")):
                raise ImportFileError(
                    f"{self.name} is not a real Excel workbook: it may be a text file renamed to "
                    ".xlsx. Save it from Excel as .xlsx, or as CSV UTF-8."
                )
            if b"\0" in start:
                raise ImportFileError(
                    f"{self.name} is not a CSV or XLSX file. Save it as CSV UTF-8 or as an Excel workbook."
                )
        self.columns = self._header()

    def _header(self) -> list[str]:
        for _, cells in self._raw_rows():
            return [(c or "").strip() for c in cells]
        raise ImportFileError("The file has no header row.")

    def _raw_rows(self) -> Iterator[tuple[int, list[str]]]:
        if self.is_xlsx:
            yield from self._xlsx_rows()
        else:
            yield from self._csv_rows()

    def _csv_rows(self) -> Iterator[tuple[int, list[str]]]:
        try:
            with open(self.path, encoding="utf-8-sig", newline="") as handle:
                yield from enumerate(csv.reader(handle), start=1)
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"{self.name} is not UTF-8 text (a byte at position {error.start} cannot be read). "
                "In Excel choose Save as, then CSV UTF-8."
            ) from None
        except csv.Error as error:
            raise ImportFileError(f"{self.name} is not a well-formed CSV file: {error}.") from None

    def _xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except (BadZipFile, InvalidFileException, KeyError, OSError) as error:
            raise ImportFileError(f"{self.name} is not a readable Excel workbook: {error}.") from None
        try:
            sheet = workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_cell_text(v) for v in values]
        finally:
            workbook.close()

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number as the spreadsheet shows it, {column: text}); blank rows skipped."""
        width = len(self.columns)
        rows = self._raw_rows()
        next(rows)  # the header
        for number, cells in rows:
            if not any(c.strip() for c in cells if c):
                continue
            cells = (cells + [""] * width)[:width] if len(cells) != width else cells
            yield number, {column: (cell or "").strip() for column, cell in zip(self.columns, cells)}

    def estimated_rows(self) -> int:
        """Roughly how many data rows there are, cheaply, for a progress bar."""
        if self.is_xlsx:
            try:
                workbook = load_workbook(self.path, read_only=True)
                rows = workbook.worksheets[0].max_row or 0
                workbook.close()
                return max(rows - 1, 0)
            except Exception:  # noqa: BLE001 - only an estimate
                return 0
        lines = 0
        with open(self.path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                lines += block.count(b"\n")
        return max(lines - 1, 0)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class RowCheck:
    """Reads the cells of one row, reporting each bad one and remembering that the row failed."""

    def __init__(self, number: int, row: dict[str, str], report):
        self.number, self.row, self.report, self.failed = number, row, report, False

    def cell(self, column: str, parse, *args):
        text = self.row.get(column, "")
        if not text:
            # A blank cell is no value, whatever the column (checked once, not by every parser).
            return None
        try:
            return parse(text, *args)
        except BadValue as error:
            self.fail(column, str(error))
            return None

    def fail(self, column: str, message: str) -> None:
        self.report(RowError(self.number, column, self.row.get(column, ""), message))
        self.failed = True
