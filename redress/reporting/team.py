"""The complaints team's own reports: the weekly progress report and the monthly scorecard.

Each is built as a report document, so the screen and the spreadsheet show the same tables."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db.models import Count, Q

from redress.cases.models import Kind, Outcome, Representation
from redress.cases.queues import week
from redress.cases.workflow import stage1_on_time
from redress.configuration.models import Council
from redress.learning.models import LearningAction
from redress.procedures.calendar import current_calendar

from .document import Report, Section, Table


def _count_of(cases) -> Count:
    """Counts the rows that are among `cases`, so a column uses a work queue's own filter."""
    return Count("pk", filter=Q(pk__in=cases.values("pk")))


def weekly_progress(today: dt.date, user) -> Report:
    """Open complaints by stage and status, what is due this week and what is overdue, per area.
    The statuses are the dashboard's work queues, so the two always agree.

    Scoped like the case list: a manager's report counts and lists only the cases they can
    open. Read-only reporting users see the council's numbers, never a case."""
    monday, sunday = week(today)
    lists_cases = user.can_open_cases
    open_cases = (Representation.objects.visible_to(user) if lists_cases else Representation.objects).in_progress()
    by_area = (
        open_cases.values("service_area__path")
        .annotate(
            open=Count("pk"),
            stage1=Count("pk", filter=Q(stage=1)),
            stage2=Count("pk", filter=Q(stage=2)),
            stage3=Count("pk", filter=Q(stage=3)),
            due_this_week=_count_of(open_cases.due_between(today, sunday)),
            overdue=_count_of(open_cases.overdue(today)),
            paused=_count_of(open_cases.paused()),
            unallocated=_count_of(open_cases.awaiting_allocation()),
        )
        .order_by("service_area__path")
    )
    columns = ["open", "stage1", "stage2", "stage3", "due_this_week", "overdue", "paused", "unallocated"]
    rows = [[r["service_area__path"] or "Not recorded", *(r[c] for c in columns)] for r in by_area]
    totals = ["All service areas", *(sum(r[i + 1] for r in rows) for i in range(len(columns)))]
    section = Section("Open complaints", "open").add(
        Table(
            f"Open complaints on {today:%-d %B %Y}, by service area",
            [
                "Service area",
                "Open",
                "Stage 1",
                "Stage 2",
                "Stage 3",
                f"Due by {sunday:%-d %b}",
                "Overdue",
                "Clock paused",
                "Not allocated",
            ],
            rows + [totals],
            key="open-by-area",
        )
    )
    if lists_cases:
        section.add(
            Table(
                "Overdue complaints",
                ["Reference", "Procedure", "Stage", "Was due", "Investigating officer", "Service area"],
                _overdue_rows(open_cases, today),
                key="overdue",
            )
        )
    scope = "" if user.sees_all_cases or not lists_cases else ": the complaints you can open"
    return Report(
        title=f"Weekly progress report, week of {monday:%-d %B %Y}",
        council=Council.current().name,
        subtitle=f"{monday:%-d %B} to {sunday:%-d %B %Y}{scope}",
        period=f"{monday:%Y-%m-%d}",
        key_facts=[("Open complaints", str(totals[1])), ("Due this week", str(totals[5])), ("Overdue", str(totals[6]))],
        sections=[section],
        publication=False,
    )


def _overdue_rows(open_cases, today: dt.date) -> list[list]:
    return [
        [
            c.reference,
            c.procedure.name if c.procedure else "",
            c.stage,
            f"{c.due:%-d %b %Y}",
            str(c.investigating_officer or "Not allocated"),
            c.service_area.path if c.service_area else "",
        ]
        for c in open_cases.overdue(today)
        .select_related("procedure", "investigating_officer", "service_area")
        .order_by("due")
    ]


def monthly_scorecard(year: int, month: int) -> Report:
    """Received, closed, timeliness, outcomes and learning actions for one month."""
    start = dt.date(year, month, 1)
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    cal = current_calendar()
    complaints = Representation.objects.filter(kind=Kind.COMPLAINT, ineligible=False)
    received = complaints.received_between(start, end)
    rows = []
    for code, name in [
        ("adult", "Adult social care"),
        ("children", "Children's social care"),
        ("corporate", "Corporate"),
    ]:
        mine = complaints.filter(procedure__code=code)
        responded = list(mine.filter(stage1_response__gte=start, stage1_response__lte=end).select_related("procedure"))
        acknowledged = list(
            mine.filter(acknowledged__gte=start, acknowledged__lte=end).values_list("received", "acknowledged")
        )
        rows.append(
            [
                name,
                received.filter(procedure__code=code).count(),
                mine.filter(closed__gte=start, closed__lte=end).count(),
                f"{sum(1 for r, a in acknowledged if cal.working_days(r, a) <= 3)} of {len(acknowledged)}",
                len(responded),
                f"{sum(stage1_on_time(case, cal) for case in responded)} of {len(responded)}",
            ]
        )
    outcomes = (
        complaints.filter(closed__gte=start, closed__lte=end)
        .exclude(outcome="")
        .values("outcome")
        .annotate(n=Count("pk"))
        .order_by("outcome")
    )
    actions = LearningAction.objects.all()
    learning = [
        ["Agreed this month", actions.filter(created__date__gte=start, created__date__lte=end).count()],
        ["Completed this month", actions.completed().filter(completed__gte=start, completed__lte=end).count()],
        ["Overdue at the end of the month", actions.overdue(end).count()],
    ]
    section = Section("Scorecard", "scorecard").add(
        Table(
            "Complaints by procedure",
            [
                "Procedure",
                "Received",
                "Closed",
                "Acknowledged within 3 working days",
                "Stage 1 responses",
                "Responses on time",
            ],
            rows,
            key="by-procedure",
        ),
        Table(
            "Outcomes of complaints closed",
            ["Outcome", "Complaints"],
            [[Outcome(r["outcome"]).label, r["n"]] for r in outcomes],
            key="outcomes",
        ),
        Table("Learning actions", ["Learning actions", "Number"], learning, key="learning"),
    )
    return Report(
        title=f"Monthly scorecard, {start:%B %Y}",
        council=Council.current().name,
        subtitle=f"1 to {end:%-d %B %Y}",
        period=f"{start:%Y-%m}",
        key_facts=[("Complaints received", str(received.count()))],
        sections=[section],
        publication=False,
    )
