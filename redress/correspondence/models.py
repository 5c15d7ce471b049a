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

    class Meta:
        ordering = ["-produced", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} letter, {timezone.localtime(self.produced):%-d %B %Y}"
