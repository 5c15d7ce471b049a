"""A report's tables as JSON: the figures of a report that has no dataset of its own, such as
the council-wide overview, which sets each procedure's dataset side by side."""

from __future__ import annotations

from ..document import Report, Table


def report_figures(report: Report) -> dict:
    return {
        "title": report.title,
        "council": report.council,
        "period": report.period,
        "publication": report.publication,
        "key_facts": dict(report.key_facts),
        "sections": [
            {
                "heading": section.heading,
                "tables": [_table(block) for block in section.blocks if isinstance(block, Table)],
            }
            for section in report.sections
        ],
    }


def _table(table: Table) -> dict:
    return {
        "key": table.key,
        "caption": table.caption,
        "headers": table.headers,
        "rows": table.rows,
        "note": table.note,
    }
