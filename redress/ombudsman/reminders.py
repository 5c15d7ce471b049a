"""Reminders of the Ombudsman's deadlines: before a remedy is due, when it is overdue, and
before our own deadline for answering the Ombudsman. Queued once each, however often run."""

from __future__ import annotations

import datetime as dt

from redress.accounts.models import Role, User
from redress.notifications.reminders import DAYS_BEFORE_DUE, case_link, queue
from redress.procedures.calendar import current_calendar

from .models import OmbudsmanSettings, Recommendation, StageRecord


def _link_officers(case) -> list[User]:
    if case.link_officer and case.link_officer.is_active:
        return [case.link_officer]
    return list(User.objects.filter(role=Role.LINK_OFFICER, is_active=True).exclude(email=""))


def queue_ombudsman_reminders(today: dt.date) -> int:
    calendar = current_calendar()
    queued = 0
    remedies = Recommendation.objects.outstanding().filter(due__isnull=False).select_related("case", "owner")
    soon = calendar.add_working_days(today, OmbudsmanSettings.current().reminder_days)
    for remedy in remedies.filter(due__gte=today, due__lte=soon, owner__isnull=False):
        queued += queue(
            f"ombudsman-remedy-due:{remedy.pk}:{remedy.due}",
            remedy.owner.email,
            f"Ombudsman remedy due {remedy.due:%-d %B}: {remedy.case.reference}",
            f"The Ombudsman asked us to complete this remedy by {remedy.due:%A %-d %B %Y}: {remedy}."
            f"\n\n{remedy.details}\n\nRecord what was done, and the evidence, on the case:\n{case_link(remedy.case)}",
        )
    for remedy in remedies.overdue(today):
        people = {u.email for u in [remedy.owner, *_link_officers(remedy.case)] if u and u.email}
        for email in sorted(people):
            queued += queue(
                f"ombudsman-remedy-overdue:{remedy.pk}:{remedy.due}:{email}",
                email,
                f"Overdue Ombudsman remedy: {remedy.case.reference}",
                f"The remedy '{remedy}' was due on {remedy.due:%A %-d %B %Y} and is not recorded as done. "
                f"The Ombudsman reports remedies completed late.\n\n{case_link(remedy.case)}",
            )
    answers_soon = calendar.add_working_days(today, DAYS_BEFORE_DUE)
    stages = StageRecord.objects.waiting().filter(internal_due__lte=answers_soon).select_related("case__link_officer")
    for stage in stages:
        for officer in _link_officers(stage.case):
            queued += queue(
                f"ombudsman-answer-due:{stage.pk}:{officer.pk}",
                officer.email,
                f"Ombudsman {stage.get_stage_display().lower()} due: {stage.case.reference}",
                f"Our deadline for answering the Ombudsman on {stage.case.reference} "
                f"({stage.get_stage_display().lower()}) is {stage.internal_due:%A %-d %B %Y}; the Ombudsman's is "
                f"{stage.ombudsman_due:%A %-d %B %Y}.\n\n{case_link(stage.case)}",
            )
    return queued
