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
