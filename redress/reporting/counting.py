"""How the annual report's figures count labels and write money, shared by the dataset and its
supplement so both order, name and round alike."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.db.models import Count

UNKNOWN = "unknown"


def label(value) -> str:
    """A blank label counts as "unknown" (docs/interchange.md, section 4)."""
    return UNKNOWN if value in (None, "") else value


def by_count(counts: Counter) -> dict:
    """Largest first, "unknown" last, only labels counted at least once."""
    return dict(sorted(((k, n) for k, n in counts.items() if n), key=lambda i: (i[0] == UNKNOWN, -i[1], str(i[0]))))


def count_by(queryset, field: str, names: dict | None = None) -> dict:
    """Rows per value of a field, blank as "unknown", each value shown by its name in `names`."""
    counts: Counter = Counter()
    for row in queryset.values(field).annotate(n=Count("pk")).order_by():
        value = label(row[field])
        counts[(names or {}).get(value, value)] += row["n"]
    return by_count(counts)


def money(amount: Decimal | None) -> str:
    return str((amount or Decimal("0")).quantize(Decimal("0.01")))
