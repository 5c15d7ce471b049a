"""Figures the annual report shows beyond the interchange dataset (docs/interchange.md allows a
dataset to hold more): kept beside it so the JSON and every format still show one set of numbers.

Every figure is counted in the database: a handful of grouped queries per year, whatever the
number of cases."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, F, Min, Q, Sum

from redress.cases.models import Representation
from redress.learning.models import OPEN_STATUSES, ActionKind, LearningAction, Level, Status
from redress.ombudsman.figures import decided_between, summarise
from redress.ombudsman.models import OmbudsmanCase
from redress.procedures.models import Procedure

from .counting import by_count, label, money
from .models import ReportNarrative

MAX_EXAMPLES = 5


def supplement(
    year: int,
    procedure: Procedure,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    complaints,
    *,
    received: int,
    local_remedies: dict,
    concerns: list[tuple],
) -> dict:
    """`complaints` are the year's complaints of the procedure, `received` their number,
    `local_remedies` their remedies by type and `concerns` their concerns, as the dataset already
    counted or read them (dataset.concern_rows)."""
    ombudsman = OmbudsmanCase.objects.filter(procedure=procedure)
    return {
        "records_start": _records_start(procedure),
        "concern_subcategories": _concern_subcategories(concerns),
        "local_remedies": local_remedies,
        "ombudsman_decided_in_year": summarise(decided_between(start, end).filter(procedure=procedure)),
        "ombudsman_cases": _ombudsman_cases(ombudsman, start, end),
        "learning": _learning(complaints, as_of),
        "context": _context(year, procedure, received),
    }


def _records_start(procedure: Procedure) -> str | None:
    """The first day anything of this procedure was recorded or imported: a year ending before it
    has no data, which the report says instead of showing zeros."""
    days = [
        Representation.objects.filter(procedure=procedure).aggregate(first=Min("received"))["first"],
        OmbudsmanCase.objects.filter(procedure=procedure).aggregate(first=Min("received"))["first"],
    ]
    days = [d for d in days if d]
    return min(days).isoformat() if days else None


def _concern_subcategories(concerns: list[tuple]) -> dict:
    """Complaints raising each subcategory, once each, under its category; a concern recorded
    with its category only counts under "unknown"."""
    raising: dict[str, dict[str, set]] = {}
    for case, category, subcategory, _ in concerns:
        raising.setdefault(category, {}).setdefault(label(subcategory), set()).add(case)
    return {
        category: by_count(Counter({sub: len(cases) for sub, cases in subs.items()}))
        for category, subs in sorted(raising.items())
    }


def _ombudsman_cases(cases, start: dt.date, end: dt.date) -> list[dict]:
    """The cases received or decided in the year, with the council's own summary (which the
    interchange format says holds no personal data) and the money the Ombudsman asked for."""
    received = Q(received__gte=start, received__lte=end)
    rows = (
        cases.filter(received | Q(decided__gte=start, decided__lte=end))
        .annotate(gbp=Sum("recommendations__amount"))
        .order_by("received", "reference")
        .values("reference", "received", "decided", "decision", "summary", "gbp")
    )
    return [
        {
            "reference": row["reference"],
            "received": row["received"].isoformat(),
            "decided": row["decided"].isoformat() if row["decided"] else None,
            "decision": row["decision"] or "open",
            "summary": row["summary"],
            "remedies_gbp": money(row["gbp"]),
            "received_in_year": start <= row["received"] <= end,
        }
        for row in rows
    ]


def _learning(complaints, as_of: dt.date) -> dict:
    """The year's learning actions, counted in one grouped query (each query over the year's
    complaints costs a pass over them, even when there are no actions)."""
    actions = LearningAction.objects.filter(case__in=complaints)
    groups = list(
        actions.values("level", "kind", "case__service_area__path")
        .annotate(
            actions=Count("pk"),
            completed_on_time=Count("pk", filter=Q(status=Status.COMPLETED, completed__lte=F("due"))),
            completed_late=Count("pk", filter=Q(status=Status.COMPLETED, completed__gt=F("due"))),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due__lt=as_of)),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        )
        .order_by()
    )
    totals = {key: sum(g[key] for g in groups) for key in TOTALS}
    examples = (
        actions.filter(example_approved_by__isnull=False)
        .exclude(you_said="")
        .exclude(we_did="")
        .order_by("due", "pk")
        .values("you_said", "we_did", "case__service_area__path")[:MAX_EXAMPLES]
    )
    return {
        "actions": totals["actions"],
        "by_level": _counted(groups, "level", dict(Level.choices)),
        "by_type": _counted(groups, "kind", dict(ActionKind.choices)),
        "by_service_area": _counted(groups, "case__service_area__path"),
        **{key: totals[key] for key in TOTALS[1:]},
        "examples": [
            {"you_said": e["you_said"], "we_did": e["we_did"], "service_area": label(e["case__service_area__path"])}
            for e in examples
        ],
    }


TOTALS = ("actions", "completed_on_time", "completed_late", "overdue", "open")


def _counted(groups: list[dict], field: str, names: dict | None = None) -> dict:
    """Actions per value of one of the grouped fields, as `count_by` counts them."""
    counts: Counter = Counter()
    for group in groups:
        value = label(group[field])
        counts[(names or {}).get(value, value)] += group["actions"]
    return by_count(counts)


def _context(year: int, procedure: Procedure, received: int) -> dict:
    narrative = ReportNarrative.objects.filter(year=year, procedure=procedure.code).first()
    served = narrative.people_served if narrative else None
    return {
        "people_served": served,
        "children_in_need": narrative.children_in_need if narrative else None,
        "long_term_support": narrative.long_term_support if narrative else None,
        "complaints_per_1000_served": round(1000 * received / served, 1) if served else None,
    }
