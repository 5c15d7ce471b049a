"""The dashboard's work queues: each has a name for the case list's filter, so a count on the
dashboard and the list it links to come from the same query."""

import datetime as dt

from django.utils import timezone

from .models import RepresentationQuerySet

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


def queue(cases: RepresentationQuerySet, name: str, today: dt.date | None = None) -> RepresentationQuerySet:
    today = today or timezone.localdate()
    if name == "overdue":
        return cases.overdue(today)
    if name == "due-this-week":
        return cases.due_between(today, week(today)[1])
    if name == "awaiting-triage":
        return cases.awaiting_triage()
    if name == "awaiting-acknowledgement":
        return cases.awaiting_acknowledgement()
    if name == "awaiting-allocation":
        return cases.awaiting_allocation()
    if name == "paused":
        return cases.paused()
    return cases.in_progress()


def scoped(cases: RepresentationQuerySet, scope: str, user) -> RepresentationQuerySet:
    """Mine: allocated to the user. Team: in the service areas the user manages."""
    from redress.configuration.models import ServiceArea

    if scope == "mine":
        return cases.filter(investigating_officer=user)
    if scope == "team":
        return cases.filter(service_area__in=ServiceArea.objects.managed_by(user))
    return cases
