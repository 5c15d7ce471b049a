"""Track your case: a one-time code, emailed to the address on the case, lets the person see
where their case is. Wrong codes are counted per case, and too many lock the case's tracking for an hour."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redress.cases.models import CaseEvent, EventKind, Representation
from redress.notifications import reminders

from . import throttle
from .models import TrackingCode, TrackingLock
from .questions import KIND_NAMES

CODE_MINUTES = 15
WRONG_TRIES = 5
LOCK_MINUTES = 60
# Wrong tries a day apart are slips by the person, not guessing.
WRONG_TRIES_KEPT = dt.timedelta(days=1)

# What the person is told of each event; reasons and names of staff are internal.
PUBLIC_EVENTS = {
    EventKind.ACKNOWLEDGED: gettext_lazy("We acknowledged your complaint"),
    EventKind.ALLOCATED: gettext_lazy("An officer was given your complaint to look into"),
    EventKind.EXTENDED: gettext_lazy("We agreed a new date to reply: %(due)s"),
    EventKind.PAUSED: gettext_lazy("We paused the time limit"),
    EventKind.RESUMED: gettext_lazy("We restarted the time limit"),
    EventKind.PANEL_HELD: gettext_lazy("The review panel met"),
    EventKind.PANEL_REPORTED: gettext_lazy("The review panel sent its report"),
    EventKind.RESPONDED: gettext_lazy("We sent our response"),
    EventKind.ESCALATED: gettext_lazy("You asked for the next stage"),
    EventKind.WITHDRAWN: gettext_lazy("The complaint was withdrawn"),
    EventKind.CLOSED: gettext_lazy("We closed the case"),
    EventKind.REOPENED: gettext_lazy("We reopened the case"),
}


def _hash(case_id: int, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{case_id}:{code}".encode(), hashlib.sha256).hexdigest()


def locked_until(case: Representation) -> dt.datetime | None:
    return _lock_end(TrackingLock.objects.filter(case=case))


def _lock_end(locks) -> dt.datetime | None:
    return locks.filter(locked_until__gt=timezone.now()).values_list("locked_until", flat=True).first()


def find_case(reference: str, email: str) -> Representation | None:
    """The case with this reference whose complainant gave this email address, if any."""
    return (
        Representation.objects.select_related("complainant")
        .filter(reference__iexact=reference.strip(), complainant__email__iexact=email.strip())
        .exclude(complainant__email="")
        .first()
    )


def request_code(reference: str, email: str) -> tuple[Representation | None, dt.datetime | None]:
    """The case matching the reference and email address, if any, emailed a code unless it has had
    the codes allowed a case or an email address (beyond them the last code sent still works).
    If the case with this reference is locked, no case but when the lock ends, whichever email
    address was given, so that the answer never says whether the address was the right one."""
    until = _lock_end(TrackingLock.objects.filter(case__reference__iexact=reference.strip()))
    if until:
        return None, until
    case = find_case(reference, email)
    if (
        case
        and throttle.allow_for("track-email-case", str(case.pk))
        and throttle.allow_for("track-email-address", case.complainant.email.strip().lower())
    ):
        send_code(case)
    return case, None


def send_code(case: Representation) -> None:
    """Email a new code; any earlier code stops working."""
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    with transaction.atomic():
        TrackingCode.objects.filter(case=case, used__isnull=True).update(expires=now)
        TrackingCode.objects.create(
            case=case, code_hash=_hash(case.pk, code), expires=now + dt.timedelta(minutes=CODE_MINUTES)
        )
        reminders.queue(
            f"track-code:{case.pk}:{now.timestamp()}",
            case.complainant.email,
            _("Your code to see your case"),
            _(
                "Your code is %(code)s\n\nIt works once, for %(minutes)s minutes. If you did not ask for it, "
                "you can ignore this email: no one can see your case without it."
            )
            % {"code": code, "minutes": CODE_MINUTES},
            case,
        )


def check_code(case: Representation, code: str) -> bool:
    """Whether the code is the latest one sent and still good. Wrong codes count against the case,
    whichever code they were meant for, and the last wrong try allowed locks tracking of the case."""
    now = timezone.now()
    with transaction.atomic():
        # Every check of a case's codes waits for the one before, so a code works only once.
        lock = TrackingLock.objects.select_for_update().get_or_create(case=case)[0]
        if lock.locked_until and lock.locked_until > now:
            return False
        latest = TrackingCode.objects.filter(case=case, used__isnull=True, expires__gt=now).order_by("-created").first()
        if latest and hmac.compare_digest(latest.code_hash, _hash(case.pk, code.strip())):
            latest.used = now
            latest.save(update_fields=["used"])
            lock.delete()
            return True
        if lock.last_wrong is None or lock.last_wrong < now - WRONG_TRIES_KEPT:
            lock.wrong_tries = 0
        lock.wrong_tries += 1
        lock.last_wrong = now
        if lock.wrong_tries >= WRONG_TRIES:
            lock.wrong_tries = 0
            lock.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
            TrackingCode.objects.filter(case=case, used__isnull=True).update(expires=now)
        lock.save()
        return False


def public_events(case: Representation) -> list[dict]:
    """The key events the person may see, oldest first, starting with when we received it."""
    events = [
        {
            "date": case.received,
            "text": _("We received your %(kind)s")
            % {"kind": KIND_NAMES.get(case.kind, case.get_kind_display().lower())},
        }
    ]
    for event in CaseEvent.objects.filter(case=case, kind__in=PUBLIC_EVENTS):
        text = str(PUBLIC_EVENTS[event.kind])
        if event.kind == EventKind.EXTENDED and event.due:
            text = text % {"due": f"{event.due:%-d %B %Y}"}
        events.append({"date": event.date, "text": text})
    for contribution in case.contributions.all():
        events.append({"date": timezone.localdate(contribution.added), "text": _("You sent us more information")})
    return sorted(events, key=lambda e: e["date"])


def public_status(case: Representation) -> str:
    if case.closed:
        return _("Closed")
    if not case.is_complaint:
        return _("Received")
    if case.paused_since:
        return _("On hold")
    stage = case.procedure.stage(case.stage) if case.procedure else None
    name = stage.name if stage else _("Stage %(number)s") % {"number": case.stage}
    return _("Being looked into: %(stage)s") % {"stage": name}
