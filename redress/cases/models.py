"""The case record: every complaint, compliment, comment, enquiry and service request."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone

from redress.configuration.models import Council, Lookup, LookupList, ServiceArea
from redress.procedures.models import Procedure


class Kind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    COMPLIMENT = "compliment", "Compliment"
    COMMENT = "comment", "Comment"
    ENQUIRY = "enquiry", "Initial enquiry"
    SERVICE_REQUEST = "service_request", "Service request"


# Reference prefixes for kinds other than complaints (complaints use their procedure's).
KIND_PREFIXES = {
    Kind.COMPLIMENT: "CMP",
    Kind.COMMENT: "COM",
    Kind.ENQUIRY: "ENQ",
    Kind.SERVICE_REQUEST: "SR",
}
INELIGIBLE_PREFIX = "INE"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Each stage's dates, in stage order: the response to stage 1, then each later stage's request and
# response (the representations import file lists them in this order, docs/interchange.md).
STAGE_DATE_FIELDS = [
    "stage1_response",
    "stage2_requested",
    "stage2_response",
    "stage3_requested",
    "stage3_response",
]


# The dates a complaints officer may put right with "Correct a date", and their names.
DATE_LABELS = {
    "received": "Date received",
    "acknowledged": "Date acknowledged",
    "stage1_response": "Stage 1 response sent",
    "stage2_requested": "Stage 2 requested",
    "stage2_response": "Stage 2 response sent",
    "stage3_requested": "Stage 3 requested",
    "stage3_response": "Stage 3 response sent",
    "closed": "Date closed",
}


class Finding(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class RiskRating(models.TextChoices):
    # Adult procedure: the response time is set by the complaint's risk (docs/procedures.md).
    GREEN = "green", "Green (low risk)"
    AMBER = "amber", "Amber (medium risk)"
    RED = "red", "Red (high risk)"


class Investigator(models.TextChoices):
    INTERNAL = "internal", "From within the council"
    EXTERNAL = "external", "From outside the council"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"


class Consent(models.TextChoices):
    GIVEN = "given", "Consent given"
    AWAITED = "awaited", "Consent asked for, not yet received"
    CANNOT_GIVE = "cannot_give", "The person cannot give consent (lacks capacity, a child, or has died)"
    NOT_NEEDED = "not_needed", "Not needed"


class Redirection(models.TextChoices):
    SAFEGUARDING = "safeguarding", "Safeguarding enquiry"
    APPEAL = "appeal", "Appeal or tribunal"
    INSURANCE = "insurance", "Insurance claim"
    OTHER_ORGANISATION = "other_organisation", "Another organisation"
    ALREADY_CONSIDERED = "already_considered", "Matter already considered"
    EMPLOYEE = "employee", "Employee's complaint"
    OTHER = "other", "Other route"


class Person(models.Model):
    """Someone who makes a representation or receives the service it is about."""

    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField("Last name", max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["last_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or "Name not recorded"

    def age_on(self, day: dt.date) -> int | None:
        if not self.date_of_birth:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class WorkQueue:
    """The work queues' conditions on a case, each open: as conditions rather than querysets so
    that one query can count every queue (a filtered count each)."""

    @staticmethod
    def in_progress() -> Q:
        return Q(kind=Kind.COMPLAINT, ineligible=False, closed__isnull=True)

    @staticmethod
    def triage() -> Q:
        # Complaints, and anything sent through the online form, until an officer has routed it.
        return Q(closed__isnull=True, triaged=False) & (
            Q(kind=Kind.COMPLAINT, ineligible=False) | Q(submission__isnull=False)
        )

    @classmethod
    def acknowledgement(cls) -> Q:
        return cls.in_progress() & Q(acknowledgement_due__isnull=False, stage_acknowledged__isnull=True)

    @classmethod
    def allocation(cls) -> Q:
        return cls.in_progress() & Q(investigating_officer__isnull=True)

    @classmethod
    def overdue(cls, today: dt.date) -> Q:
        return cls.in_progress() & Q(due__lt=today, paused_since__isnull=True)

    @classmethod
    def due_between(cls, start: dt.date, end: dt.date) -> Q:
        return cls.in_progress() & Q(due__gte=start, due__lte=end, paused_since__isnull=True)

    @classmethod
    def paused(cls) -> Q:
        return cls.in_progress() & Q(paused_since__isnull=False)


class RepresentationQuerySet(models.QuerySet):
    def complaints(self) -> RepresentationQuerySet:
        return self.filter(kind=Kind.COMPLAINT)

    def open(self) -> RepresentationQuerySet:
        return self.filter(closed__isnull=True)

    def closed(self) -> RepresentationQuerySet:
        return self.filter(closed__isnull=False)

    # Work queues for the dashboards and the case list: the same condition gives a list here and
    # its count on the dashboard (redress.cases.queues.queue_counts, which counts every queue at once).
    def in_progress(self) -> RepresentationQuerySet:
        return self.filter(WorkQueue.in_progress())

    def awaiting_triage(self) -> RepresentationQuerySet:
        return self.filter(WorkQueue.triage())

    def awaiting_acknowledgement(self) -> RepresentationQuerySet:
        return self.filter(WorkQueue.acknowledgement())

    def awaiting_allocation(self) -> RepresentationQuerySet:
        return self.filter(WorkQueue.allocation())

    def overdue(self, today: dt.date) -> RepresentationQuerySet:
        return self.filter(WorkQueue.overdue(today))

    def due_between(self, start: dt.date, end: dt.date) -> RepresentationQuerySet:
        return self.filter(WorkQueue.due_between(start, end))

    def paused(self) -> RepresentationQuerySet:
        return self.filter(WorkQueue.paused())

    def received_between(self, start: dt.date, end: dt.date) -> RepresentationQuerySet:
        return self.filter(received__gte=start, received__lte=end)

    def visible_to(self, user) -> RepresentationQuerySet:
        """The cases this member of staff may see; everyone else's are invisible (404)."""
        from redress.accounts.models import Role

        if not (user.is_authenticated and user.can_open_cases):
            return self.none()
        if user.sees_all_cases:
            return self
        if user.role == Role.INVESTIGATING_OFFICER:
            return self.filter(investigating_officer=user)
        if user.role == Role.MANAGER:
            return self.filter(Q(service_area__in=ServiceArea.objects.managed_by(user)) | Q(investigating_officer=user))
        return self.none()

    def search(self, text: str) -> RepresentationQuerySet:
        """Every word in the reference, a name, the email address or the case's words; or the
        whole text as a phone number (spaces, +44 and a leading 0 ignored) or a postcode (case
        and spaces ignored), of the complainant or the person the case is about."""
        from .search import matching

        words = text.split()
        if not words:
            return self
        return matching(self, words, phone_digits(text), compact_postcode(text))


PHONE_PUNCTUATION = " -()+."


def phone_digits(text: str) -> str:
    """A phone number's digits after the country code or trunk 0 (07700 900123, +44 7700 900123
    and 0044 7700900123 all give 7700900123), or "" when the text is not a phone number."""
    if not re.fullmatch(r"[\d\s\-()+.]+", text.strip()):
        return ""
    digits = re.sub(r"\D", "", text)
    digits = re.sub(r"^(?:00)?44|^0", "", digits)
    return digits if len(digits) >= 6 else ""


def compact_postcode(text: str) -> str:
    """A postcode or the start of one ("SW1A 1AA", "sw1a1aa", "SW1A"), capitals without spaces."""
    compact = re.sub(r"\s", "", text).upper()
    return compact if re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?(?:\d[A-Z]{0,2})?", compact) else ""


# What the work queues (WorkQueue) test, for the dashboard's indexes of open cases; and the id,
# which PostgreSQL needs in an index to count from it alone (SQLite's indexes always hold it).
QUEUE_COLUMNS = [
    "kind",
    "ineligible",
    "triaged",
    "due",
    "paused_since",
    "acknowledgement_due",
    "stage_acknowledged",
    "stage",
    "id",
]


class Representation(models.Model):
    """A complaint, compliment, comment, initial enquiry or service request."""

    reference = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    procedure = models.ForeignKey(
        Procedure,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representations",
        help_text="Blank for a complaint not accepted under any procedure (ineligible).",
    )
    ineligible = models.BooleanField(default=False)
    redirected_to = models.CharField(max_length=30, choices=Redirection.choices, blank=True)
    redirection_details = models.TextField(blank=True)

    received = models.DateField()
    acknowledged = models.DateField(null=True, blank=True)
    method = models.ForeignKey(
        Lookup,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": LookupList.METHOD},
    )
    point_of_receipt = models.ForeignKey(
        Lookup,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": LookupList.POINT_OF_RECEIPT},
    )
    service_area = models.ForeignKey(
        ServiceArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representations",
        db_index=False,
    )

    # Who made it and who it is about (the same person when someone complains for themselves).
    complainant = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="representations_made"
    )
    service_user = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="representations_about"
    )
    relationship = models.ForeignKey(
        Lookup,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": LookupList.RELATIONSHIP},
        help_text="Who made it, in relation to the person receiving the service.",
    )
    consent = models.CharField(max_length=20, choices=Consent.choices, blank=True)
    advocate = models.BooleanField("Supported by an advocate", default=False)
    child_or_young_person = models.BooleanField("Made by a child or young person", default=False)

    # Equality monitoring of the person receiving the service, as at this case.
    # Blank is "not known"; "prefer not to say" is recorded as its own answer.
    su_age = models.PositiveSmallIntegerField("Age when received", null=True, blank=True)
    su_sex = models.CharField("Sex", max_length=20, choices=Sex.choices, blank=True)
    su_ethnicity = models.ForeignKey(
        Lookup,
        db_index=False,
        verbose_name="Ethnicity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": LookupList.ETHNICITY},
    )
    su_disability = models.CharField("Disability", max_length=20, choices=YesNo.choices, blank=True)
    su_primary_support_reason = models.ForeignKey(
        Lookup,
        db_index=False,
        verbose_name="Primary support reason",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name": LookupList.PRIMARY_SUPPORT_REASON},
    )

    summary = models.TextField(blank=True)

    # Stages and their dates (docs/interchange.md, section 2).
    stage = models.PositiveSmallIntegerField("Highest stage reached", default=1)
    target_days = models.PositiveSmallIntegerField(
        "Stage 1 timescale (working days)",
        null=True,
        blank=True,
        help_text="Leave blank to use the procedure's timescale.",
    )
    stage1_response = models.DateField(null=True, blank=True)
    stage2_requested = models.DateField(null=True, blank=True)
    stage2_response = models.DateField(null=True, blank=True)
    stage3_requested = models.DateField(null=True, blank=True)
    stage3_response = models.DateField(null=True, blank=True)
    extended_to = models.DateField(
        "Extended to",
        null=True,
        blank=True,
        help_text="Revised response date agreed with the complainant for the current stage.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    # Each stage's own finding and agreed date (interchange 1.1): the workflow keeps them as each
    # stage is answered or extended, so a report can judge every stage against its own extension.
    stage1_outcome = models.CharField("Stage 1 outcome", max_length=20, choices=Outcome.choices, blank=True)
    stage2_outcome = models.CharField("Stage 2 outcome", max_length=20, choices=Outcome.choices, blank=True)
    stage3_outcome = models.CharField("Stage 3 outcome", max_length=20, choices=Outcome.choices, blank=True)
    stage1_extended_to = models.DateField("Stage 1 extended to", null=True, blank=True)
    stage2_extended_to = models.DateField("Stage 2 extended to", null=True, blank=True)
    stage3_extended_to = models.DateField("Stage 3 extended to", null=True, blank=True)
    stage2_investigator = models.CharField(
        "Stage 2 investigating officer", max_length=10, choices=Investigator.choices, blank=True
    )
    joint_with = models.CharField(
        "Handled jointly with",
        max_length=100,
        blank=True,
        help_text="The other body, when it was handled jointly: for example the NHS (2009 Regulations, reg 9).",
    )
    closed = models.DateField(null=True, blank=True)
    provider_fault = models.BooleanField("Fault of a commissioned provider", default=False)
    remedy_amount = models.DecimalField(
        "Financial remedy paid (£)", max_digits=10, decimal_places=2, null=True, blank=True
    )

    # Where the case stands, kept up to date by the workflow (redress.cases.workflow) from its
    # events, and stored so that dashboards and reminders can query it cheaply.
    triaged = models.BooleanField(default=False)
    safeguarding = models.BooleanField("Referred to safeguarding", default=False)
    risk = models.CharField(max_length=10, choices=RiskRating.choices, blank=True)
    acknowledgement_due = models.DateField(null=True, blank=True)
    # The current stage's acknowledgement: stage 1's is `acknowledged`; a later stage that counts
    # its time from an acknowledgement (Complaint Handling Code, stage 2) has its own event.
    stage_acknowledged = models.DateField(null=True, blank=True)
    stage_started = models.DateField(null=True, blank=True)
    due = models.DateField("Response due", null=True, blank=True)
    paused_since = models.DateField(null=True, blank=True)
    independent_person = models.CharField(
        max_length=200, blank=True, help_text="Children's stage 2: the Independent Person, who is not an employee."
    )
    stage1_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,
    )

    investigating_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocated_cases",
    )

    # Compliments: who and what it is about.
    staff_named = models.CharField("Staff named", max_length=300, blank=True)
    themes = models.ManyToManyField(
        Lookup, blank=True, related_name="+", limit_choices_to={"list_name": LookupList.COMPLIMENT_THEME}
    )
    passed_to_staff = models.BooleanField("Passed to the staff member", default=False)
    passed_to_manager = models.BooleanField("Passed to their manager", default=False)
    # A compliment is quoted in a published report only in words a member of staff wrote for it
    # and marked as fit to quote; the summary as received is never printed.
    quote = models.TextField(
        "Words that may be quoted",
        blank=True,
        help_text="What the annual report may print, with no names or other details that could identify anyone.",
    )
    quote_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        db_index=False,
    )
    quote_approved = models.DateTimeField(null=True, blank=True, editable=False)

    created = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    updated = models.DateTimeField(auto_now=True)

    objects = RepresentationQuerySet.as_manager()

    class Meta:
        ordering = ["-received", "-pk"]
        # Each index is paid for by every case written (a Send, each row of an import), so the
        # foreign keys to lookups and staff have none of their own (db_index=False): cases are
        # listed by a procedure, a service area or an officer only through these, which lead with it.
        indexes = [
            models.Index(fields=["kind", "received"]),
            models.Index(fields=["procedure", "received"]),
            # The dashboard's work queues count open cases only: these hold every column a queue
            # tests, so its counts read a small index of the open cases and never the table; by
            # service area (a team, or the whole service) and by investigating officer (mine).
            # `closed` leads, though always empty here, so that SQLite, which has no statistics to
            # go on, prefers them to the index on `closed` for "closed IS NULL".
            models.Index(
                fields=["closed", "service_area", "investigating_officer", *QUEUE_COLUMNS],
                condition=Q(closed__isnull=True),
                name="open_cases_by_area_idx",
            ),
            models.Index(
                fields=["closed", "investigating_officer", "service_area", *QUEUE_COLUMNS],
                condition=Q(closed__isnull=True),
                name="open_cases_by_officer_idx",
            ),
            models.Index(fields=["closed", "received", "id"], name="case_closed_received"),
            # The case list's order and each of its filters, so a page reads 25 rows, not a million.
            models.Index(fields=["received", "id"], name="case_list_received"),
            models.Index(Upper("reference"), name="case_reference_upper"),  # a search that is a reference
            models.Index(fields=["received", "id"], condition=Q(closed__isnull=True), name="case_list_open_received"),
            models.Index(
                fields=["received", "id"], condition=Q(closed__isnull=False), name="case_list_closed_received"
            ),
            models.Index(fields=["received", "id"], condition=Q(ineligible=True), name="case_list_inelig_received"),
            models.Index(fields=["service_area", "received"], name="case_list_area_received"),
            models.Index(fields=["investigating_officer", "received"], name="case_list_officer_received"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(stage__gte=1, stage__lte=3), name="stage_between_1_and_3"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        if not self.reference:
            self.reference = next_reference(self.reference_prefix(), self.received.year)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.reference])

    def is_visible_to(self, user) -> bool:
        """Whether this member of staff may open the case, by the rule of its page (visible_to)."""
        return Representation.objects.visible_to(user).filter(pk=self.pk).exists()

    @property
    def is_anonymised(self) -> bool:
        """Its personal details were removed (redress/retention keeps the record of it)."""
        return hasattr(self, "anonymisation")

    @property
    def is_complaint(self) -> bool:
        return self.kind == Kind.COMPLAINT

    @property
    def status(self) -> str:
        if self.closed:
            return "Withdrawn" if self.outcome == Outcome.WITHDRAWN else "Closed"
        return "Open"

    @property
    def route(self) -> str:
        if not self.is_complaint:
            return self.get_kind_display()
        if self.ineligible:
            return "Ineligible"
        return self.procedure.name if self.procedure_id else "Not yet decided"

    @property
    def for_someone_else(self) -> bool:
        return bool(self.service_user_id and self.complainant_id != self.service_user_id)

    def reference_prefix(self) -> str:
        if self.kind != Kind.COMPLAINT:
            return KIND_PREFIXES[self.kind]
        if self.ineligible or not self.procedure_id:
            return INELIGIBLE_PREFIX
        return self.procedure.reference_prefix

    def findings_at(self, stage: int) -> list[tuple[Concern, ConcernFinding | None]]:
        """Each concern with its finding at this stage (None where it has none yet)."""
        from .findings import findings_at

        return findings_at(self, stage)

    def update_remedy_total(self) -> None:
        """Make the financial remedy paid the sum of the case's remedies, after one is recorded:
        the annual report counts money paid at the council's own stages from this total."""
        self.remedy_amount = self.remedies.aggregate(total=Sum("amount"))["total"]
        self.save(update_fields=["remedy_amount", "updated"])


class CaseSearch(models.Model):
    """What the case list's search looks in, one row a case, so that a search reads an index
    rather than every case, concern and person. Kept by redress.cases.search whenever a case,
    a concern or a person is saved, and after imports and anonymisation; lowercase."""

    case = models.OneToOneField(Representation, primary_key=True, on_delete=models.CASCADE, related_name="search_entry")
    # The reference, summary, concerns and both people's names and email, a line each.
    words = models.TextField(blank=True)
    # Both people's phone numbers (digits only) and postcodes (no spaces), each after a space.
    phones = models.TextField(blank=True)
    postcodes = models.TextField(blank=True)
    # The complainant's last and first names, for the list's sort by last name.
    sort_name = models.CharField(max_length=201, blank=True)
    received = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["sort_name", "-received", "-case"], name="case_search_by_name")]

    def __str__(self) -> str:
        return f"Search entry for case {self.case_id}"


CONCERN_LISTS = [LookupList.CONCERN_CATEGORY, LookupList.CORPORATE_CONCERN_CATEGORY]


def concern_list(procedure_code: str | None) -> str:
    """Corporate complaints have categories of their own; social care complaints share one list."""
    return LookupList.CORPORATE_CONCERN_CATEGORY if procedure_code == "corporate" else LookupList.CONCERN_CATEGORY


class Concern(models.Model):
    """One thing a complaint is about, which may carry its own finding."""

    representation = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="concerns")
    category = models.ForeignKey(
        Lookup,
        db_index=False,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name__in": CONCERN_LISTS, "parent__isnull": True},
    )
    subcategory = models.ForeignKey(
        Lookup,
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"list_name__in": CONCERN_LISTS, "parent__isnull": False},
    )
    description = models.TextField(blank=True)
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.subcategory.path if self.subcategory_id else self.category.label

    def get_additional_data(self) -> dict:
        """Lets the audit trail show changes to a concern on its case's page."""
        return {"case": self.representation_id}


STAGE_NUMBER = Q(stage__gte=1, stage__lte=3)


class StageFinding(models.Model):
    """What the council found at one stage, in its own words: the narrative of that stage's
    response. The stage's outcome is the case's `stageN_outcome`, set when the response is sent."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="stage_findings")
    stage = models.PositiveSmallIntegerField()
    narrative = models.TextField(blank=True)

    class Meta:
        ordering = ["stage"]
        constraints = [
            models.UniqueConstraint("case", "stage", name="one_finding_a_stage"),
            models.CheckConstraint(condition=STAGE_NUMBER, name="stage_finding_stage_between_1_and_3"),
        ]

    def __str__(self) -> str:
        return f"Stage {self.stage} findings"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


class ConcernFinding(models.Model):
    """A concern's finding at one stage. The concern's own `finding` is its latest, which the
    annual report counts (kept by redress.cases.findings.record_findings)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="findings")
    stage = models.PositiveSmallIntegerField()
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)
    narrative = models.TextField(
        "What we found",
        blank=True,
        help_text="How it was looked into and what was found, in words the complainant will read in the response.",
    )

    class Meta:
        ordering = ["stage", "concern"]
        constraints = [
            models.UniqueConstraint("concern", "stage", name="one_concern_finding_a_stage"),
            models.CheckConstraint(condition=STAGE_NUMBER, name="concern_finding_stage_between_1_and_3"),
        ]

    def __str__(self) -> str:
        return f"Stage {self.stage}: {self.get_finding_display() or 'no finding'}"

    def get_additional_data(self) -> dict:
        return {"case": self.concern.representation_id}


class PanelMember(models.Model):
    """One of the three independent people on a children's stage 3 review panel."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="panel_members")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    chair = models.BooleanField(default=False)

    class Meta:
        ordering = ["-chair", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}{' (chair)' if self.chair else ''}"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


class Response(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class PanelRecommendation(models.Model):
    """A review panel's recommendation and the council's response to it."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="panel_recommendations")
    text = models.TextField("Recommendation")
    response = models.CharField("The council's response", max_length=20, choices=Response.choices, blank=True)
    reasons = models.TextField(blank=True)
    responded = models.DateField("Response date", null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


class ReferenceCounter(models.Model):
    """The last number issued for each prefix and year."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint("prefix", "year", name="unique_reference_counter")]


def next_reference(prefix: str, year: int) -> str:
    """Issue the next reference, unique even when two officers save at the same moment.

    The counter row is incremented in the database (UPDATE ... SET n = n + 1), which takes a
    row lock, so two transactions can never read the same number; the same statement returns
    it. References already used (for example imported ones in the same format) are skipped.
    """
    council = Council.current()
    # No savepoint of its own: if anything fails, so does the save it is part of.
    with transaction.atomic(savepoint=False):
        while True:
            number = _increment_counter(prefix, year)
            if number is None:
                try:
                    with transaction.atomic():
                        ReferenceCounter.objects.create(prefix=prefix, year=year, last_number=1)
                except IntegrityError:
                    continue  # another transaction created it first; increment theirs
                number = 1
            reference = council.format_reference(prefix, year, number)
            if not Representation.objects.filter(reference=reference).exists():
                return reference


def _increment_counter(prefix: str, year: int) -> int | None:
    """Add one to the counter for this prefix and year and return the new number, in one
    statement (PostgreSQL and SQLite 3.35+ both return updated rows); None when it has no row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_referencecounter SET last_number = last_number + 1 WHERE prefix = %s AND year = %s "
            "RETURNING last_number",
            [prefix, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def reserve_references(prefix: str, year: int, count: int) -> list[str]:
    """Issue `count` references at once for a bulk import, skipping any already used."""
    council = Council.current()
    references: list[str] = []
    with transaction.atomic():
        while len(references) < count:
            wanted = count - len(references)
            updated = ReferenceCounter.objects.filter(prefix=prefix, year=year).update(
                last_number=F("last_number") + wanted
            )
            if not updated:
                ReferenceCounter.objects.create(prefix=prefix, year=year, last_number=wanted)
            last = ReferenceCounter.objects.get(prefix=prefix, year=year).last_number
            batch = [council.format_reference(prefix, year, n) for n in range(last - wanted + 1, last + 1)]
            taken = set(Representation.objects.filter(reference__in=batch).values_list("reference", flat=True))
            references.extend(r for r in batch if r not in taken)
    return references


class EventKind(models.TextChoices):
    TRIAGED = "triaged", "Triaged"
    SAFEGUARDING = "safeguarding", "Referred to safeguarding"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ALLOCATED = "allocated", "Allocated"
    EXTENDED = "extended", "Response date extended"
    PAUSED = "paused", "Clock paused"
    RESUMED = "resumed", "Clock restarted"
    PANEL_HELD = "panel_held", "Review panel met"
    PANEL_REPORTED = "panel_reported", "Review panel's report received"
    RESPONDED = "responded", "Response sent"
    ESCALATED = "escalated", "Next stage requested"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"
    DATE_CORRECTED = "date_corrected", "Date corrected"
    EXTENSION_WITHDRAWN = "extension_withdrawn", "Extension withdrawn"
    TIMESCALE_SET = "timescale_set", "Timescale set"


class CaseEvent(models.Model):
    """Something that happened to a case. Never changed or deleted: the case's state is
    worked out from its events, and its history is their list."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    stage = models.PositiveSmallIntegerField()
    date = models.DateField(help_text="The day it happened, in London.")
    due = models.DateField(null=True, blank=True, help_text="For an extension: the new response date.")
    reason = models.TextField(blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    # For a corrected date: which date, and what it said before.
    field = models.CharField(max_length=30, blank=True)
    previous = models.DateField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date:%-d %B %Y}"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            raise ValueError("Case events are a record of what happened and cannot be changed")
        super().save(*args, **kwargs)

    @property
    def details(self) -> str:
        """The event's particulars in the words the timeline shows."""
        if self.kind == EventKind.DATE_CORRECTED:
            before = f"{self.previous:%-d %B %Y}" if self.previous else "none"
            text = f"{DATE_LABELS.get(self.field, self.field)}: {before} corrected to {self.due:%-d %B %Y}."
        elif self.due:
            agreed = f", agreed {self.agreed_on:%-d %B %Y}" if self.agreed_on else ""
            text = f"New date {self.due:%-d %B %Y}{agreed}."
        else:
            text = ""
        return f"{text} {self.reason}".strip()


class Remedy(models.Model):
    """Something the council does to put things right: an apology, a reassessment, a payment."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="remedies")
    kind = models.ForeignKey(
        Lookup, on_delete=models.PROTECT, related_name="+", limit_choices_to={"list_name": LookupList.REMEDY_TYPE}
    )
    amount = models.DecimalField("Amount (£)", max_digits=10, decimal_places=2, null=True, blank=True)
    approved_by = models.CharField(
        "Payment approved by", max_length=200, blank=True, help_text="The director who agreed a payment."
    )
    details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded", "pk"]
        verbose_name_plural = "remedies"
        constraints = [
            # The case's total paid is the sum of its remedies: no amount may take from it.
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="remedy_amount_not_negative",
                violation_error_message="Amount must not be less than £0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind.label}{f' £{self.amount}' if self.amount else ''}"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


class Restriction(models.Model):
    """Limits on contact with someone whose contact is unreasonably persistent, with a review date.
    Shown on every case they are part of."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="restrictions")
    terms = models.TextField(help_text="What contact is allowed, for example one named officer by email only.")
    starts = models.DateField()
    review = models.DateField("Review by")
    ended = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts"]

    def __str__(self) -> str:
        return f"Contact restricted from {self.starts:%-d %B %Y}"


class ContactKind(models.TextChoices):
    CALL = "call", "Phone call"
    EMAIL = "email", "Email"
    MEETING = "meeting", "Meeting"
    VISIT = "visit", "Visit"
    LETTER = "letter", "Letter"
    NOTE = "note", "Case note"
    OTHER = "other", "Other contact"


class Direction(models.TextChoices):
    IN = "in", "From them to us"
    OUT = "out", "From us to them"


# The one entry a case's old free-text "Chronology of contacts" became (cases migration 0009).
CHRONOLOGY_BROUGHT_OVER = "Chronology brought over"


class Contact(models.Model):
    """One entry in a case's contact log: a call, email, meeting, visit or letter, with whom and
    when, or a case note by the officer. Shown in date order on the case and in its timeline."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField("What it was", max_length=10, choices=ContactKind.choices)
    direction = models.CharField("Which way", max_length=3, choices=Direction.choices, blank=True)
    with_whom = models.CharField("With whom", max_length=200, blank=True)
    date = models.DateField()
    time = models.TimeField(null=True, blank=True)
    summary = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", F("time").asc(nulls_first=True), "recorded", "pk"]

    def __str__(self) -> str:
        # No names: the audit trail shows this, and keeps it after the case is anonymised.
        return f"{self.get_kind_display()} on {self.date:%-d %B %Y}"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}

    @property
    def heading(self) -> str:
        """What the timeline's "What" column says: "Phone call, from them to us"."""
        way = f", {self.get_direction_display().lower()}" if self.direction else ""
        return f"{self.get_kind_display()}{way}"

    @property
    def details(self) -> str:
        return f"{self.with_whom}: {self.summary}" if self.with_whom else self.summary

    @property
    def moment(self) -> dt.datetime:
        """When it happened, for placing it among the case's events."""
        if self.time is None:
            return timezone.make_aware(dt.datetime.combine(self.date, dt.time.min))
        return timezone.make_aware(dt.datetime.combine(self.date, self.time))
