"""What the council will change because of a complaint, tracked to completion (docs/procedures.md, Learning)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from redress.cases.models import Representation


class Level(models.TextChoices):
    INDIVIDUAL = "individual", "Individual (for example, in supervision)"
    TEAM = "team", "Team"
    SERVICE = "service", "Service"
    DEPARTMENT = "department", "Department-wide"


class ActionKind(models.TextChoices):
    PRACTICE = "practice", "Change of practice"
    POLICY = "policy", "Policy change"
    GUIDANCE = "guidance", "Guidance"
    TRAINING = "training", "Training or briefing"
    INFORMATION = "information", "Information or recording"
    AUDIT = "audit", "Audit"


class Status(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = [Status.PLANNED, Status.IN_PROGRESS]


class LearningActionQuerySet(models.QuerySet):
    def open(self) -> LearningActionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date) -> LearningActionQuerySet:
        return self.open().filter(due__lt=today)

    def completed(self) -> LearningActionQuerySet:
        return self.filter(status=Status.COMPLETED)

    def for_user(self, user) -> LearningActionQuerySet:
        """Actions on the cases this user may see, and any they own."""
        if user.is_authenticated and user.sees_all_cases:
            return self
        return self.filter(Q(case__in=Representation.objects.visible_to(user)) | Q(owner_id=user.pk))

    def counts(self, today: dt.date) -> dict[str, int]:
        return self.aggregate(
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due__lt=today)),
            completed=Count("pk", filter=Q(status=Status.COMPLETED)),
        )


class LearningAction(models.Model):
    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="learning_actions")
    what_will_change = models.TextField("What will change")
    level = models.CharField(max_length=20, choices=Level.choices)
    kind = models.CharField("Type of action", max_length=20, choices=ActionKind.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_actions")
    due = models.DateField("Due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    completed = models.DateField("Date completed", null=True, blank=True)
    evidence = models.TextField("Evidence of completion", blank=True)
    # A "you said, we did" example for the annual report, written to be published.
    you_said = models.TextField(
        "You said", blank=True, help_text="What people told us, with nothing that identifies them."
    )
    we_did = models.TextField("We did", blank=True, help_text="What changed as a result.")
    example_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated = models.DateTimeField(auto_now=True)

    objects = LearningActionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"{self.case} learning action: {self.what_will_change[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("learning:edit", args=[self.pk])

    def clean(self) -> None:
        if self.status == Status.COMPLETED:
            if not self.evidence.strip():
                raise ValidationError({"evidence": "Enter the evidence that the action is complete"})
            self.completed = self.completed or timezone.localdate()
        else:
            self.completed = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due < timezone.localdate()

    def can_be_updated_by(self, user) -> bool:
        """Officers edit any action; its owner and the case's investigating officer record progress."""
        return user.can_edit_cases or (
            user.is_active and user.pk in {self.owner_id, self.case.investigating_officer_id}
        )

    def get_additional_data(self) -> dict:
        """Lets the audit trail show changes to an action on its case's page."""
        return {"case": self.case_id}


class LearningDecision(models.Model):
    """Why a well-founded complaint has no learning action, and who decided."""

    case = models.OneToOneField(Representation, on_delete=models.CASCADE, related_name="learning_decision")
    no_learning_reason = models.TextField("Why there is no learning action")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.case}: no learning action"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}
