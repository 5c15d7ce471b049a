"""Where the council stands among all councils for one measure of the national data: rank,
quartile, the value that would reach the next quartile, and the England, regional and peer
figures, as plain functions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import Indicator

PLACES = Decimal("0.0001")


@dataclass
class National:
    """The council's place among all councils for one measure in the national data."""

    council_value: Decimal | None
    england: Decimal | None
    region: Decimal | None
    peer: Decimal | None
    rank: int | None
    ranked: int
    quartile: int | None


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


def compare(rows, council_code: str, peer_codes: list[str], indicator: Indicator) -> National:
    """Rank, quartile, England, region and peer figures for one measure, from rows of the
    national data (objects with geography_code, region, value, numerator, denominator)."""
    rows = list(rows)
    council = next((r for r in rows if r.geography_code == council_code), None)
    values = [r.value for r in rows]
    rank = rank_of(council.value, values, indicator.higher_is_better) if council else None
    region = [r for r in rows if council and council.region and r.region == council.region]
    peers = [r for r in rows if r.geography_code in set(peer_codes) and r.geography_code != council_code]
    return National(
        council_value=council.value if council else None,
        england=pooled(rows, indicator.multiplier),
        region=pooled(region, indicator.multiplier),
        peer=mean(r.value for r in peers),
        rank=rank,
        ranked=len(rows),
        quartile=quartile_of(rank, len(rows)) if rank else None,
    )
