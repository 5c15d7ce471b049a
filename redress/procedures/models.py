"""The council's complaints procedures, their stages and timescales, and its closure days."""

from django.db import models


class ProcedureCode(models.TextChoices):
    ADULT = "adult", "Adult social care (statutory)"
    CHILDREN = "children", "Children's social care (statutory)"
    CORPORATE = "corporate", "Corporate"


class Procedure(models.Model):
    code = models.CharField(max_length=20, choices=ProcedureCode.choices, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="How the procedure works, in plain English. Shown in reports.")
    reference_prefix = models.CharField(max_length=10)
    acknowledgement_days = models.PositiveSmallIntegerField(
        help_text="Working days after receipt to acknowledge the complaint."
    )
    active = models.BooleanField(default=True)
    # Risk-rated stage 1 timescales (adult procedure); blank where the procedure has none.
    green_days = models.PositiveSmallIntegerField("Green (low risk) timescale", null=True, blank=True)
    amber_days = models.PositiveSmallIntegerField("Amber (medium risk) timescale", null=True, blank=True)
    red_days = models.PositiveSmallIntegerField("Red (high risk) timescale", null=True, blank=True)
    six_month_limit = models.BooleanField(
        default=False, help_text="Respond within six months of receipt unless the complainant agrees otherwise."
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def risk_days(self, risk: str) -> int | None:
        return {"green": self.green_days, "amber": self.amber_days, "red": self.red_days}.get(risk)

    def stage(self, number: int) -> "Stage | None":
        return next((s for s in self.stages.all() if s.number == number), None)


class CountedFrom(models.TextChoices):
    RECEIVED = "received", "the day the complaint is received"
    ACKNOWLEDGED = "acknowledged", "the day it is acknowledged"
    REQUESTED = "requested", "the day this stage is requested"


class Stage(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    target_days = models.PositiveSmallIntegerField(help_text="Working days to respond.")
    extended_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The longest the response may take, in working days, with an agreed extension.",
    )
    counted_from = models.CharField(max_length=20, choices=CountedFrom.choices)
    request_within_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Working days after the previous stage's response within which the "
        "complainant may ask for this stage.",
    )

    class Meta:
        ordering = ["procedure", "number"]
        constraints = [models.UniqueConstraint("procedure", "number", name="unique_stage_number")]

    def __str__(self) -> str:
        return f"{self.procedure.name}: stage {self.number} ({self.name})"


class ClosureDay(models.Model):
    """A day the council's offices are closed that is not a bank holiday (e.g. 24 December)."""

    date = models.DateField(unique=True)
    description = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%-d %B %Y}: {self.description}"
