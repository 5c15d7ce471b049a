"""What the public send through the online form, and what they add to it afterwards."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from redress.cases.models import Representation


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Draft(models.Model):
    """The online form's answers so far, saved at every step: going back, a lost connection or a
    timed-out session loses nothing. Kept for a week at most, then deleted."""

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    answers = models.JSONField(
        default=dict, help_text="Each page's answers by its slug; _young for the young people's form."
    )
    started = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)
    # Set in the same transaction as the case is created, so a second press of Send finds it.
    case = models.OneToOneField(Representation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"Draft started {self.started:%-d %B %Y %H:%M}"


class Submission(models.Model):
    """The person's own words from the online form, laid out for the officer who triages it."""

    case = models.OneToOneField(Representation, on_delete=models.CASCADE, related_name="submission")
    submitted = models.DateTimeField(default=timezone.now)
    young_person = models.BooleanField(default=False)
    advocate_requested = models.BooleanField("Asked us to find an advocate", default=False)
    preferred_contact = models.CharField(max_length=10, blank=True)
    support_needs = models.TextField("Help needed to contact them", blank=True)
    language = models.CharField("Language for contact", max_length=100, blank=True)
    consent_details = models.TextField("Why the person cannot agree", blank=True)
    what_happened = models.TextField(blank=True)
    desired_outcome = models.TextField("What they would like to happen", blank=True)
    answers = models.JSONField(default=list, help_text="Each question and answer as the person saw them.")

    def __str__(self) -> str:
        return f"Online submission {self.case.reference}"


class Contribution(models.Model):
    """Information the person added later through Track your case."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="contributions")
    text = models.TextField(blank=True)
    added = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added", "pk"]

    def __str__(self) -> str:
        return f"Information added on {timezone.localtime(self.added):%-d %B %Y}"

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


def attachment_path(instance: models.Model, filename: str) -> str:
    # Under MEDIA_ROOT, which no web server serves, with a random name: the person's file name
    # never reaches the file system.
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Scan(models.TextChoices):
    CLEAN = "clean", "Checked for viruses"
    NOT_SCANNED = "not_scanned", "Not checked for viruses: no scanner is set up"


class ActiveContent(models.TextChoices):
    """What a PDF can do when opened, beyond showing its pages; the labels finish "This PDF contains"."""

    SCRIPTS = "scripts", "scripts"
    LAUNCH = "launch", "actions that start other programs"
    EMBEDDED_FILES = "embedded_files", "other files inside it"


# Content types people may send, by what the file really is, with the endings it may keep when
# downloaded; any other gets the first added, so a PDF named letter.html opens as a PDF, never as
# a page in the browser.
ALLOWED_TYPES = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/heic": (".heic", ".heif"),
    "application/msword": (".doc",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "text/plain": (".txt",),
}


class StoredFile(models.Model):
    """A file kept outside the web root, typed by its content and checked for viruses, only ever
    served as a download to staff who may see what it belongs to."""

    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField("File name", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    scan = models.CharField(max_length=20, choices=Scan.choices)
    uploaded = models.DateTimeField(default=timezone.now)
    active_content = models.JSONField(
        "What the PDF can do when opened", default=list, blank=True, help_text="ActiveContent codes."
    )

    class Meta:
        abstract = True
        ordering = ["uploaded", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def active_content_warning(self) -> str:
        """What staff read beside the file and before downloading it."""
        if not self.active_content:
            return ""
        things = [ActiveContent(code).label for code in self.active_content]
        listed = " and ".join([", ".join(things[:-1]), things[-1]] if len(things) > 1 else things)
        return (
            f"This PDF contains {listed}. Open it only in your web browser, not in Adobe Acrobat or Reader, "
            "and do not open any file inside it. If you were not expecting this, ask IT to check it first."
        )

    @property
    def download_name(self) -> str:
        endings = ALLOWED_TYPES.get(self.content_type)
        if not endings or self.name.lower().endswith(endings):
            return self.name
        return self.name + endings[0]


class Attachment(StoredFile):
    """A document or photo sent with a case."""

    case = models.ForeignKey(
        Representation, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    draft = models.ForeignKey(Draft, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    # Documents staff add to the case file (casework): what it is, and who added it.
    description = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(StoredFile.Meta):
        pass

    def get_additional_data(self) -> dict:
        return {"case": self.case_id}


class TrackingCode(models.Model):
    """A one-time code emailed to the person so they can see their case online."""

    case = models.ForeignKey(Representation, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]


class TrackingLock(models.Model):
    """Wrong codes entered for a case, whichever code they were entered against, and until when
    too many of them stop the case being seen online."""

    case = models.OneToOneField(Representation, on_delete=models.CASCADE, primary_key=True, related_name="+")
    wrong_tries = models.PositiveSmallIntegerField(default=0)
    last_wrong = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)


class Throttle(models.Model):
    """How often one address (or case, or email address) did one thing in one window, for rate
    limits that hold across every web server process (a shared database row, incremented
    atomically, rather than a cache)."""

    action = models.CharField(max_length=30)
    key = models.CharField(
        max_length=64,
        help_text="A keyed hash of what is counted (an address, a case, an email address), never the thing itself.",
    )
    window = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint("action", "key", "window", name="unique_throttle_window")]
