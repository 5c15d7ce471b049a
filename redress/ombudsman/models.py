"""Cases the Local Government and Social Care Ombudsman (LGSCO) has taken up with the council."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from redress.cases.models import Representation
from redress.configuration.models import ServiceArea
from redress.intake.models import StoredFile
from redress.procedures.models import Procedure


class Decision(models.TextChoices):
    # Codes of docs/interchange.md, section 3.
    UPHELD_INJUSTICE = "upheld_injustice", "Upheld: fault causing injustice"
    UPHELD_NO_INJUSTICE = "upheld_no_injustice", "Upheld: fault, no injustice"
    UPHELD_REMEDIED = "upheld_remedied", "Upheld: fault, already remedied by the council"
    NOT_UPHELD = "not_upheld", "Not upheld: no fault"
    CLOSED_NO_FURTHER_ACTION = "closed_no_further_action", "Closed after initial enquiries"
    OUT_OF_JURISDICTION = "out_of_jurisdiction", "Out of jurisdiction"
    PREMATURE = "premature", "Premature: referred back for local resolution"
    INCOMPLETE_INVALID = "incomplete_invalid", "Incomplete or invalid"
    ADVICE_GIVEN = "advice_given", "Advice given"


# The annual report counts cases not yet decided under this key (docs/interchange.md, section 4).
UNDECIDED = "open"


def decision_label(code: str) -> str:
    """How the reports and pages name a decision code, or the cases not yet decided."""
    return "Not yet decided" if code == UNDECIDED else Decision(code).label


UPHELD_DECISIONS = {Decision.UPHELD_INJUSTICE, Decision.UPHELD_NO_INJUSTICE, Decision.UPHELD_REMEDIED}
# Fault causing injustice (remedied or not) goes to the Monitoring Officer, as does any public report.
MONITORING_OFFICER_DECISIONS = {Decision.UPHELD_INJUSTICE, Decision.UPHELD_REMEDIED}


class Stage(models.TextChoices):
    """The stages the link officer answers the Ombudsman at, in order."""

    ENQUIRY = "enquiry", "Enquiry and assessment"
    INVESTIGATION = "investigation", "Investigation"
    DRAFT_DECISION = "draft_decision", "Draft decision"


class OmbudsmanSettings(models.Model):
    """How many working days each stage allows, and who to tell. One row."""

    enquiry_days = models.PositiveSmallIntegerField(
        "Enquiry: working days the Ombudsman usually allows", default=3, help_text="Usually 1 to 3."
    )
    enquiry_internal_days = models.PositiveSmallIntegerField("Enquiry: our own deadline, in working days", default=2)
    investigation_days = models.PositiveSmallIntegerField(
        "Investigation: working days the Ombudsman allows for our statement", default=20
    )
    investigation_internal_days = models.PositiveSmallIntegerField(
        "Investigation: our own deadline, in working days", default=18, help_text="A few days before the Ombudsman's."
    )
    draft_decision_days = models.PositiveSmallIntegerField(
        "Draft decision: working days allowed for comments", default=10, help_text="Usually 5 to 10."
    )
    draft_decision_internal_days = models.PositiveSmallIntegerField(
        "Draft decision: our own deadline, in working days", default=8
    )
    remedy_days = models.PositiveSmallIntegerField(
        "Remedy: working days allowed when the Ombudsman sets no date", default=20
    )
    reminder_days = models.PositiveSmallIntegerField(
        "Remind remedy owners this many working days before the remedy is due", default=5
    )
    monitoring_officer_email = models.EmailField(
        "Monitoring Officer's email address",
        blank=True,
        help_text="Told of every finding of fault causing injustice and every public report.",
    )
    statistics_name = models.CharField(
        "The council's name in the Ombudsman's statistics",
        max_length=200,
        blank=True,
        help_text="As the Ombudsman spells it, for example 'Coventry City Council'. Blank: the council's name.",
    )
    peer_group = models.CharField(
        "Compare the council with",
        max_length=20,
        choices=[("region", "The other councils in its region"), ("chosen", "The councils listed below")],
        default="region",
    )
    peers = models.TextField(
        "Chosen councils",
        blank=True,
        help_text="One council a line, spelt as in the Ombudsman's statistics: for example the nearest neighbours.",
    )

    class Meta:
        verbose_name = "Ombudsman settings"
        verbose_name_plural = "Ombudsman settings"

    def __str__(self) -> str:
        return "Ombudsman settings"

    @classmethod
    def current(cls) -> OmbudsmanSettings:
        return cls.objects.order_by("pk").first() or cls.objects.create()

    def days(self, stage: str) -> tuple[int, int]:
        """(the Ombudsman's working days, our own) for a stage."""
        return getattr(self, f"{stage}_days"), getattr(self, f"{stage}_internal_days")

    def peer_names(self) -> list[str]:
        return [line.strip() for line in self.peers.splitlines() if line.strip()]


class OmbudsmanCaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> OmbudsmanCaseQuerySet:
        """Link officers and the complaints team see every case; anyone else only the cases
        where they own a remedy."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.handles_ombudsman:
            return self
        if not user.can_open_cases:
            return self.none()
        return self.filter(recommendations__owner=user).distinct()

    def open(self) -> OmbudsmanCaseQuerySet:
        """Not yet decided, or decided with a remedy still to complete."""
        to_do = Recommendation.objects.filter(case=OuterRef("pk"), completed__isnull=True)
        return self.filter(Q(decided__isnull=True) | Exists(to_do))


class OmbudsmanCase(models.Model):
    reference = models.CharField("Ombudsman's reference", max_length=40, unique=True)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="ombudsman_cases")
    complaints = models.ManyToManyField(
        Representation, blank=True, related_name="ombudsman_cases", verbose_name="The council's complaints"
    )
    service_area = models.ForeignKey(ServiceArea, null=True, blank=True, on_delete=models.PROTECT)
    investigator = models.CharField("The Ombudsman's investigator", max_length=200, blank=True)
    link_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField("What the complaint to the Ombudsman is about", blank=True)
    received = models.DateField(help_text="When the Ombudsman first contacted the council about it.")
    decided = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    public_report = models.BooleanField(default=False)
    monitoring_officer_told = models.DateField("Monitoring Officer told", null=True, blank=True)
    monitoring_officer_email = models.EmailField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OmbudsmanCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received", "reference"]
        indexes = [models.Index(fields=["procedure", "received"]), models.Index(fields=["decided"])]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("ombudsman:detail", args=[self.pk])

    @property
    def upheld(self) -> bool:
        return self.decision in UPHELD_DECISIONS

    @property
    def current_stage(self) -> StageRecord | None:
        stages = list(self.stages.all())
        return stages[-1] if stages and not self.decided else None

    @property
    def status(self) -> str:
        if not self.decided:
            stage = self.current_stage
            return stage.get_stage_display() if stage else "Open"
        if any(r.completed is None for r in self.recommendations.all()):
            return "Remedy"
        return "Closed"

    @property
    def needs_monitoring_officer(self) -> bool:
        return self.decision in MONITORING_OFFICER_DECISIONS or self.public_report

    def compliance(self) -> str | None:
        """How the council did with the remedies: "outstanding" while any is not done, "late" if
        any was done after its due date, "on_time" otherwise. None when nothing was asked for."""
        recommendations = list(self.recommendations.all())
        if any(r.completed is None for r in recommendations):
            return "outstanding"
        dated = [r for r in recommendations if r.due]
        if any(r.completed > r.due for r in dated):
            return "late"
        return "on_time" if dated else None


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _answer_overdue(today: dt.date) -> Q:
    return Q(responded__isnull=True, ombudsman_due__lt=today)


def _remedy_overdue(today: dt.date) -> Q:
    return Q(completed__isnull=True, due__lt=today)


class StageRecordQuerySet(models.QuerySet):
    def waiting(self) -> StageRecordQuerySet:
        """Stages still waiting for our answer: unanswered, and the case has not moved on."""
        later = StageRecord.objects.filter(case=OuterRef("case"), pk__gt=OuterRef("pk"))
        return self.filter(responded__isnull=True, case__decided__isnull=True).exclude(Exists(later))

    def overdue(self, today: dt.date) -> StageRecordQuerySet:
        """Not answered by the Ombudsman's deadline."""
        return self.filter(_answer_overdue(today))

    def with_deadlines(self, today: dt.date) -> StageRecordQuerySet:
        """Each stage marked `overdue` (not answered by the Ombudsman's deadline) and
        `internal_passed` (not answered by our own), for the pages to show."""
        return self.annotate(
            overdue=_flag(_answer_overdue(today)),
            internal_passed=_flag(Q(responded__isnull=True, internal_due__lt=today)),
        )


class StageRecord(models.Model):
    """One stage of the Ombudsman's work that the council answers, with both deadlines. Stages
    only move forward, so they are created in order."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    started = models.DateField(help_text="When the Ombudsman's letter or request arrived.")
    ombudsman_due = models.DateField("The Ombudsman's deadline")
    internal_due = models.DateField("Our deadline")
    responded = models.DateField("Answered on", null=True, blank=True)

    objects = StageRecordQuerySet.as_manager()

    class Meta:
        ordering = ["started", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "stage"], name="one_record_per_stage")]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_stage_display()}"

    def get_additional_data(self) -> dict:
        return {"ombudsman_case": self.case_id}

    @property
    def late(self) -> bool:
        return bool(self.responded and self.responded > self.ombudsman_due)


class RemedyType(models.TextChoices):
    APOLOGY = "apology", "Apology"
    PAYMENT = "payment", "Payment"
    REASSESSMENT = "reassessment", "Reassessment"
    PROCEDURE_CHANGE = "procedure_change", "Change to a procedure"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"


class RecommendationQuerySet(models.QuerySet):
    def outstanding(self) -> RecommendationQuerySet:
        return self.filter(completed__isnull=True)

    def overdue(self, today: dt.date) -> RecommendationQuerySet:
        return self.filter(_remedy_overdue(today))

    def with_deadlines(self, today: dt.date) -> RecommendationQuerySet:
        """Each remedy marked `overdue`: not completed by its due date, for the pages to show."""
        return self.annotate(overdue=_flag(_remedy_overdue(today)))

    def visible_to(self, user) -> RecommendationQuerySet:
        return self.filter(case__in=OmbudsmanCase.objects.visible_to(user))


class Recommendation(models.Model):
    """Something the Ombudsman asked the council to do, tracked until it is done and the
    Ombudsman accepts the evidence."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField("Type", max_length=20, choices=RemedyType.choices)
    # The type as the Ombudsman's letter or an imported file named it ("Financial"), for the
    # report to count under; the form fills in the type's own name. Blank: an imported remedy
    # the file gave no type, counted by type nowhere.
    named_as = models.CharField("Named as", max_length=100, blank=True)
    details = models.TextField("What the Ombudsman asked for", blank=True)
    amount = models.DecimalField("Amount (£)", max_digits=10, decimal_places=2, null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due = models.DateField("Due by", null=True, blank=True)
    completed = models.DateField(null=True, blank=True)
    evidence = models.TextField("Evidence sent to the Ombudsman", blank=True)
    accepted = models.BooleanField(
        "The Ombudsman accepted it as satisfactory", null=True, blank=True, help_text="Blank: not yet known."
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            # What the council paid is added up for the Ombudsman's figures.
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="recommendation_amount_not_negative",
                violation_error_message="Amount must not be less than £0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{f' £{self.amount:.2f}' if self.amount else ''}"

    def get_additional_data(self) -> dict:
        return {"ombudsman_case": self.case_id}

    @property
    def late(self) -> bool:
        return bool(self.completed and self.due and self.completed > self.due)


class DocumentKind(models.TextChoices):
    OMBUDSMAN_LETTER = "ombudsman_letter", "Letter from the Ombudsman"
    COUNCIL_STATEMENT = "council_statement", "The council's statement or response"
    EVIDENCE = "evidence", "Evidence of a remedy"
    OTHER = "other", "Other"


class Document(StoredFile):
    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("What it is", max_length=20, choices=DocumentKind.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta(StoredFile.Meta):
        pass

    def get_additional_data(self) -> dict:
        return {"ombudsman_case": self.case_id}


class PeerStatistics(models.Model):
    """One council's row of the Ombudsman's published annual statistics."""

    year = models.PositiveSmallIntegerField(help_text="The financial year starting in April of this year.")
    council = models.CharField(max_length=200)
    region = models.CharField(max_length=100, blank=True)
    received = models.PositiveIntegerField("Complaints and enquiries received")
    upheld = models.PositiveIntegerField()
    not_upheld = models.PositiveIntegerField()
    closed_after_initial_enquiries = models.PositiveIntegerField(null=True, blank=True)
    referred_back = models.PositiveIntegerField("Referred back for local resolution", null=True, blank=True)
    incomplete_invalid = models.PositiveIntegerField(null=True, blank=True)
    advice_given = models.PositiveIntegerField(null=True, blank=True)
    upheld_rate = models.DecimalField(max_digits=5, decimal_places=2, help_text="Per cent.")
    compliance_rate = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    satisfactory_remedy_rate = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    imported = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year", "council"]
        constraints = [models.UniqueConstraint(fields=["year", "council"], name="one_row_per_council_a_year")]
        verbose_name_plural = "peer statistics"

    def __str__(self) -> str:
        return f"{self.council} {self.year}"

    @property
    def investigated(self) -> int:
        return self.upheld + self.not_upheld
