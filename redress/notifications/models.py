from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """An email (or a text message through GOV.UK Notify) waiting to go. Written in the same
    transaction as the change that causes it, so a rolled-back change sends nothing; sent by the
    worker, at most twice if the first try fails."""

    key = models.CharField(max_length=200, unique=True, help_text="Stops the same reminder being queued twice.")
    channel = models.CharField(max_length=10, choices=[("email", "Email"), ("sms", "Text message")], default="email")
    to = models.CharField(max_length=254, help_text="An email address, or a phone number for a text message.")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    case = models.ForeignKey("cases.Representation", null=True, blank=True, on_delete=models.CASCADE)
    attachment = models.ForeignKey(
        "correspondence.CaseLetter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A letter whose PDF goes with the email.",
    )
    created = models.DateTimeField(default=timezone.now)
    claimed = models.DateTimeField(null=True, blank=True)
    sent = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.subject


class DailyRun(models.Model):
    """The day the reminders were queued: one row a day, so two schedulers never both run it."""

    date = models.DateField(unique=True)
    started = models.DateTimeField(default=timezone.now)
