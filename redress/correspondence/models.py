from django.conf import settings
from django.db import models
from django.utils import timezone


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    EXTENSION = "extension", "Extension"
    RESPONSE = "response", "Stage response"
    CLOSURE = "closure", "Closure"


# Letters that end a stage must say how to take the complaint further (Regulations and the Code).
MUST_EXPLAIN_ESCALATION = {LetterKind.RESPONSE, LetterKind.CLOSURE}
# Only a stage response is quality checked before it goes: the other letters are routine, built
# from the case's dates, and an acknowledgement has only days to go out.
CHECKED_BEFORE_SENDING = {LetterKind.RESPONSE}


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"


class SentBy(models.TextChoices):
    EMAIL_ATTACHED = "email_attached", "By email, with the letter attached as a PDF"
    EMAIL_BODY = "email_body", "By email, with the letter in the body of the email"
    POST = "post", "By post"


class LetterTemplate(models.Model):
    """The council's wording for a letter, with {{ merge fields }} filled in from the case."""

    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Leave blank for a letter used by every procedure.",
    )
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Paragraphs separated by a blank line.")
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "procedure"]
        constraints = [models.UniqueConstraint("kind", "procedure", name="one_template_per_kind_and_procedure")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} letter" + (f" ({self.procedure})" if self.procedure_id else "")


class CaseLetter(models.Model):
    """A letter produced for a case, kept as the Word and PDF files that were sent."""

    case = models.ForeignKey("cases.Representation", on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    subject = models.CharField(max_length=200)
    text = models.TextField()
    word = models.FileField(upload_to="letters/")
    pdf = models.FileField(upload_to="letters/")
    produced_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    produced = models.DateTimeField(default=timezone.now)
    stage = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    # What was sent, to whom, how and when: blank until it goes.
    sent = models.DateTimeField(null=True, blank=True)
    sent_how = models.CharField("Sent", max_length=20, choices=SentBy.choices, blank=True)
    sent_to = models.CharField(max_length=254, blank=True, help_text="The email address it was sent to.")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-produced", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} letter, {timezone.localtime(self.produced):%-d %B %Y}"

    @property
    def needs_approval(self) -> bool:
        return self.kind in CHECKED_BEFORE_SENDING

    @property
    def editable(self) -> bool:
        return not self.sent and self.status in {LetterStatus.DRAFT, LetterStatus.RETURNED}


class ReviewStep(models.TextChoices):
    SUBMITTED = "submitted", "Submitted for approval"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"


class LetterReview(models.Model):
    """One step of a stage response's quality check: submitted by the investigating officer,
    then returned with comments or approved by a manager or complaints officer. Never changed."""

    letter = models.ForeignKey(CaseLetter, on_delete=models.CASCADE, related_name="reviews")
    step = models.CharField(max_length=20, choices=ReviewStep.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter.get_kind_display().lower()} letter {self.get_step_display().lower()}"

    def get_additional_data(self) -> dict:
        return {"case": self.letter.case_id}
