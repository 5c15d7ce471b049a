"""The Tasks section of a case's page and the dashboard's "My tasks", each drawn by its own tag
so that neither page's view needs to know about tasks."""

import datetime as dt

from django import template
from django.utils import timezone

from redress.tasks.models import Task

register = template.Library()
DAYS_AHEAD = 7  # the dashboard shows what is overdue and due within a week


@register.inclusion_tag("tasks/includes/case_tasks.html", takes_context=True)
def case_tasks(context, case):
    tasks = list(case.tasks.select_related("assigned_to", "done_by"))
    return {
        "case": case,
        "open_tasks": [t for t in tasks if not t.is_done],
        "done_tasks": sorted((t for t in tasks if t.is_done), key=lambda t: t.done, reverse=True),
        "can_change": not case.is_anonymised,
        "today": timezone.localdate(),
        "next": case.get_absolute_url() + "#tasks",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("tasks/includes/dashboard_tasks.html", takes_context=True)
def my_tasks_due_soon(context):
    today = timezone.localdate()
    mine = Task.objects.for_person(context["user"])
    soon = today + dt.timedelta(days=DAYS_AHEAD)
    return {
        "tasks": list(mine.filter(due__lte=soon)),
        "later": mine.filter(due__gt=soon).count(),
        "days": DAYS_AHEAD,
        "today": today,
        "next": context["request"].path + "#my-tasks",
        "csrf_token": context.get("csrf_token"),
    }
