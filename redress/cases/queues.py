"""The dashboard's work queues: each has a name for the case list's filter, so a count on the
dashboard and the list it links to come from the same query."""

import datetime as dt

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
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


def queue_counts(cases: RepresentationQuerySet, today: dt.date, scopes: list[str], user) -> dict[str, dict]:
    """For each scope, how many of these cases are in each queue and the open complaints at each
    stage, each a filtered count over the open cases (every queue holds only open ones). A
    person's own cases are few and have their own index, so they are counted on their own; the
    team's and everything else in one pass, grouped by whether a case is in the team."""
    counts = {name: Count("pk", filter=condition(name, today)) for name in QUEUES}
    counts |= {f"stage{n}": Count("pk", filter=WorkQueue.in_progress() & Q(stage=n)) for n in STAGES}
    found = {}
    if "mine" in scopes:
        found["mine"] = [scoped(cases, "mine", user).open().aggregate(**counts)]
    wider = [scope for scope in scopes if scope != "mine"]
    if wider:
        within = {
            f"in_{scope}": ExpressionWrapper(scope_condition(scope, user), output_field=BooleanField())
            for scope in wider
            if scope
        }
        open_cases = cases.open()
        if within:
            groups = list(open_cases.annotate(**within).values(*within).annotate(**counts).order_by())
        else:
            groups = [open_cases.aggregate(**counts)]
        for scope in wider:
            found[scope] = [group for group in groups if not scope or group[f"in_{scope}"]]

    def total(scope: str, key: str) -> int:
        return sum(group[key] for group in found[scope])

    return {
        scope: {
            "queues": [(name, label, total(scope, name)) for name, label in QUEUES.items()],
            "by_stage": [(n, total(scope, f"stage{n}")) for n in STAGES if total(scope, f"stage{n}")],
        }
        for scope in scopes
    }


def scope_condition(scope: str, user) -> Q:
    """Mine: allocated to the user. Team: in the service areas the user manages. Else everything."""
    from redress.configuration.models import ServiceArea

    if scope == "mine":
        return Q(investigating_officer=user)
    if scope == "team":
        return Q(service_area__in=ServiceArea.objects.managed_by(user))
    return Q()


def scoped(cases: RepresentationQuerySet, scope: str, user) -> RepresentationQuerySet:
    return cases.filter(scope_condition(scope, user))
