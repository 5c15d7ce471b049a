"""A letter's way from draft to the complainant: editing, the stage response's quality check
(submitted, then returned with comments or approved) and sending by email or post."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from redress.accounts.models import Role

from .letters import render_files
from .models import CaseLetter, LetterKind, LetterReview, LetterStatus, ReviewStep, SentBy

# Who checks a stage response before it goes (the issue: "the manager or complaints officer").
REVIEWERS = {Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.MANAGER}


def may_write(user, case) -> bool:
    """Draft, submit and send the case's letters: the complaints team and the case's investigating officer."""
    return user.can_edit_cases or case.investigating_officer_id == user.pk


def may_review(user) -> bool:
    return user.is_active and user.role in REVIEWERS


def _require_unsent(letter: CaseLetter) -> None:
    if letter.sent:
        raise ValidationError("This letter has been sent and cannot be changed")


@transaction.atomic
def edit(letter: CaseLetter, *, by, subject: str, text: str) -> None:
    """Change the draft's words; its Word and PDF files are made again from them."""
    _require_unsent(letter)
    if not letter.editable:
        raise ValidationError("The letter is waiting for approval or approved: it cannot be changed now")
    letter.subject, letter.text = subject, text
    render_files(letter)
    letter.save()


def _review(letter: CaseLetter, step: str, by, comment: str = "") -> None:
    LetterReview.objects.create(letter=letter, step=step, by=by, comment=comment)
    letter.status = {
        ReviewStep.SUBMITTED: LetterStatus.SUBMITTED,
        ReviewStep.RETURNED: LetterStatus.RETURNED,
        ReviewStep.APPROVED: LetterStatus.APPROVED,
    }[step]
    letter.save(update_fields=["status"])


@transaction.atomic
def submit(letter: CaseLetter, *, by) -> None:
    _require_unsent(letter)
    if not letter.needs_approval:
        raise ValidationError(f"An {letter.get_kind_display().lower()} letter is sent without approval")
    if letter.status not in {LetterStatus.DRAFT, LetterStatus.RETURNED}:
        raise ValidationError("The letter has already been submitted")
    _review(letter, ReviewStep.SUBMITTED, by)


@transaction.atomic
def decide(letter: CaseLetter, *, by, approve: bool, comment: str = "") -> None:
    """The reviewer approves the response, or returns it with what needs to change."""
    _require_unsent(letter)
    if letter.status != LetterStatus.SUBMITTED:
        raise ValidationError("The letter has not been submitted for approval")
    submitted = letter.reviews.filter(step=ReviewStep.SUBMITTED).last()
    if approve and submitted and submitted.by_id == by.pk:
        raise ValidationError("Someone other than the person who submitted the letter must approve it")
    if not approve and not comment.strip():
        raise ValidationError("Say what needs to change before returning the letter")
    _review(letter, ReviewStep.APPROVED if approve else ReviewStep.RETURNED, by, comment.strip())


def cannot_send(letter: CaseLetter) -> str:
    """Why the letter cannot go yet, or blank when it can."""
    if letter.sent:
        return "This letter has already been sent"
    if letter.needs_approval and letter.status != LetterStatus.APPROVED:
        return "A stage response is sent only once a manager or complaints officer has approved it"
    return ""


def email_address(letter: CaseLetter) -> str:
    complainant = letter.case.complainant
    return complainant.email if complainant else ""


@transaction.atomic
def send(letter: CaseLetter, *, by, how: str) -> None:
    """Send the letter by email through the outbox (the PDF attached, or its words in the body),
    or record that it was posted."""
    from redress.notifications.reminders import queue

    problem = cannot_send(letter)
    if problem:
        raise ValidationError(problem)
    if how not in SentBy.values:
        raise ValidationError("Select how the letter is sent")
    letter.sent_to = ""
    if how != SentBy.POST:
        address = email_address(letter)
        if not address:
            raise ValidationError("The complainant has no email address: add it to the case, or send it by post")
        attached = how == SentBy.EMAIL_ATTACHED
        body = (
            f"{letter.text}\n\n--\nOur reference: {letter.case.reference}"
            if not attached
            else f"Please find attached our letter about your complaint {letter.case.reference}.\n\nComplaints team"
        )
        pdf = letter if attached else None
        queue(f"letter:{letter.pk}", address, letter.subject, body, letter.case, attachment=pdf)
        letter.sent_to = address
    letter.sent, letter.sent_how, letter.sent_by = timezone.now(), how, by
    letter.save(update_fields=["sent", "sent_how", "sent_to", "sent_by"])
    case = letter.case
    if letter.needs_approval and letter.stage == case.stage and not getattr(case, f"stage{case.stage}_response"):
        # The approved response going out is the stage's response, recorded through the workflow
        # (which may refuse it, e.g. while the clock is paused; then nothing is sent).
        from redress.cases import workflow

        workflow.respond(case, by=by, date=timezone.localdate())


# How long after an acknowledgement or a closure the case page asks for its letter: long enough to
# send it, short enough that cases handled before letters were kept in Redress do not ask forever.
PROMPT_DAYS = 14


def letter_prompt(case) -> dict | None:
    """The letter the case now calls for, in the days after its closure or the current stage's
    acknowledgement is recorded, until that letter is produced."""
    from redress.cases.workflow import stage_acknowledged

    since = timezone.localdate() - dt.timedelta(days=PROMPT_DAYS)
    letters = case.letters.all()
    if case.closed:
        written = letters.filter(kind=LetterKind.CLOSURE, produced__date__gte=case.closed).exists()
        if case.closed >= since and not written:
            return {"kind": LetterKind.CLOSURE, "label": "closure", "event": "closure"}
        return None
    acknowledged = stage_acknowledged(case)
    if (
        acknowledged
        and acknowledged >= since
        and not letters.filter(kind=LetterKind.ACKNOWLEDGEMENT, stage=case.stage).exists()
    ):
        return {"kind": LetterKind.ACKNOWLEDGEMENT, "label": "acknowledgement", "event": "acknowledgement"}
    return None
