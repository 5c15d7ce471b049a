"""The annual report as a document: sections of narrative, tables and charts built from the
dataset. Every format renders this one structure, so each number appears as computed once."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list]  # cells are str, int or float; the first column is the row's label
    note: str = ""  # e.g. what a percentage is of, or that small numbers are hidden
    key: str = ""  # short unique name, used for spreadsheet sheet names and anchors
    total: bool = False  # the last row is the total of the rows above it (shown in bold)


@dataclass
class Chart:
    """A chart always sits beside a table holding the same numbers."""

    title: str
    kind: str  # "bar" or "line"
    labels: list[str]
    series: dict[str, list[float]]
    alt: str  # text alternative: what the chart shows, in words


@dataclass
class Section:
    heading: str
    key: str
    blocks: list = field(default_factory=list)  # str paragraphs, Table, Chart, or Subheading
    landscape: bool = False  # printed on landscape pages, for a wide table

    def add(self, *blocks) -> Section:
        self.blocks.extend(blocks)
        return self


@dataclass
class Subheading:
    text: str


@dataclass
class Report:
    title: str
    council: str
    subtitle: str
    period: str
    key_facts: list[tuple[str, str]]
    sections: list[Section]
    publication: bool
    logo_path: str = ""
    notice: str | None = None  # what the cover says about the report instead of the publication status

    @property
    def status(self) -> tuple[str, str]:
        """The cover's line about the version: (the part in bold, the rest)."""
        if self.notice is not None:
            return "", self.notice
        if self.publication:
            return "", "Version for publication. Small counts are hidden so that no one can be identified."
        return "Internal version: not for publication.", "It shows small counts that could identify people."

    @property
    def internal(self) -> bool:
        """Marked "not for publication" on every page."""
        return self.notice is None and not self.publication

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]
