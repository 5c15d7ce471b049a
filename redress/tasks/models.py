"""Bring-forward tasks: something to do on a case by a date, assigned to a member of staff."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from redress.cases.models import Representation


class TaskQuerySet(models.QuerySet):
    def open(self) -> TaskQuerySet:
        # A case whose personal details were removed keeps its tasks only as blanks: nothing left to do.
        return self.filter(done__isnull=True, case__anonymisation__isnull=True)

    def for_person(self, user) -> TaskQuerySet:
        """The open tasks assigned to this person on cases they can still open (a case given to
        another investigating officer takes its tasks out of the first one's list)."""
        return (
            self.open()
            .filter(assigned_to=user, case__in=Representation.objects.visible_to(user))
            .select_related("case")
            .order_by("due", "pk")
        )


class Task(models.Model):
    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="tasks")
    what = models.TextField("What needs doing")
    due = models.DateField("Due date")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tasks", verbose_name="Assigned to"
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    done = models.DateTimeField("Done", null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="Done by",
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["assigned_to", "done", "due"])]

    def __str__(self) -> str:
        return f"{self.case} task: {self.what[:60]}"

    def get_additional_data(self) -> dict:
        """Lets the audit trail show a task's changes on its case's page."""
        return {"case": self.case_id}

    def clean(self) -> None:
        # The person must be able to open the case: a task they cannot read is one nobody does.
        if self.assigned_to_id and self.case_id and not self.case.is_visible_to(self.assigned_to):
            raise ValidationError(
                {"assigned_to": f"{self.assigned_to} cannot open {self.case.reference}: choose someone who can"}
            )

    def mark_done(self, by) -> None:
        if self.done is None:
            self.done, self.done_by = timezone.now(), by
            self.save(update_fields=["done", "done_by"])

    @property
    def is_done(self) -> bool:
        return self.done is not None

    def when(self, today: dt.date) -> str:
        """Which part of a list an open task belongs in: overdue, today or later."""
        if self.due < today:
            return "overdue"
        return "today" if self.due == today else "later"
