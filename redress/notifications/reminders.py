"""Which reminders are due on a given day, and sending what is waiting in the outbox."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from redress.accounts.models import Role, User
from redress.cases.models import Representation
from redress.procedures.calendar import current_calendar

from .models import OutboxMessage
from .notify import send_sms

log = logging.getLogger(__name__)
DAYS_BEFORE_DUE = 2
MAX_ATTEMPTS = 2  # the first try and one retry


def queue(
    key: str,
    to: str,
    subject: str,
    body: str,
    case=None,
    channel: str = "email",
    attachment=None,
    *,
    new_key: bool = False,
) -> bool:
    """Add a message unless one with this key was already queued. The worker sends it as soon as
    the change that queued it is saved; the scheduler's minute-by-minute check is the safety net.
    `attachment`: a case letter whose PDF goes with the email. `new_key`: the key names a record
    made in this transaction (a case just created), so no message can have it yet, and the
    savepoint that would catch a repeat is two statements saved."""
    if not to:
        return False
    message = OutboxMessage(
        key=key, to=to, subject=subject, body=body, case=case, channel=channel, attachment=attachment
    )
    if new_key:
        message.save(force_insert=True)
        _send_on_commit()
        return True
    try:
        with transaction.atomic():
            message.save(force_insert=True)
    except IntegrityError:
        return False
    _send_on_commit()
    return True


def _send_on_commit() -> None:
    """Queue the send task when the current transaction commits (at once outside one): one send
    for a transaction, however many messages it adds. Robust, so that a failure to queue it never
    undoes a saved change or shows the user an error: the scheduler then sends within a minute."""
    connection = transaction.get_connection()
    if any(getattr(callback, "pending", False) for _, callback, _ in connection.run_on_commit):
        return

    def send_messages_soon() -> None:
        from .tasks import send_messages  # tasks.py imports this module

        send_messages_soon.pending = False
        send_messages.enqueue()

    send_messages_soon.pending = True
    transaction.on_commit(send_messages_soon, robust=True)


def _email(message: OutboxMessage) -> None:
    email = EmailMessage(message.subject, message.body, None, [message.to])
    letter = message.attachment
    if letter is not None:
        with letter.pdf.open("rb") as pdf:
            email.attach(f"{letter.case.reference}-{letter.kind}.pdf", pdf.read(), "application/pdf")
    email.send()


def case_link(case) -> str:
    """The full address of a case's page (a complaint or an Ombudsman case), for an email."""
    return f"{settings.SITE_URL}{case.get_absolute_url()}"


def queue_reminders(today: dt.date) -> int:
    """Queue every reminder due today. Safe to run more than once a day: keys stop repeats."""
    calendar = current_calendar()
    queued = 0
    cases = Representation.objects.in_progress().select_related("investigating_officer", "service_area__manager")
    soon = calendar.add_working_days(today, DAYS_BEFORE_DUE)
    for case in cases.filter(due=soon, paused_since__isnull=True, investigating_officer__isnull=False):
        officer = case.investigating_officer
        queued += queue(
            f"due-soon:{case.pk}:{case.stage}:{case.due}",
            officer.email,
            f"{case.reference}: response due {case.due:%-d %B}",
            f"The stage {case.stage} response to {case.reference} is due on {case.due:%A %-d %B %Y}.\n\n"
            + case_link(case),
            case,
        )
    for case in cases.overdue(today):
        manager = case.service_area.manager if case.service_area else None
        to = manager.email if manager else settings.COMPLAINTS_TEAM_EMAIL
        queued += queue(
            f"overdue:{case.pk}:{case.stage}:{case.due}",
            to,
            f"Overdue: {case.reference} was due {case.due:%-d %B}",
            f"The stage {case.stage} response to {case.reference} was due on {case.due:%A %-d %B %Y} and has "
            f"not been sent. Investigating officer: {case.investigating_officer or 'not allocated'}.\n\n"
            + case_link(case),
            case,
        )
    late = cases.awaiting_acknowledgement().filter(acknowledgement_due__lt=today)
    officers = list(User.objects.filter(role=Role.COMPLAINTS_OFFICER, is_active=True).exclude(email=""))
    for case in late:
        for officer in officers:
            queued += queue(
                f"ack-late:{case.pk}:{officer.pk}",
                officer.email,
                f"Acknowledgement late: {case.reference}",
                f"{case.reference} was received on {case.received:%-d %B %Y} and should have been acknowledged by "
                f"{case.acknowledgement_due:%-d %B %Y}.\n\n{case_link(case)}",
                case,
            )
    return queued


def send_outbox() -> tuple[int, int]:
    """Send waiting messages; a failure is retried once on the next run. Returns (sent, failed)."""
    sent = failed = 0
    waiting = OutboxMessage.objects.filter(sent__isnull=True, attempts__lt=MAX_ATTEMPTS)
    for message in waiting.filter(Q(claimed__isnull=True)):
        # Claim it first, so that two workers never send the same message.
        if not OutboxMessage.objects.filter(pk=message.pk, claimed__isnull=True).update(claimed=timezone.now()):
            continue
        try:
            if message.channel == "sms":
                send_sms(message.to, message.body)
            else:
                _email(message)
        except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried once
            OutboxMessage.objects.filter(pk=message.pk).update(
                attempts=message.attempts + 1, claimed=None, last_error=type(error).__name__
            )
            log.warning("Email %s failed (attempt %s)", message.pk, message.attempts + 1)
            failed += 1
        else:
            OutboxMessage.objects.filter(pk=message.pk).update(sent=timezone.now(), attempts=message.attempts + 1)
            sent += 1
    return sent, failed
