"""How long closed cases are kept, the legal holds that keep one longer, and which were anonymised."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from redress.cases.models import Kind, Representation

DEFAULT_YEARS = 6
YEARS = [MinValueValidator(1), MaxValueValidator(100)]


def _years(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        f"{label}: years kept after closure", default=DEFAULT_YEARS, validators=YEARS
    )


class RetentionRules(models.Model):
    """The council's retention schedule. One row."""

    complaint_years = _years("Complaints")
    compliment_years = _years("Compliments")
    comment_years = _years("Comments")
    enquiry_years = _years("Initial enquiries")
    service_request_years = _years("Service requests")
    keep_equality_monitoring = models.BooleanField(
        "Keep the equality monitoring answers of anonymised cases",
        default=True,
        help_text=(
            "Sex, age when received, ethnicity, disability and primary support reason, with no name, "
            "date of birth or contact details beside them. Kept, past annual reports keep their "
            "equality figures; removed, those figures count the case as not known."
        ),
    )

    class Meta:
        verbose_name = verbose_name_plural = "retention rules"

    def __str__(self) -> str:
        return "Retention rules"

    @classmethod
    def current(cls) -> RetentionRules:
        return cls.objects.order_by("pk").first() or cls.objects.create()

    def years(self, kind: str) -> int:
        return getattr(self, f"{kind}_years")

    def anonymised_from(self, case: Representation) -> dt.date | None:
        """The first day's run that anonymises the case; None while a complaint is open."""
        start = period_start(case)
        if start is None:
            return None
        try:
            return start.replace(year=start.year + self.years(case.kind))
        except ValueError:  # from 29 February into a year without one: 1 March
            return dt.date(start.year + self.years(case.kind), 3, 1)

    def cutoff(self, kind: str, today: dt.date) -> dt.date:
        """Cases of this kind closed on or before this day are past their retention period."""
        try:
            return today.replace(year=today.year - self.years(kind))
        except ValueError:  # on 29 February, back to a year without one: the 28th
            return today.replace(year=today.year - self.years(kind), day=28)


def period_start(case: Representation) -> dt.date | None:
    """The retention period runs from the day a case closed. Only complaints have a closing step:
    a compliment, comment, enquiry or service request with no closing date runs from the day it
    was received."""
    if case.closed or case.kind == Kind.COMPLAINT:
        return case.closed
    return case.received


class LegalHoldQuerySet(models.QuerySet):
    def in_force(self, today: dt.date) -> LegalHoldQuerySet:
        return self.filter(released__isnull=True).filter(Q(until__isnull=True) | Q(until__gte=today))


class LegalHold(models.Model):
    """Keeps a case whole past its retention period: a claim, an inquiry, an Ombudsman or court
    case still to come. It stops anonymisation until it is released or its end date passes."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField(
        "Why the case must be kept",
        help_text="For example a claim or an inquiry, with its reference. No names or other personal details.",
    )
    until = models.DateField("Keep until", null=True, blank=True, help_text="Leave blank to keep it until released.")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released = models.DateTimeField(null=True, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed", "-pk"]

    def __str__(self) -> str:
        return f"Legal hold placed {timezone.localtime(self.placed):%-d %B %Y}"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


class Anonymisation(models.Model):
    """That a case's personal details were removed, when, by whom (blank: the daily run) and why."""

    case = models.OneToOneField(Representation, on_delete=models.CASCADE, related_name="anonymisation")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)

    def __str__(self) -> str:
        return f"Anonymised {timezone.localtime(self.at):%-d %B %Y}"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}
