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

from .models import Throttle

# action: (times allowed, in how many minutes)
LIMITS = {
    "submit": (10, 60),
    "upload": (40, 60),
    "track-request": (5, 60),
    "track-code": (20, 60),
    "add-information": (20, 60),
}


def client_key(request) -> str:
    """A keyed hash of the address the request came from, so no address is stored."""
    # Behind a proxy, CLIENT_ADDRESS_HEADER names the header holding the visitor's address.
    address = request.META.get(settings.CLIENT_ADDRESS_HEADER, "").split(",")[0].strip()
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def allow(request, action: str) -> bool:
    """Count one more of `action` from this address; False once the limit for the window is passed."""
    allowed, minutes = LIMITS[action]
    now = timezone.now()
    window = now - dt.timedelta(minutes=now.minute % minutes, seconds=now.second, microseconds=now.microsecond)
    key = client_key(request)
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
