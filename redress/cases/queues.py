"""The dashboard's work queues: each has a name for the case list's filter, so a count on the
dashboard and the list it links to come from the same query."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from .models import RepresentationQuerySet, WorkQueue

QUEUES = {
    "overdue": "Overdue",
    "due-this-week": "Due this week",
    "awaiting-triage": "Waiting to be triaged",
    "awaiting-acknowledgement": "Waiting for acknowledgement",
    "awaiting-allocation": "Waiting for an investigating officer",
    "paused": "Clock paused",
    "in-progress": "All open complaints",
}


def week(today: dt.date) -> tuple[dt.date, dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def condition(name: str, today: dt.date | None = None) -> Q:
    """What puts an open case in the named queue (any other name: every open complaint)."""
    today = today or timezone.localdate()
    if name == "overdue":
        return WorkQueue.overdue(today)
    if name == "due-this-week":
        return WorkQueue.due_between(today, week(today)[1])
    if name == "awaiting-triage":
        return WorkQueue.triage()
    if name == "awaiting-acknowledgement":
        return WorkQueue.acknowledgement()
    if name == "awaiting-allocation":
        return WorkQueue.allocation()
    if name == "paused":
        return WorkQueue.paused()
    return WorkQueue.in_progress()


def queue(cases: RepresentationQuerySet, name: str, today: dt.date | None = None) -> RepresentationQuerySet:
    return cases.filter(condition(name, today))


STAGES = (1, 2, 3)


def queue_counts(cases: RepresentationQuerySet, today: dt.date) -> dict:
    """How many of these cases are in each queue, and the open complaints at each stage, in one
    query over the open cases (every queue holds only open ones) rather than one a queue."""
    found = cases.open().aggregate(
        **{name: Count("pk", filter=condition(name, today)) for name in QUEUES},
        **{f"stage{n}": Count("pk", filter=WorkQueue.in_progress() & Q(stage=n)) for n in STAGES},
    )
    return {
        "queues": [(name, label, found[name]) for name, label in QUEUES.items()],
        "by_stage": [(n, found[f"stage{n}"]) for n in STAGES if found[f"stage{n}"]],
    }


def scoped(cases: RepresentationQuerySet, scope: str, user) -> RepresentationQuerySet:
    """Mine: allocated to the user. Team: in the service areas the user manages."""
    from redress.configuration.models import ServiceArea

    if scope == "mine":
        return cases.filter(investigating_officer=user)
    if scope == "team":
        return cases.filter(service_area__in=ServiceArea.objects.managed_by(user))
    return cases
