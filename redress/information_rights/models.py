"""The register of information requests: people asking for a copy of what the council holds about
them (subject access, UK GDPR Article 15) or for it to be erased (Article 17)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .deadlines import response_due


class RequestKind(models.TextChoices):
    ACCESS = "access", "Subject access: a copy of their information"
    ERASURE = "erasure", "Erasure: delete their information"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class InformationRequestQuerySet(models.QuerySet):
    def open(self) -> InformationRequestQuerySet:
        return self.filter(status=Status.OPEN)


class InformationRequest(models.Model):
    kind = models.CharField("Kind of request", max_length=10, choices=RequestKind.choices)
    requester_name = models.CharField("Who made the request", max_length=200)
    requester_contact = models.CharField(
        "Where to send the reply", max_length=300, blank=True, help_text="An email or postal address."
    )
    for_someone_else = models.BooleanField("Made on behalf of the person the information is about", default=False)
    # The person the information is about, as the request describes them: what the search uses.
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField("Email address", blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    reference = models.CharField(
        "Case reference they gave", max_length=40, blank=True, help_text="The council's or the Ombudsman's."
    )
    received = models.DateField("Date received")
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField("Why more time is needed", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Handled by",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed = models.DateField(null=True, blank=True)
    outcome_letter = models.TextField("Outcome letter", blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received", "-pk"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("information_rights:detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"IR{self.pk:05d}" if self.pk else "New request"

    @property
    def subject_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def due(self) -> dt.date:
        return response_due(self.received, self.extension_months)

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == Status.OPEN and self.due < today


class ErasureGround(models.TextChoices):
    """The exceptions to the right to erasure, UK GDPR Article 17(3)."""

    EXPRESSION = "expression", "Freedom of expression and information (Article 17(3)(a))"
    LEGAL_OBLIGATION = "legal_obligation", "A legal obligation or a public task (Article 17(3)(b))"
    PUBLIC_HEALTH = "public_health", "Public health (Article 17(3)(c))"
    ARCHIVING = "archiving", "Archiving in the public interest, research or statistics (Article 17(3)(d))"
    LEGAL_CLAIMS = "legal_claims", "Legal claims (Article 17(3)(e))"


class Decision(models.TextChoices):
    ERASE = "erase", "Erase"
    REFUSE = "refuse", "Refuse"


class IncludedCase(models.Model):
    """A case the officer found holds the person's information and chose to include."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="cases")
    # Kept when the case itself goes: the register must still say what was done.
    case = models.ForeignKey(
        "cases.Representation", null=True, on_delete=models.SET_NULL, related_name="information_requests"
    )
    case_reference = models.CharField(max_length=40)
    # The case's people the search found to be the person; any other is a third party.
    people = models.ManyToManyField("cases.Person", blank=True, related_name="+")
    matched_on = models.CharField(max_length=200, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    ground = models.CharField("Reason for refusing", max_length=20, choices=ErasureGround.choices, blank=True)
    explanation = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    decided = models.DateTimeField(null=True, blank=True)
    erased = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case_reference"]
        constraints = [models.UniqueConstraint("request", "case", name="one_inclusion_per_case")]

    def __str__(self) -> str:
        return self.case_reference

    def get_additional_data(self) -> dict:
        return {"information_request": self.request_id}


def bundle_path(instance: models.Model, filename: str) -> str:
    # Under MEDIA_ROOT, which no web server serves, with a random name.
    return f"information-requests/{uuid.uuid4().hex}.zip"


class BundleStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    BUILDING = "building", "Being prepared"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be prepared"


class Bundle(models.Model):
    """The copy of a person's information: a zip of a PDF index, their files and their letters."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="bundles")
    status = models.CharField(max_length=10, choices=BundleStatus.choices, default=BundleStatus.QUEUED)
    file = models.FileField(upload_to=bundle_path, blank=True, max_length=200)
    sha256 = models.CharField("SHA-256 fingerprint", max_length=64, blank=True)
    items_done = models.PositiveIntegerField(default=0)
    items_total = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"Bundle for {self.request.number}, {timezone.localtime(self.created):%-d %B %Y %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.status in {BundleStatus.QUEUED, BundleStatus.BUILDING}

    @property
    def filename(self) -> str:
        return f"information-request-{self.request.number}.zip"

    def get_additional_data(self) -> dict:
        return {"information_request": self.request_id}
