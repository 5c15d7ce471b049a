"""The arithmetic of performance reporting, as plain functions: direction of travel, the
estimated end-of-year figure, and rank, quartile and averages from the national data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import QUARTERS, Commentary, Comparator, Indicator, IndicatorValue, Period

IMPROVING, DECLINING, NO_CHANGE = "improving", "declining", "no_change"
# Always with words: the arrow's shape and colour are never the only sign.
ARROWS = {IMPROVING: "▲ Improving", DECLINING: "▼ Declining", NO_CHANGE: "► No significant change"}
PLACES = Decimal("0.0001")


def arrow(trend: str | None) -> str:
    return ARROWS.get(trend, "Not comparable")


def direction(indicator: Indicator, now: Decimal | None, before: Decimal | None) -> str | None:
    """Improving, declining or no significant change, from the indicator's polarity and its
    threshold; None when either value is missing."""
    if now is None or before is None:
        return None
    change = now - before
    if abs(change) <= indicator.threshold:
        return NO_CHANGE
    return IMPROVING if (change > 0) == indicator.higher_is_better else DECLINING


def estimated_end_of_year(indicator: Indicator, value: Decimal | None, quarter: int) -> Decimal | None:
    """A cumulative indicator's year so far, scaled up to the whole year."""
    if value is None or not indicator.cumulative:
        return None
    return (value * 4 / quarter).quantize(PLACES)


def comparable(indicator: Indicator, value: Decimal | None, quarter: int) -> Decimal | None:
    """What a quarter's value is compared on: the whole-year estimate when it is cumulative."""
    return estimated_end_of_year(indicator, value, quarter) if indicator.cumulative else value


@dataclass
class IndicatorYear:
    """Everything the report and dashboard show for one indicator in one year, up to a quarter."""

    indicator: Indicator
    year: int
    quarter: int
    quarters: dict[int, Decimal | None]
    final: Decimal | None
    earlier_finals: list[Decimal | None]  # two years before, last year
    comparator: Comparator | None  # the latest national comparison, often last year's
    target: Decimal | None
    commentary: str

    @property
    def value(self) -> Decimal | None:
        return self.quarters.get(self.quarter)

    @property
    def estimate(self) -> Decimal | None:
        return estimated_end_of_year(self.indicator, self.value, self.quarter)

    @property
    def previous(self) -> Decimal | None:
        """Last quarter, comparable with this one; for quarter 1, last year's final outturn."""
        if self.quarter == 1:
            return self.earlier_finals[-1]
        return comparable(self.indicator, self.quarters.get(self.quarter - 1), self.quarter - 1)

    @property
    def quarter_trend(self) -> str | None:
        return direction(self.indicator, comparable(self.indicator, self.value, self.quarter), self.previous)

    @property
    def quarter_arrow(self) -> str:
        return arrow(self.quarter_trend)

    @property
    def latest(self) -> Decimal | None:
        """The year's final outturn, or the best estimate of it from the latest quarter with a figure."""
        if self.final is not None:
            return self.final
        for quarter in range(self.quarter, 0, -1):
            if self.quarters.get(quarter) is not None:
                return comparable(self.indicator, self.quarters[quarter], quarter)
        return None

    @property
    def annual_trend(self) -> str | None:
        return direction(self.indicator, self.latest, self.earlier_finals[-1])

    @property
    def annual_arrow(self) -> str:
        return arrow(self.annual_trend)

    def change(self) -> Decimal:
        """How big this quarter's change is, relative to where it started, to rank changes of
        different units against each other."""
        now, before = comparable(self.indicator, self.value, self.quarter), self.previous
        if now is None or before is None:
            return Decimal(0)
        return abs(now - before) / abs(before) if before else abs(now - before)


def indicator_years(year: int, quarter: int, indicators=None) -> list[IndicatorYear]:
    """One IndicatorYear per active indicator, in catalogue order."""
    indicators = list(indicators if indicators is not None else Indicator.objects.filter(active=True))
    values = {
        (v.indicator_id, v.year, v.period): v.value
        for v in IndicatorValue.objects.filter(indicator__in=indicators, year__in=[year - 2, year - 1, year])
    }
    comparators = {}
    for comparator in Comparator.objects.filter(indicator__in=indicators, year__lte=year).order_by("year"):
        comparators.setdefault(comparator.indicator_id, {})[comparator.year] = comparator
    commentaries = dict(
        Commentary.objects.filter(indicator__in=indicators, year=year, quarter=quarter).values_list(
            "indicator_id", "text"
        )
    )
    rows = []
    for indicator in indicators:
        by_year = comparators.get(indicator.pk, {})
        national = [c for c in by_year.values() if any(v is not None for v in (c.peer, c.region, c.england, c.rank))]
        rows.append(
            IndicatorYear(
                indicator=indicator,
                year=year,
                quarter=quarter,
                quarters={n: values.get((indicator.pk, year, p)) for n, p in enumerate(QUARTERS, start=1)},
                final=values.get((indicator.pk, year, Period.FINAL)),
                earlier_finals=[values.get((indicator.pk, y, Period.FINAL)) for y in (year - 2, year - 1)],
                comparator=national[-1] if national else None,
                target=by_year[year].target if year in by_year else None,
                commentary=commentaries.get(indicator.pk, ""),
            )
        )
    return rows
