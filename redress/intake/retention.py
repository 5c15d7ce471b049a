"""Forgetting what is no longer needed: forms never sent, old codes and rate-limit counts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from . import throttle
from .models import Attachment, Draft, TrackingCode, TrackingLock


def forget_abandoned(now: dt.datetime) -> int:
    """Delete forms left unsent for longer than INTAKE_DRAFT_DAYS, with their files, and sent
    forms' leftover drafts. Returns how many drafts went."""
    cutoff = now - dt.timedelta(days=settings.INTAKE_DRAFT_DAYS)
    old = Draft.objects.filter(updated__lt=cutoff)
    with transaction.atomic():
        for attachment in Attachment.objects.filter(draft__in=old, case__isnull=True):
            attachment.file.delete(save=False)
            attachment.delete()
        count = old.delete()[1].get("intake.Draft", 0)
    TrackingCode.objects.filter(created__lt=now - dt.timedelta(days=1)).delete()
    # A lock ends an hour after the last wrong code, and wrong codes count for a day.
    TrackingLock.objects.filter(last_wrong__lt=now - dt.timedelta(days=1)).delete()
    throttle.forget_before(now - dt.timedelta(days=1))
    return count
