import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from redress.configuration.models import financial_year_label
from redress.procedures.models import ProcedureCode


class ReportNarrative(models.Model):
    """What staff write for one year's annual report of one procedure."""

    year = models.PositiveSmallIntegerField()
    procedure = models.CharField(max_length=20, choices=ProcedureCode.choices)
    introduction = models.TextField(blank=True)
    general_importance = models.TextField("Matters of general importance", blank=True)
    learning = models.TextField("Learning and service improvements", blank=True)
    actions = models.TextField("Actions planned for next year", blank=True)
    # Context for the year's figures, entered by the council: complaints per 1,000 people served.
    people_served = models.PositiveIntegerField("People who received a service", null=True, blank=True)
    children_in_need = models.PositiveIntegerField("Children in need", null=True, blank=True)
    long_term_support = models.PositiveIntegerField("People in long-term support", null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [models.UniqueConstraint("year", "procedure", name="one_narrative_per_report")]

    def __str__(self) -> str:
        return f"{self.get_procedure_display()} {financial_year_label(self.year)}"


def download_path(instance: models.Model, filename: str) -> str:
    # Under MEDIA_ROOT, which no web server serves, with a random name.
    return f"reports/{uuid.uuid4().hex}{Path(filename).suffix}"


class DownloadStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    BUILDING = "building", "Being prepared"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be prepared"


class ReportDownload(models.Model):
    """A report document too large to build while the browser waits: the worker builds it
    (tasks.build_report_download) and keeps it, for the person who asked, for KEPT_FOR."""

    KEPT_FOR = dt.timedelta(days=1)
    # What the worker is doing, in order; `step` is the number of the one under way.
    STEPS = ("Counting the year's figures", "Setting them beside the two years before", "Laying out the document")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=10)
    query = models.CharField(max_length=500)  # the report's options, as the report page's address has them
    title = models.CharField(max_length=200)
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=DownloadStatus.choices, default=DownloadStatus.QUEUED)
    step = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=download_path, blank=True, max_length=200)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in {DownloadStatus.QUEUED, DownloadStatus.BUILDING}

    @property
    def step_name(self) -> str:
        return self.STEPS[self.step - 1] if self.step else ""

    @property
    def expires(self) -> dt.datetime:
        return self.created + self.KEPT_FOR

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires

    @classmethod
    def clear_expired(cls, now: dt.datetime | None = None) -> int:
        """Delete the downloads kept for longer than KEPT_FOR, and their files."""
        expired = list(cls.objects.filter(created__lte=(now or timezone.now()) - cls.KEPT_FOR))
        for download in expired:
            download.file.delete(save=False)
            download.delete()
        return len(expired)
