"""What every format shows the same way: how a cell reads, which columns hold numbers, the logo."""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

from ..document import Table

# Cells that read as a number even when written as text: "£120.00", "68%", "45 of 66 (68%)",
# "29 (62%)", a dash for nothing to show, a year with no data, or a count hidden in the version
# for publication. Blank cells (a subcategory's empty findings) do not make a column text.
NUMBER_LIKE = re.compile(
    r"£?-?\d[\d,]*(\.\d+)?%?( of [\d,]+)?( \(\d+%\))?|[–-]|No data|fewer than \d+|", flags=re.IGNORECASE
)
IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}


def text(value) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,}"


def heading(value) -> str:
    """A column heading whose last short word ("Reached stage 2", "Upheld at stage 1") never goes
    onto a line of its own: it is tied to the word before with a no-break space."""
    return re.sub(r" (\S{1,3})$", "\u00a0\\1", str(value))


PROSE = 50  # characters: longer cells are sentences, not labels


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def numeric_columns(table: Table) -> list[bool]:
    """Which columns to right-align: all cells number-like, at least one a real number, an amount
    or a year with no data (so a year's column lines up with the years beside it). The first
    column always holds the row's label."""
    columns = []
    for i in range(len(table.headers)):
        cells = [row[i] for row in table.rows if i < len(row)]
        columns.append(
            i > 0
            and bool(cells)
            and all(is_number(c) or NUMBER_LIKE.fullmatch(str(c)) for c in cells)
            and any(is_number(c) or str(c)[:1].isdigit() or str(c)[:1] == "£" or str(c) == "No data" for c in cells)
        )
    return columns


def prose_columns(table: Table) -> list[bool]:
    """Columns of sentences, such as a measure's description in a wide appendix: given room of
    their own, so they do not shrink to a word a line beside columns of numbers."""
    return [
        i > 0 and any(len(str(row[i])) > PROSE for row in table.rows if i < len(row)) for i in range(len(table.headers))
    ]


def logo(path: str) -> tuple[bytes, str] | None:
    """The council's logo file and its media type, or None when there is no readable image."""
    if not path:
        return None
    media_type = mimetypes.guess_type(path)[0]
    if media_type not in IMAGE_TYPES:
        return None
    try:
        return Path(path).read_bytes(), media_type
    except OSError:
        return None


def data_uri(content: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode()}"
