"""The quarterly performance report in the committee's format, as a Report every format renders:
the summary of key changes, a section per objective, and the appendix table of every indicator."""

from __future__ import annotations

from redress.configuration.models import Council, financial_year_label
from redress.reporting.document import Report, Section, Subheading, Table

from .calculations import DECLINING, IMPROVING, NO_CHANGE, IndicatorYear, indicator_years
from .models import Objective

QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}
APPENDIX_HEADERS = [
    "Indicator",
    "Better",
    "{y2}",
    "{y1}",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Final {y}",
    "Annual trend",
    "Peer",
    "Region",
    "England",
    "Rank",
    "Quartile",
    "Target",
]


def quarter_period(year: int, quarter: int) -> str:
    months = QUARTER_MONTHS[quarter]
    return f"{months} {year + 1 if quarter == 4 else year}"


def summary(rows: list[IndicatorYear]) -> tuple[dict[str, int], IndicatorYear | None, IndicatorYear | None]:
    """How many indicators improved, declined or stayed the same since last quarter, and the
    most significant improvement and decline."""
    counts = {IMPROVING: 0, DECLINING: 0, NO_CHANGE: 0, None: 0}
    for row in rows:
        counts[row.quarter_trend] += 1
    best = max((r for r in rows if r.quarter_trend == IMPROVING), key=IndicatorYear.change, default=None)
    worst = max((r for r in rows if r.quarter_trend == DECLINING), key=IndicatorYear.change, default=None)
    return counts, best, worst


def _movement(row: IndicatorYear, word: str) -> str:
    i = row.indicator
    before = "last year's final outturn" if row.quarter == 1 else "last quarter"
    shown = row.estimate if i.cumulative else row.value
    if i.cumulative and row.quarter > 1:
        now, then = f"an estimated end of year of {i.show(shown)}", f"an estimate of {i.show(row.previous)} {before}"
    else:
        now, then = i.show(shown), f"{i.show(row.previous)} {before}"
    return f"The most significant {word} was {i.code}, {i.name.lower()}: {now}, from {then}."


def _comparison_note(row: IndicatorYear) -> str:
    comparator = row.comparator
    if not comparator:
        return ""
    return f" (comparators for {financial_year_label(comparator.year)})"


def indicator_table(row: IndicatorYear) -> Table:
    i, comparator = row.indicator, row.comparator
    label = f"Quarter {row.quarter}"
    rows = [[f"{label} {financial_year_label(row.year)}", i.show(row.value)]]
    if i.cumulative:
        rows.append(["Estimated end of year", i.show(row.estimate)])
    rows += [
        ["Since last quarter" if row.quarter > 1 else "Since last year's final outturn", row.quarter_arrow],
        [f"Final outturn {financial_year_label(row.year - 1)}", i.show(row.earlier_finals[-1])],
        ["Target", i.show(row.target)],
    ]
    if comparator:
        rows += [
            [f"Peer group average{_comparison_note(row)}", i.show(comparator.peer)],
            [f"Region{_comparison_note(row)}", i.show(comparator.region)],
            [f"England{_comparison_note(row)}", i.show(comparator.england)],
        ]
        if comparator.rank:
            rows.append(
                [
                    f"Rank in England{_comparison_note(row)}",
                    f"{comparator.rank} of {comparator.ranked}, quartile {comparator.quartile}",
                ]
            )
    return Table(f"{i.code} {i.name}", ["Measure", "Value"], rows, key=f"indicator-{i.code}")


def appendix_row(row: IndicatorYear) -> list:
    i, c = row.indicator, row.comparator
    return [
        f"{i.code} {i.name}",
        "Higher" if i.higher_is_better else "Lower",
        *(i.show(v) for v in row.earlier_finals),
        *(i.show(row.quarters[q]) for q in (1, 2, 3, 4)),
        i.show(row.final),
        row.annual_arrow,
        *(i.show(v) for v in ((c.peer, c.region, c.england) if c else (None, None, None))),
        str(c.rank) if c and c.rank else "–",
        str(c.quartile) if c and c.quartile else "–",
        i.show(row.target),
    ]


def appendix_headers(year: int) -> list[str]:
    labels = {
        "y2": financial_year_label(year - 2),
        "y1": financial_year_label(year - 1),
        "y": financial_year_label(year),
    }
    return [h.format(**labels) for h in APPENDIX_HEADERS]


def build_performance_report(year: int, quarter: int) -> Report:
    council = Council.current()
    rows = indicator_years(year, quarter)
    counts, best, worst = summary(rows)
    compared = len(rows) - counts[None]
    key_changes = Section("Summary of key changes", "summary").add(
        f"Of the {compared} indicators that can be compared with last quarter, {counts[IMPROVING]} improved, "
        f"{counts[DECLINING]} declined and {counts[NO_CHANGE]} showed no significant change."
        + (f" {counts[None]} could not be compared: a value is missing." if counts[None] else ""),
        *([_movement(best, "improvement")] if best else []),
        *([_movement(worst, "decline")] if worst else []),
    )
    sections = [key_changes]
    for objective in Objective:
        in_objective = [r for r in rows if r.indicator.objective == objective]
        if not in_objective:
            continue
        section = Section(objective.label, f"objective-{objective.value}")
        for row in in_objective:
            section.add(
                Subheading(f"{row.indicator.code} {row.indicator.name}"),
                *([row.indicator.description] if row.indicator.description else []),
                indicator_table(row),
                row.commentary or "No commentary was written for this quarter.",
            )
        sections.append(section)
    sections.append(
        Section("Appendix: every indicator", "appendix", landscape=True).add(
            Table(
                f"Every indicator, {financial_year_label(year)} quarter {quarter}",
                appendix_headers(year),
                [appendix_row(r) for r in rows],
                note="Annual trend: the final outturn, or the latest estimate of it, against last year's. Peer, "
                "region, England, rank (1 is the best) and quartile (1 is the best quarter of councils) come from "
                "the latest national data. – means no figure.",
                key="appendix",
            )
        )
    )
    label = financial_year_label(year)
    return Report(
        title=f"Adult social care performance report: quarter {quarter} {label}",
        council=council.name,
        subtitle=f"Report to the Cabinet Member for Adult Social Care. {quarter_period(year, quarter)}.",
        period=f"Q{quarter} {label}",
        key_facts=[
            ("Indicators improved since last quarter", str(counts[IMPROVING])),
            ("Indicators declined since last quarter", str(counts[DECLINING])),
            ("No significant change", str(counts[NO_CHANGE])),
            ("Not comparable", str(counts[None])),
        ],
        sections=sections,
        publication=True,
        logo_path=council.logo.path if council.logo else "",
        notice="Against the Adult Social Care Outcomes Framework and the council's local indicators.",
    )
