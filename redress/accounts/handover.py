"""When someone leaves: their open cases, learning actions and Ombudsman remedies go to another
person in one step, and their account is switched off."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from redress.cases import workflow
from redress.cases.models import Representation
from redress.learning.models import LearningAction
from redress.notifications.reminders import queue

from .models import Role, User, record_account_change
from .pickers import ALLOCATABLE


@dataclass
class OpenWork:
    cases: QuerySet
    learning_actions: QuerySet
    remedies: QuerySet

    @classmethod
    def of(cls, person: User) -> OpenWork:
        from redress.ombudsman.models import Recommendation

        return cls(
            cases=Representation.objects.filter(investigating_officer=person, closed__isnull=True).select_related(
                "procedure"
            ),
            learning_actions=LearningAction.objects.open().filter(owner=person),
            remedies=Recommendation.objects.outstanding().filter(owner=person),
        )

    def counts(self) -> dict[str, int]:
        return {
            "cases": self.cases.count(),
            "learning_actions": self.learning_actions.count(),
            "remedies": self.remedies.count(),
        }

    def receivers(self) -> tuple[str, ...]:
        """The roles that may hold all of it: an investigating role for cases, else anyone who opens cases."""
        return ALLOCATABLE if self.cases.exists() else tuple(role for role in Role if role != Role.REPORTING)


def check_receiver(person: User, receiver: User, work: OpenWork) -> None:
    """Why `receiver` cannot take `person`'s work, as a ValidationError, or nothing."""
    if receiver == person:
        raise ValidationError(f"Choose someone other than {person}")
    if not receiver.is_active:
        raise ValidationError(f"{receiver}'s account is switched off: choose someone who can sign in")
    if receiver.role not in work.receivers():
        raise ValidationError(
            f"{receiver} is a {receiver.get_role_display().lower()}, who cannot "
            + ("investigate complaints" if work.cases.exists() else "own learning actions or remedies")
        )
    # Complaint Handling Code: the stage 2 handler must not be the stage 1 handler.
    conflicts = [c.reference for c in work.cases if c.stage == 2 and _corporate(c) and c.stage1_handler == receiver]
    if conflicts:
        raise ValidationError(f"{receiver} handled stage 1 of {', '.join(conflicts)}: choose someone else for stage 2")


def _corporate(case: Representation) -> bool:
    return bool(case.procedure) and case.procedure.code == "corporate"


@transaction.atomic
def hand_over(person: User, receiver: User, *, by: User) -> dict[str, int]:
    """Move the work, each case through the workflow (an allocation event, so its trail and
    deadlines stay right), then switch the account off and end its sessions. Returns the counts."""
    if person == by:
        raise ValidationError("You cannot switch off your own account")
    work = OpenWork.of(person)
    check_receiver(person, receiver, work)
    counts = work.counts()
    today = timezone.localdate()
    for case in work.cases:
        workflow.allocate(case, by=by, date=today, officer=receiver, tell_officer=False)
    # One at a time, so that the audit trail records each change of owner.
    for item in [*work.learning_actions, *work.remedies]:
        item.owner = receiver
        item.save()
    ended = timezone.now()
    person.is_active, person.sessions_ended_at = False, ended
    person.save(update_fields=["is_active", "sessions_ended_at"])
    record_account_change(person, by, "is_active", True, False)
    record_account_change(person, by, "sessions_ended_at", None, ended)
    record_account_change(person, by, "work_handed_over_to", "", f"{receiver.username}: {summary(counts)}")
    if any(counts.values()):
        queue(
            f"handed-over:{person.pk}:{ended.isoformat()}",
            receiver.email,
            f"{person}'s work has been handed over to you",
            f"{person} has left and {by} has handed over their open work to you: {summary(counts)}. "
            f"They are on your list of work:\n\n{settings.SITE_URL}{reverse('cases:home')}",
        )
    return counts


def summary(counts: dict[str, int]) -> str:
    def things(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return ", ".join(
        [
            things(counts["cases"], "open case", "open cases"),
            things(counts["learning_actions"], "learning action", "learning actions"),
            things(counts["remedies"], "remedy", "remedies"),
        ]
    )
