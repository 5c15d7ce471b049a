"""The quarterly performance report in the committee's format, as a Report every format renders:
the summary of key changes since last quarter and against last year, a section per objective
with each measure's commentary and regional comparator, the engagement and user experience
work, and the appendix of every measure in the council's columns."""

from __future__ import annotations

import math
from decimal import Decimal

from redress.configuration.models import Council, financial_year_label
from redress.reporting.document import Report, Section, Subheading, Table

from .calculations import DECLINING, IMPROVING, NO_CHANGE, IndicatorYear, by_objective, indicator_years
from .models import Objective, PerformanceSettings, Period, QuarterlyUpdate

QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}
KINDS = [(IMPROVING, "an improvement", "improved"), (DECLINING, "a decline", "declined")]
WORDS = {kind: word for kind, word, _ in KINDS}
MISSING = "–"


def quarter_period(year: int, quarter: int) -> str:
    months = QUARTER_MONTHS[quarter]
    return f"{months} {year + 1 if quarter == 4 else year}"


def objective_heading(objective: Objective) -> str:
    """The framework numbers its six objectives; the council's own indicators come after them."""
    if objective == Objective.LOCAL:
        return "Local indicators"
    return f"Objective {list(Objective).index(objective) + 1}: {objective.label}"


# Each comparison the summary makes: how a row's trend, its size, and its two ends are found.
class Comparison:
    def __init__(self, rows: list[IndicatorYear], against_last_year: bool):
        self.rows, self.yearly = rows, against_last_year

    def trend(self, row: IndicatorYear) -> str | None:
        return row.annual_trend if self.yearly else row.quarter_trend

    def size(self, row: IndicatorYear) -> Decimal:
        return row.annual_change() if self.yearly else row.change()

    def counts(self) -> dict[str | None, int]:
        counts = {IMPROVING: 0, DECLINING: 0, NO_CHANGE: 0}
        for row in self.rows:
            trend = self.trend(row)
            if trend in counts:
                counts[trend] += 1
        return counts

    def named(self) -> list[IndicatorYear]:
        """The changes to name: the officer's choice, or else the largest of each kind."""
        chosen = [r for r in self.rows if r.highlight and self.trend(r) in (IMPROVING, DECLINING, NO_CHANGE)]
        if any(r.highlight for r in self.rows):
            return chosen
        largest = []
        for kind, _, _ in KINDS:
            moved = [r for r in self.rows if self.trend(r) == kind]
            if moved:
                largest.append(max(moved, key=self.size))
        return largest

    def ends(self, row: IndicatorYear) -> tuple[str, str]:
        """The two values compared, each with when it was: "60.5% in 2022/23"."""
        i, year = row.indicator, row.year
        if self.yearly:
            before = f"{i.show(row.last_year)} in {financial_year_label(year - 1)}"
            if row.final is not None:
                return before, f"{i.show(row.final)} in {financial_year_label(year)}"
            quarter = row.latest_quarter
            estimated = "an estimated " if i.cumulative else ""
            return before, f"{estimated}{i.show(row.latest)} at quarter {quarter} {financial_year_label(year)}"
        estimated = "an estimated " if i.cumulative else ""
        if row.quarter == 1:
            before = f"{i.show(row.previous)} in {financial_year_label(year - 1)}"
        else:
            before = f"{estimated}{i.show(row.previous)} at quarter {row.quarter - 1}"
        if row.quarter == 4 and row.final is not None:
            return before, f"{i.show(row.final)} at the end of {financial_year_label(year)}"
        return before, f"{estimated}{i.show(row.now)} at quarter {row.quarter}"

    def sentence(self, row: IndicatorYear) -> str:
        trend = self.trend(row)
        before, now = self.ends(row)
        if trend == NO_CHANGE:
            words = f"no significant change, {before} and {now}"
        else:
            words = f"{WORDS[trend]} from {before} to {now}"
        return f"{row.indicator.label}: {words} ({row.indicator.name})."

    def paragraphs(self, since: str) -> list:
        counts = self.counts()
        compared = sum(counts.values())
        # Measures made once a year have no quarter to compare, so only the yearly comparison counts them.
        expected = [r for r in self.rows if r.indicator.judged and (self.yearly or not r.indicator.annual)]
        missing = len(expected) - compared
        blocks = [
            f"Of the {compared} measures that can be compared with {since}, {counts[IMPROVING]} improved, "
            f"{counts[DECLINING]} declined and {counts[NO_CHANGE]} showed no significant change."
            + (f" {missing} could not be compared: a figure is missing." if missing else "")
            + ("" if self.yearly else " Measures made once a year are compared with last year only.")
        ]
        named = self.named()
        for kind, _, did in KINDS:
            these = [r for r in named if self.trend(r) == kind]
            if these:
                lead = "The measures named" if any(r.highlight for r in these) else "The most significant"
                blocks.append(f"{lead} that {did}:")
                blocks += [self.sentence(r) for r in these]
        steady = [r for r in named if self.trend(r) == NO_CHANGE]
        if steady:
            blocks.append("The measures named that showed no significant change:")
            blocks += [self.sentence(r) for r in steady]
        return blocks


def since_last_quarter(rows: list[IndicatorYear]) -> Comparison:
    return Comparison(rows, against_last_year=False)


def against_last_year(rows: list[IndicatorYear]) -> Comparison:
    return Comparison(rows, against_last_year=True)


def summary_section(year: int, quarter: int, rows: list[IndicatorYear], update: QuarterlyUpdate | None) -> Section:
    section = Section("Summary of key changes", "summary")
    if update and update.key_changes.strip():
        section.add(*_paragraphs(update.key_changes))
    if quarter == 1:
        since, heading = f"{financial_year_label(year - 1)}'s final outturn", "Since last year's final outturn"
    else:
        since, heading = f"quarter {quarter - 1}", f"Since quarter {quarter - 1}"
    section.add(Subheading(heading), *since_last_quarter(rows).paragraphs(since))
    last = financial_year_label(year - 1)
    section.add(Subheading(f"Against last year ({last})"), *against_last_year(rows).paragraphs(f"{last}"))
    return section


def _paragraphs(text: str) -> list:
    """Typed text as blocks: a line starting ## is a subheading, blank lines end a paragraph."""
    blocks, lines = [], []

    def flush():
        if lines:
            blocks.append(" ".join(lines))
            lines.clear()

    for line in text.splitlines():
        if line.startswith("##"):
            flush()
            blocks.append(Subheading(line.lstrip("#").strip()))
        elif line.strip():
            lines.append(line.strip())
        else:
            flush()
    flush()
    return blocks


def figures_sentence(row: IndicatorYear) -> str:
    """A measure's figures in words, as known at the report's quarter."""
    i, label = row.indicator, financial_year_label(row.year)
    last = f"{financial_year_label(row.year - 1)}: {i.show(row.last_year)}"
    if row.final is not None:
        return f"{label} final outturn: {i.show(row.final)} ({row.annual_arrow} against last year). {last}."
    if i.annual and row.value is None:
        return f"Measured once a year: the {label} figure is not yet known. {last}."
    now = f"Quarter {row.quarter} {label}: {i.show(row.value)}"
    if row.estimate is not None:
        now += f", an estimated end of year of {i.show(row.estimate)}"
    if i.annual:
        return f"{now}. {last}."
    return f"{now} ({row.quarter_arrow} since {'last year' if row.quarter == 1 else 'last quarter'}). {last}."


def regional_sentence(row: IndicatorYear) -> str:
    comparator = row.comparator
    if not comparator or comparator.region is None:
        return ""
    shown = row.indicator.show(comparator.region)
    return f"The regional average for {financial_year_label(comparator.year)} was {shown}."


def objective_sections(rows: list[IndicatorYear]) -> list[Section]:
    sections = []
    for objective, in_objective in by_objective(rows):
        section = Section(objective_heading(objective), f"objective-{objective.value}")
        for row in in_objective:
            regional = regional_sentence(row)
            section.add(
                Subheading(f"{row.indicator.label} {row.indicator.name}"),
                figures_sentence(row),
                *([regional] if regional else []),
                *(_paragraphs(row.commentary) or ["No commentary was written for this quarter."]),
            )
        sections.append(section)
    return sections


def engagement_section(update: QuarterlyUpdate | None) -> Section | None:
    if not update or not update.engagement.strip():
        return None
    return Section("Involvement, engagement and user experience", "engagement").add(*_paragraphs(update.engagement))


# The appendix, in the council's columns.
def appendix_headers(year: int, region: str = "") -> list[str]:
    y2, y1 = financial_year_label(year - 2), financial_year_label(year - 1)
    return [
        "Code",
        "Previous code",
        "Description",
        y2,
        y1,
        f"{financial_year_label(year)} Q1",
        "Q2",
        "Q3",
        "Final",
        "Annual trend",
        "Peer group",
        region or "Region",
        "England",
        f"Rank in England {y2}",
        f"Rank in England {y1}",
        "Quartile",
        "Improvement",
    ]


def _number(value: Decimal | None) -> str:
    if value is None:
        return MISSING
    return f"{int(value):,}" if value == int(value) else f"{value.normalize():,}"


def _value(row: IndicatorYear, value, year: int, period: str) -> str:
    """A value as the appendix prints it, with its count beside it when the measure says so."""
    i = row.indicator
    if isinstance(value, str):
        return value
    shown = i.show(value)
    count = row.counts.get((year, period))
    if i.count_beside and value is not None and count is not None:
        return f"{shown} ({_number(count)})"
    return shown


def final_shown(row: IndicatorYear) -> tuple[Decimal | None, str]:
    """The year's final outturn and the period it is read from; at quarter 4, the quarter's
    figure until the final is entered."""
    if row.final is not None or row.quarter < 4:
        return row.final, Period.FINAL
    return row.quarters.get(4), Period.Q4


def improvement(row: IndicatorYear) -> str:
    """The value that would reach the next quartile; = when already in the top quartile."""
    comparator = row.comparator
    if not comparator:
        return MISSING
    if comparator.quartile == 1:
        return "="
    return row.indicator.show(comparator.next_quartile)


def count_needed(row: IndicatorYear) -> str:
    """The count that matches the next quartile's rate, in proportion to this year's: at most
    that many when lower is better, at least when higher is."""
    comparator, (value, period) = row.comparator, final_shown(row)
    count = row.counts.get((row.year, period))
    if not comparator or comparator.next_quartile is None or not value or count is None:
        return "=" if comparator and comparator.quartile == 1 else MISSING
    needed = comparator.next_quartile * count / value
    return f"{(math.ceil if row.indicator.higher_is_better else math.floor)(needed):,}"


def appendix_rows(row: IndicatorYear) -> list[list]:
    i, c, year = row.indicator, row.comparator, row.year
    quarters = []
    for quarter in (1, 2, 3):
        cell = _value(row, row.shown_quarter(quarter), year, f"q{quarter}")
        estimate = row.estimate_for(quarter) if quarter <= row.quarter else None
        quarters.append(f"{cell}\nestimated end of year {i.show(estimate)}" if estimate is not None else cell)
    final, final_period = final_shown(row)
    rows = [
        [
            i.label,
            "New" if i.previous_code.lower() == "new" else i.previous_code or MISSING,
            i.name,
            *(_value(row, v, y, Period.FINAL) for v, y in zip(row.earlier_finals, (year - 2, year - 1))),
            *quarters,
            # A yearly measure with no figure by the year's end is not available, as its quarters.
            "NA" if final is None and row.quarter == 4 and i.annual else _value(row, final, year, final_period),
            row.annual_arrow if row.annual_trend else MISSING,
            *(i.show(v) for v in ((c.peer, c.region, c.england) if c else (None, None, None))),
            row.rank_shown(year - 2),
            row.rank_shown(year - 1),
            str(c.quartile) if c and c.quartile else MISSING,
            improvement(row),
        ]
    ]
    if i.count_label and not i.count_beside:
        counts = [row.counts.get((y, Period.FINAL)) for y in (year - 2, year - 1)]
        counts += [row.counts.get((year, f"q{q}")) for q in (1, 2, 3)]
        counts.append(row.counts.get((year, final_period)) if final is not None else None)
        blank = [""] * 7
        rows.append(["", "", i.count_label, *map(_number, counts), *blank, count_needed(row)])
    return rows


def appendix_table(year: int, quarter: int, rows: list[IndicatorYear]) -> Table:
    headers = appendix_headers(year, PerformanceSettings.current().region)
    body = []
    for objective, in_objective in by_objective(rows):
        body.append([objective_heading(objective), *[""] * (len(headers) - 1)])
        for row in in_objective:
            body += appendix_rows(row)
    return Table(
        f"Every measure, {financial_year_label(year)} quarter {quarter}",
        headers,
        body,
        note="Accumulating measures show the estimated end of year beneath the year so far: the council's own "
        "estimate when it entered one, otherwise the year so far scaled up to the whole year. Annual trend: the "
        "final outturn, or the latest estimate of it, against last year's. Peer group, region, England, quartile "
        "(1 is the best quarter of councils) and improvement (the value needed to reach the next quartile; = in "
        "the top quartile) come from the latest national data before this year. Rank: 1 is the best, 1= shared. "
        "NA: measured once a year. – means no figure.",
        key="appendix",
    )


def build_performance_report(year: int, quarter: int) -> Report:
    council = Council.current()
    rows = indicator_years(year, quarter)
    update = QuarterlyUpdate.objects.filter(year=year, quarter=quarter).first()
    quarterly, yearly = since_last_quarter(rows).counts(), against_last_year(rows).counts()
    since = "last year's final outturn" if quarter == 1 else "last quarter"
    sections = [summary_section(year, quarter, rows, update), *objective_sections(rows)]
    engagement = engagement_section(update)
    if engagement:
        sections.append(engagement)
    sections.append(
        Section("Appendix: every measure", "appendix", landscape=True).add(appendix_table(year, quarter, rows))
    )
    label = financial_year_label(year)
    return Report(
        title=f"Adult social care performance report: quarter {quarter} {label}",
        council=council.name,
        subtitle=f"Report to the Cabinet Member for Adult Social Care. {quarter_period(year, quarter)}.",
        period=f"Q{quarter} {label}",
        key_facts=[
            (f"Improved since {since}", str(quarterly[IMPROVING])),
            (f"Declined since {since}", str(quarterly[DECLINING])),
            (f"Improved against {financial_year_label(year - 1)}", str(yearly[IMPROVING])),
            (f"Declined against {financial_year_label(year - 1)}", str(yearly[DECLINING])),
        ],
        sections=sections,
        publication=True,
        logo_path=council.logo.path if council.logo else "",
        notice="Against the Adult Social Care Outcomes Framework and the council's local indicators.",
    )
