"""Rate limits for the public pages, kept in the database so that every web server process
shares them (no shared cache is needed; django-ratelimit needs Redis or Memcached)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from redress.client_address import counted_address

from .models import Throttle

# action: (times allowed, in how many minutes). Most count what one address does; the
# track-email ones count the codes emailed for one case and to one email address, whoever asks.
LIMITS = {
    "submit": (10, 60),
    "upload": (40, 60),
    "track-request": (5, 60),
    "track-code": (20, 60),
    "add-information": (20, 60),
    "track-email-case": (3, 60),
    "track-email-address": (10, 24 * 60),
    # Staff asking for a password reset link: from one address, and to one account's email.
    "password-reset": (10, 60),
    "password-reset-email": (3, 60),
}


def allow(request, action: str) -> bool:
    """Count one more of `action` from this address; False once the limit for the window is passed."""
    return allow_for(action, counted_address(request))


def allow_for(action: str, what: str) -> bool:
    """Count one more of `action` for `what` (an address, a case, an email address), which is
    stored only as a keyed hash; False once the limit for the window is passed. Always True,
    counting nothing, when PUBLIC_RATE_LIMITS is off (a load test)."""
    if not settings.PUBLIC_RATE_LIMITS:
        return True
    allowed, minutes = LIMITS[action]
    now = timezone.now()
    seconds = minutes * 60
    window = dt.datetime.fromtimestamp(now.timestamp() // seconds * seconds, tz=dt.UTC)
    key = hmac.new(settings.SECRET_KEY.encode(), what.encode(), hashlib.sha256).hexdigest()
    with transaction.atomic():
        rows = Throttle.objects.filter(action=action, key=key, window=window)
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    Throttle.objects.create(action=action, key=key, window=window, count=1)
            except IntegrityError:
                rows.update(count=F("count") + 1)
        return rows.get().count <= allowed


def forget_before(moment: dt.datetime) -> int:
    return Throttle.objects.filter(window__lt=moment).delete()[0]
