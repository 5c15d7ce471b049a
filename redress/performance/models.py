"""Adult social care performance: the ASCOF and local indicators, the council's values for each
quarter and year, and how it compares with England, its region and its peers."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone


class Objective(models.TextChoices):
    QUALITY_OF_LIFE = "quality_of_life", "Quality of life"
    INDEPENDENCE = "independence", "Independence"
    EMPOWERMENT = "empowerment", "Empowerment, information and advice"
    SAFETY = "safety", "Safety"
    SOCIAL_CONNECTIONS = "social_connections", "Social connections"
    CONTINUITY = "continuity", "Continuity and quality of care"
    LOCAL = "local", "Local priorities"


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    SCORE = "score", "Score"
    RATE = "rate", "Rate per 100,000"
    DAYS = "days", "Days"
    COUNT = "count", "Count"


# What a numerator over a denominator is multiplied by to give the value in its unit.
MULTIPLIERS = {Unit.PERCENTAGE: 100, Unit.RATE: 100_000, Unit.SCORE: 1, Unit.DAYS: 1, Unit.COUNT: 1}


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NEITHER = "neither", "Neither: shown for context"


class Period(models.TextChoices):
    Q1 = "q1", "Quarter 1"
    Q2 = "q2", "Quarter 2"
    Q3 = "q3", "Quarter 3"
    Q4 = "q4", "Quarter 4"
    FINAL = "final", "Final outturn"


QUARTERS = [Period.Q1, Period.Q2, Period.Q3, Period.Q4]


class Indicator(models.Model):
    code = models.CharField(
        max_length=20,
        blank=True,
        help_text="For example 2D or L3. Blank for a previous framework's measure that has no code now.",
    )
    part = models.CharField(max_length=20, blank=True, help_text="For example part 1, part 2a or outstanding.")
    previous_code = models.CharField(
        "Code in the previous framework",
        max_length=20,
        blank=True,
        help_text="The measure this one replaced, or new. National data before 2023/24 uses it.",
    )
    previous_framework = models.BooleanField(
        "A previous framework's measure, still reported", default=False, help_text="Not in the 2023/24 framework."
    )
    objective = models.CharField(max_length=30, choices=Objective.choices)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True, help_text="How it is defined, as the committee will read it.")
    unit = models.CharField(max_length=20, choices=Unit.choices)
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    cumulative = models.BooleanField(
        "In-year values accumulate",
        default=False,
        help_text="Each quarter is the year so far, so an estimated end-of-year figure is projected from it. "
        "Leave unticked for a snapshot at the quarter's end.",
    )
    annual = models.BooleanField(
        "Measured once a year", default=False, help_text="A survey or yearly return: quarters show NA."
    )
    has_fraction = models.BooleanField(
        "Worked out from a numerator and denominator", default=False, help_text="So the value is computed, not typed."
    )
    local = models.BooleanField("The council's own indicator", default=False)
    national_code = models.CharField(
        "Measure code in the national data",
        max_length=20,
        blank=True,
        help_text="Blank: the same as the code. Local indicators have none.",
    )
    disaggregation = models.CharField(
        "Breakdown in the national data", max_length=60, blank=True, help_text="For example 65 and over. Blank: total."
    )
    threshold = models.DecimalField(
        "No significant change within",
        max_digits=10,
        decimal_places=3,
        default=Decimal("0"),
        help_text="A change this size or smaller, in the indicator's unit, is shown as no significant change.",
    )
    decimals = models.PositiveSmallIntegerField("Decimal places shown", default=1)
    count_label = models.CharField(
        "Number shown with the value",
        max_length=60,
        blank=True,
        help_text="The numerator's name, for example Number of admissions. Blank: not shown.",
    )
    count_beside = models.BooleanField(
        "Show the number beside the value", default=False, help_text="2.2% (16), rather than on a row of its own."
    )
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "part"], condition=~models.Q(code=""), name="one_indicator_a_code_and_part"
            ),
            models.UniqueConstraint(
                fields=["previous_code"], condition=models.Q(code=""), name="one_uncoded_indicator_a_previous_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.name}"

    @property
    def label(self) -> str:
        """How the report names it: 2D part 1, or 1E (previous framework) for a measure with no code now."""
        if not self.code:
            return f"{self.previous_code} (previous framework)"
        return f"{self.code} {self.part}".strip()

    @property
    def multiplier(self) -> int:
        return MULTIPLIERS[self.unit]

    @property
    def code_in_national_data(self) -> str:
        return "" if self.local else (self.national_code or self.code)

    @property
    def higher_is_better(self) -> bool:
        return self.polarity == Polarity.HIGHER

    @property
    def judged(self) -> bool:
        """Whether a change is better or worse: not for a count or share shown for context."""
        return self.polarity != Polarity.NEITHER

    def compute(self, numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
        if numerator is None or not denominator:
            return None
        return (Decimal(numerator) / Decimal(denominator) * self.multiplier).quantize(Decimal("0.0001"))

    def show(self, value: Decimal | None, missing: str = "–") -> str:
        """A value as the report prints it: 82.4%, 12.5 days, 1,234."""
        if value is None:
            return missing
        # Half up, as people round: 72.05 shows as 72.1.
        number = f"{value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP):,}"
        return {Unit.PERCENTAGE: f"{number}%", Unit.DAYS: f"{number} days"}.get(self.unit, number)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(help_text="The financial year starting in April of this year.")
    period = models.CharField(max_length=10, choices=Period.choices)
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    estimate = models.DecimalField(
        "The council's estimated end of year",
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="For a measure that accumulates, when the council projects it otherwise than straight-line.",
    )
    note = models.TextField(blank=True)
    updated = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["indicator", "year", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "period"], name="one_value_a_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} {self.get_period_display()}"

    def save(self, *args, **kwargs) -> None:
        # Given both, the value is worked out; a published value typed with only its count is kept.
        if self.indicator.has_fraction and self.numerator is not None and self.denominator:
            self.value = self.indicator.compute(self.numerator, self.denominator)
        super().save(*args, **kwargs)


class Comparator(models.Model):
    """How the council's value for a year compares: from the national data, or typed for a
    local indicator; the target is always the council's own."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparators")
    year = models.PositiveSmallIntegerField()
    council_value = models.DecimalField(
        "The council's published value", max_digits=14, decimal_places=4, null=True, blank=True
    )
    peer = models.DecimalField("Peer group average", max_digits=14, decimal_places=4, null=True, blank=True)
    region = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    england = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    council_type = models.DecimalField(
        "Councils of the same type", max_digits=14, decimal_places=4, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField("Rank in England", null=True, blank=True, help_text="1 is the best.")
    rank_tied = models.BooleanField("Rank shared with other councils", default=False, help_text="Shown as 1=.")
    ranked = models.PositiveSmallIntegerField("Councils ranked", null=True, blank=True)
    quartile = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is the best quarter of councils.")
    next_quartile = models.DecimalField(
        "Value needed to reach the next quartile",
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Blank in the top quartile.",
    )
    target = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    from_national_data = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="one_comparator_a_year")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}"


class Commentary(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="commentaries")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    highlight = models.BooleanField(
        "Name it in the summary of key changes",
        default=False,
        help_text="When none is chosen for a quarter, the summary names the most significant changes.",
    )
    updated = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="one_commentary_a_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year} Q{self.quarter}"


class QuarterlyUpdate(models.Model):
    """The words of a quarter's report that belong to no one measure."""

    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    key_changes = models.TextField(
        "Notable changes", blank=True, help_text="Opens the summary of key changes: what changed in the service."
    )
    engagement = models.TextField(
        "Involvement, engagement and user experience",
        blank=True,
        help_text="The quarter's work with people who draw on care and their carers. A line starting ## is a heading.",
    )
    updated = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "quarter"], name="one_update_a_quarter")]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


class GeographyLevel(models.TextChoices):
    COUNCIL = "council", "Council"
    REGION = "region", "Region"
    COUNCIL_TYPE = "council_type", "Council type"
    ENGLAND = "england", "England"


class NationalValue(models.Model):
    """One row of the national ASCOF data file, kept so comparators can be worked out again
    when the peer group changes."""

    year = models.PositiveSmallIntegerField()
    geography_code = models.CharField(max_length=20)
    geography_name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=GeographyLevel.choices, default=GeographyLevel.COUNCIL)
    region = models.CharField(max_length=100, blank=True)
    measure_code = models.CharField(max_length=20)
    disaggregation = models.CharField(max_length=60, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    numerator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["year", "measure_code"])]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "geography_code", "measure_code", "disaggregation"], name="one_national_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.geography_name} {self.measure_code} {self.year}"


class PerformanceSettings(models.Model):
    geography_code = models.CharField(
        "The council's geography code",
        max_length=20,
        blank=True,
        help_text="As in the national data, for example E08000026.",
    )
    region = models.CharField(
        "The council's region",
        max_length=100,
        blank=True,
        help_text="Its name or code as in the national data, for example West Midlands or E12000005.",
    )
    council_type = models.CharField(
        "The council's type",
        max_length=100,
        blank=True,
        help_text="As in the national data's council type rows, for example Metropolitan District.",
    )
    peers = models.TextField(
        "Peer group",
        blank=True,
        help_text="The geography codes of the councils to compare with, one a line: for example the CIPFA "
        "nearest neighbours.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "performance settings"

    def __str__(self) -> str:
        return "Performance settings"

    @classmethod
    def current(cls) -> PerformanceSettings:
        return cls.objects.order_by("pk").first() or cls.objects.create()

    def peer_codes(self) -> list[str]:
        return [line.split()[0].upper() for line in self.peers.splitlines() if line.strip()]
