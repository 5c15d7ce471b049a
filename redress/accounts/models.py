import datetime as dt

from auditlog.models import LogEntry
from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    COMPLAINTS_OFFICER = "complaints_officer", "Complaints officer"
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    MANAGER = "manager", "Manager"
    LINK_OFFICER = "link_officer", "Ombudsman link officer"
    REPORTING = "reporting", "Read-only reporting"


class User(AbstractUser):
    """A member of staff. What they may see and do follows from their role."""

    role = models.CharField(max_length=32, choices=Role.choices, default=Role.REPORTING)
    job_title = models.CharField(max_length=200, blank=True)
    # Set when an administrator chooses the password: only the person should know it.
    must_change_password = models.BooleanField(default=False)
    # Sessions that began before this time end at their next request (accounts/sessions.py).
    sessions_ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def sees_all_cases(self) -> bool:
        # The link officer sends the Ombudsman complaint files, so reads every case.
        return self.is_active and self.role in {Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.LINK_OFFICER}

    @property
    def can_edit_cases(self) -> bool:
        return self.is_active and self.role in {Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER}

    @property
    def handles_ombudsman(self) -> bool:
        return self.is_active and self.role in {Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.LINK_OFFICER}

    @property
    def can_keep_performance(self) -> bool:
        """Enter performance figures, commentary and targets, and import the national data."""
        return self.is_active and self.role in {Role.ADMINISTRATOR, Role.MANAGER, Role.REPORTING}

    @property
    def can_configure(self) -> bool:
        return self.is_active and self.role == Role.ADMINISTRATOR

    @property
    def can_read_audit(self) -> bool:
        return self.sees_all_cases

    @property
    def can_read_reports(self) -> bool:
        return self.is_active and self.role != Role.INVESTIGATING_OFFICER

    @property
    def can_open_cases(self) -> bool:
        """Read-only reporting users see aggregate reports, never an individual's case."""
        return self.is_active and self.role != Role.REPORTING


def record_account_change(person: User, by: User, field: str, before, after) -> None:
    """An audit entry for something done to an account beyond its details (which are not on the
    audit trail): a password set by an administrator, sessions ended."""
    as_text = [value.isoformat() if isinstance(value, dt.datetime) else value for value in (before, after)]
    LogEntry.objects.log_create(person, action=LogEntry.Action.UPDATE, actor=by, changes={field: as_text})
