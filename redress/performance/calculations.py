"""The arithmetic of performance reporting, as plain functions: direction of travel, the
estimated end-of-year figure, and what a quarter's report and dashboard show of a measure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from redress.configuration.models import financial_year_label

from .models import QUARTERS, Commentary, Comparator, Indicator, IndicatorValue, Objective, Period

IMPROVING, DECLINING, NO_CHANGE, NOT_JUDGED = "improving", "declining", "no_change", "not_judged"
# Always with words: the arrow's shape and colour are never the only sign.
ARROWS = {
    IMPROVING: "↑ Improving",
    DECLINING: "↓ Declining",
    NO_CHANGE: "↔ No significant change",
    NOT_JUDGED: "Not judged",
}
PLACES = Decimal("0.0001")
NA = "NA"


def arrow(trend: str | None) -> str:
    return ARROWS.get(trend, "Not comparable")


def direction(indicator: Indicator, now: Decimal | None, before: Decimal | None) -> str | None:
    """Improving, declining or no significant change, from the indicator's polarity and its
    threshold; not judged for a measure shown for context; None when either value is missing."""
    if not indicator.judged:
        return NOT_JUDGED
    if now is None or before is None:
        return None
    change = now - before
    if abs(change) <= indicator.threshold:
        return NO_CHANGE
    return IMPROVING if (change > 0) == indicator.higher_is_better else DECLINING


def estimated_end_of_year(
    indicator: Indicator, value: Decimal | None, quarter: int, own: Decimal | None = None
) -> Decimal | None:
    """An accumulating measure's whole year: the council's own estimate when it entered one,
    else the year so far scaled up. A snapshot or a yearly measure has none."""
    if not indicator.cumulative or indicator.annual:
        return None
    if own is not None:
        return own
    if value is None:
        return None
    return (value * 4 / quarter).quantize(PLACES)


@dataclass
class IndicatorYear:
    """Everything the report and dashboard show for one indicator in one year, as it was known
    at the end of a quarter: no later quarter, no final before quarter 4, and national
    comparisons only from earlier years."""

    indicator: Indicator
    year: int
    quarter: int
    quarters: dict[int, Decimal | None]
    final: Decimal | None
    earlier_finals: list[Decimal | None]  # two years before, last year
    comparator: Comparator | None  # the latest national comparison before this year
    target: Decimal | None
    commentary: str
    estimates: dict[int, Decimal | None] = field(default_factory=dict)  # the council's own
    highlight: bool = False  # the officer chose to name it in the summary of key changes
    comparators: dict[int, Comparator] = field(default_factory=dict)  # earlier years, by year
    counts: dict[tuple[int, str], Decimal | None] = field(default_factory=dict)  # numerators known

    @property
    def value(self) -> Decimal | None:
        return self.quarters.get(self.quarter)

    def estimate_for(self, quarter: int) -> Decimal | None:
        return estimated_end_of_year(self.indicator, self.quarters.get(quarter), quarter, self.estimates.get(quarter))

    @property
    def estimate(self) -> Decimal | None:
        """The estimated end of year printed beneath the quarter's figure; at quarter 4 the year
        has ended, so there is nothing left to estimate."""
        return self.estimate_for(self.quarter) if self.quarter < 4 else None

    def shown_quarter(self, quarter: int) -> Decimal | str | None:
        """A quarter's figure as printed: NA for a yearly measure unless the council repeated the
        last survey's figure; None for a quarter not known at this report's quarter."""
        value = self.quarters.get(quarter)
        if self.indicator.annual and value is None:
            return NA
        return value

    def comparable(self, quarter: int) -> Decimal | None:
        """What a quarter is compared on: the estimated whole year for an accumulating measure,
        the figure itself for a snapshot; a yearly measure has no quarter to compare."""
        if self.indicator.annual:
            return None
        if self.indicator.cumulative:
            return self.estimate_for(quarter)
        return self.quarters.get(quarter)

    @property
    def now(self) -> Decimal | None:
        """This quarter on the comparable footing; at quarter 4 the final outturn when entered."""
        if self.quarter == 4 and self.final is not None and not self.indicator.annual:
            return self.final
        return self.comparable(self.quarter)

    @property
    def previous(self) -> Decimal | None:
        """Last quarter, comparable with this one; for quarter 1, last year's final outturn."""
        if self.indicator.annual:
            return None
        if self.quarter == 1:
            return self.earlier_finals[-1]
        return self.comparable(self.quarter - 1)

    @property
    def quarter_trend(self) -> str | None:
        if self.indicator.annual and self.indicator.judged:
            return None
        return direction(self.indicator, self.now, self.previous)

    @property
    def quarter_arrow(self) -> str:
        return arrow(self.quarter_trend)

    @property
    def latest_quarter(self) -> int | None:
        """The latest quarter up to this one with a figure."""
        return next((q for q in range(self.quarter, 0, -1) if self.quarters.get(q) is not None), None)

    @property
    def latest(self) -> Decimal | None:
        """The year's final outturn, or the best estimate of it from the latest quarter with a figure."""
        if self.final is not None:
            return self.final
        quarter = self.latest_quarter
        return self.comparable(quarter) if quarter else None

    @property
    def last_year(self) -> Decimal | None:
        return self.earlier_finals[-1]

    @property
    def annual_trend(self) -> str | None:
        return direction(self.indicator, self.latest, self.last_year)

    @property
    def annual_arrow(self) -> str:
        return arrow(self.annual_trend)

    def change(self) -> Decimal:
        """How big this quarter's change is, relative to where it started, to rank changes of
        different units against each other."""
        return _relative(self.now, self.previous)

    def annual_change(self) -> Decimal:
        return _relative(self.latest, self.last_year)

    def chart_points(self) -> list[tuple[str, Decimal | None]]:
        """The points of the chart over time: the two earlier years' finals, then the quarters of
        a snapshot, the estimated whole year at each quarter of an accumulating measure (never
        the year so far beside whole years), or a yearly measure's final once known."""
        points = [(financial_year_label(y), v) for y, v in zip((self.year - 2, self.year - 1), self.earlier_finals)]
        if self.indicator.annual:
            if self.final is not None:
                points.append((financial_year_label(self.year), self.final))
        elif self.indicator.cumulative:
            points += [(f"Q{q} (estimated end of year)", self.estimate_for(q)) for q in (1, 2, 3, 4)]
        else:
            points += [(f"Q{q}", self.quarters.get(q)) for q in (1, 2, 3, 4)]
        return points

    def rank_shown(self, year: int) -> str:
        """England rank for a year as the appendix prints it: 12, 1= when shared, N/A when none."""
        comparator = self.comparators.get(year)
        if not comparator or not comparator.rank:
            return "N/A"
        return f"{comparator.rank}{'=' if comparator.rank_tied else ''}"


def _relative(now: Decimal | None, before: Decimal | None) -> Decimal:
    if now is None or before is None:
        return Decimal(0)
    return abs(now - before) / abs(before) if before else abs(now - before)


def by_objective(rows: list[IndicatorYear]) -> list[tuple[Objective, list[IndicatorYear]]]:
    """The rows under each objective that has any, in the framework's order."""
    grouped = [(objective, [r for r in rows if r.indicator.objective == objective]) for objective in Objective]
    return [(objective, in_objective) for objective, in_objective in grouped if in_objective]


def indicator_years(year: int, quarter: int, indicators=None) -> list[IndicatorYear]:
    """One IndicatorYear per active indicator, in catalogue order, as known at the quarter."""
    indicators = list(indicators if indicators is not None else Indicator.objects.filter(active=True))
    known = [p for n, p in enumerate(QUARTERS, start=1) if n <= quarter] + ([Period.FINAL] if quarter == 4 else [])
    values: dict[int, dict[tuple[int, str], IndicatorValue]] = {}
    for v in IndicatorValue.objects.filter(indicator__in=indicators, year__in=[year - 2, year - 1, year]):
        if v.year < year or v.period in known:
            values.setdefault(v.indicator_id, {})[(v.year, v.period)] = v
    comparators: dict[int, dict[int, Comparator]] = {}
    for comparator in Comparator.objects.filter(indicator__in=indicators, year__lte=year).order_by("year"):
        comparators.setdefault(comparator.indicator_id, {})[comparator.year] = comparator
    commentaries = {
        c.indicator_id: c for c in Commentary.objects.filter(indicator__in=indicators, year=year, quarter=quarter)
    }
    rows = []
    for indicator in indicators:
        by_year = comparators.get(indicator.pk, {})
        # A national comparison for this year is published after the year: a quarter's report
        # never knew it, so only earlier years count.
        earlier = {y: c for y, c in by_year.items() if y < year}
        national = [c for c in earlier.values() if any(v is not None for v in (c.peer, c.region, c.england, c.rank))]
        mine = values.get(indicator.pk, {})

        def figure(y, period, name="value", mine=mine):
            held = mine.get((y, period))
            return getattr(held, name) if held else None

        commentary = commentaries.get(indicator.pk)
        rows.append(
            IndicatorYear(
                indicator=indicator,
                year=year,
                quarter=quarter,
                quarters={n: figure(year, p) for n, p in enumerate(QUARTERS, start=1)},
                final=figure(year, Period.FINAL),
                earlier_finals=[figure(y, Period.FINAL) for y in (year - 2, year - 1)],
                comparator=national[-1] if national else None,
                target=by_year[year].target if year in by_year else None,
                commentary=commentary.text if commentary else "",
                estimates={n: figure(year, p, "estimate") for n, p in enumerate(QUARTERS, start=1)},
                highlight=bool(commentary and commentary.highlight),
                comparators=earlier,
                counts={key: v.numerator for key, v in mine.items()},
            )
        )
    return rows
