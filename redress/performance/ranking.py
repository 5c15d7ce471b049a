"""Where the council stands among all councils for one measure of the national data: rank,
quartile, the value that would reach the next quartile, and the England, regional, council type
and peer figures, as plain functions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import GeographyLevel, Indicator

PLACES = Decimal("0.0001")


@dataclass
class Place:
    """A value's place among the councils' values: 1 is the best."""

    rank: int | None
    tied: bool
    ranked: int | None
    quartile: int | None
    next_quartile: Decimal | None


@dataclass
class National:
    """The council's place among all councils for one measure in the national data."""

    council_value: Decimal | None
    england: Decimal | None
    region: Decimal | None
    council_type: Decimal | None
    peer: Decimal | None
    place: Place


def pooled(rows, multiplier: int) -> Decimal | None:
    """Numerators over denominators when every row has both, as the national figures are
    worked out; otherwise the average of the values."""
    if not rows:
        return None
    if all(r.numerator is not None and r.denominator for r in rows):
        total = sum(r.denominator for r in rows)
        return (sum(r.numerator for r in rows) / total * multiplier).quantize(PLACES)
    return mean([r.value for r in rows])


def mean(values) -> Decimal | None:
    values = list(values)
    return (sum(values) / len(values)).quantize(PLACES) if values else None


def rank_of(value: Decimal, values: list[Decimal], higher_is_better: bool) -> int:
    """1 for the best; councils with the same value share the better rank (1, 2, 2, 4)."""
    better = sum(1 for v in values if (v > value if higher_is_better else v < value))
    return better + 1


def quartile_of(rank: int, ranked: int) -> int:
    """1 for the best quarter of councils, by rank: the smallest q with rank <= ranked * q / 4."""
    return min(4, -(-4 * rank // ranked))


def lowest_in_quartile(best_first: list[Decimal], quartile: int) -> Decimal | None:
    """The value of the lowest-placed council in a quartile, counting the best as position 1:
    position ranked * quartile / 4, rounded down. A council with this value would share its rank,
    so be in that quartile; any worse value would not. None when no council's rank is that good."""
    position = len(best_first) * quartile // 4
    return best_first[position - 1] if position >= 1 else None


def place(value: Decimal | None, values: list[Decimal], indicator: Indicator) -> Place:
    """Rank, tie, quartile and the value needed to reach the next quartile up, among the
    councils that have a value. A measure shown for context (neither higher nor lower is
    better) is not ranked: there is no best council."""
    if value is None or not indicator.judged or not values:
        return Place(rank=None, tied=False, ranked=len(values) if indicator.judged else None, quartile=None,
                     next_quartile=None)  # fmt: skip
    best_first = sorted(values, reverse=indicator.higher_is_better)
    rank = rank_of(value, best_first, indicator.higher_is_better)
    quartile = quartile_of(rank, len(best_first))
    return Place(
        rank=rank,
        tied=best_first.count(value) > 1,
        ranked=len(best_first),
        quartile=quartile,
        next_quartile=lowest_in_quartile(best_first, quartile - 1) if quartile > 1 else None,
    )


def _named(row, wanted: str) -> bool:
    """A region or council type is known by its code or its name, in any case."""
    wanted = wanted.strip().casefold()
    return bool(wanted) and wanted in (row.geography_code.casefold(), row.geography_name.strip().casefold())


def compare(
    rows, indicator: Indicator, *, council_code: str, peer_codes: list[str], region: str = "", council_type: str = ""
) -> National:
    """Rank, quartile, England, region, council type and peer figures for one measure, from rows
    of the national data (objects with level, geography_code, geography_name, region, value,
    numerator, denominator). England, the region and the council type are taken from their own
    rows when the file has them, as published; otherwise England and the region are worked out
    from the councils' rows. The region is the council's setting, else its row's region."""
    rows = list(rows)
    councils = [r for r in rows if r.level == GeographyLevel.COUNCIL]
    others = [r for r in rows if r.level != GeographyLevel.COUNCIL]
    council = next((r for r in councils if r.geography_code == council_code), None)
    region = region or (council.region if council else "")

    def published(level: str, name: str = "") -> Decimal | None:
        return next((r.value for r in others if r.level == level and (not name or _named(r, name))), None)

    england = published(GeographyLevel.ENGLAND)
    if england is None:
        england = pooled(councils, indicator.multiplier)
    regional = published(GeographyLevel.REGION, region) if region else None
    if regional is None and region:
        regional = pooled([r for r in councils if r.region.casefold() == region.casefold()], indicator.multiplier)
    peers = set(peer_codes) - {council_code}
    return National(
        council_value=council.value if council else None,
        england=england,
        region=regional,
        # Council rows do not say which type each council is, so only a published figure is used.
        council_type=published(GeographyLevel.COUNCIL_TYPE, council_type) if council_type else None,
        peer=mean(r.value for r in councils if r.geography_code in peers),
        place=place(council.value if council else None, [r.value for r in councils], indicator),
    )
