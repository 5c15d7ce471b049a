"""Two-factor authentication: a code from an authenticator app after the password.

Devices and recovery codes are django-otp's (a TOTP device, and a static device whose tokens are
the recovery codes). Nobody is signed in (django.contrib.auth.login) until the second step has
passed: the password step only leaves a pending sign-in in the session, which `pending_user`
reads back. Sign-ins through the council's identity provider skip this: the provider checks
its own second factor.
"""

import base64
import math
import re
import time

import segno
from auditlog.models import LogEntry
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

PENDING = "redress_pending_sign_in"
# Long enough to find the phone and type a code; after that the password is asked for again.
PENDING_SECONDS = 10 * 60
RECOVERY_CODES = 10
APP_NAME = "Authenticator app"


def begin_sign_in(request, user: User, next_url: str) -> None:
    """Remember that the password was right, without signing anyone in."""
    request.session[PENDING] = {"user": user.pk, "backend": user.backend, "next": next_url, "at": time.time()}


def pending_user(request) -> User | None:
    """The person whose password was just accepted, while the code step is still open."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return User.objects.filter(pk=pending.get("user"), is_active=True).first()


def finish_sign_in(request, user: User) -> str:
    """Sign in for real, now that the second factor has passed; returns where to go next."""
    pending = request.session.pop(PENDING)
    login(request, user, backend=pending["backend"])
    return pending["next"]


def authenticator(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_set_up(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def start_set_up(user: User) -> TOTPDevice:
    """The authenticator being set up: the same one each time the set-up page is shown."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def secret_key(device: TOTPDevice) -> str:
    """The key as people type it into an app, in groups of four: "ABCD EFGH ..."."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code(device: TOTPDevice) -> str:
    """A data: address of an SVG QR code for the app to scan."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def check_code(user: User, code: str, *, device: TOTPDevice | None = None, recovery: bool = True):
    """The device that accepts the code, or a ValidationError saying what is wrong with it.

    Six digits are checked against the authenticator app (each code works once, so a code seen
    over someone's shoulder is no use); anything else against the recovery codes, each of which
    is used up. `device` is an authenticator still being set up."""
    code = re.sub(r"[\s-]", "", code).lower()
    if not code:
        raise ValidationError("Enter the code from your authenticator app", code="required")
    from_app = code.isdigit() and len(code) == 6
    if from_app:
        candidates = [device] if device else list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    elif recovery and not device:
        candidates = list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    else:
        raise ValidationError("Enter the 6-digit code from your authenticator app", code="invalid")
    with transaction.atomic():
        for candidate in candidates:
            candidate = type(candidate).objects.select_for_update().get(pk=candidate.pk)
            allowed, details = candidate.verify_is_allowed()
            if not allowed:
                wait = math.ceil((details["locked_until"] - timezone.now()).total_seconds())
                # django-otp doubles the wait after each wrong code: 1, 2, 4... seconds.
                seconds = "1 second" if wait == 1 else f"{wait} seconds"
                raise ValidationError(
                    f"The last code entered was wrong. Wait {seconds}, then try again",
                    code="throttled",
                )
            if candidate.verify_token(code):
                return candidate
    if from_app:
        message = "The code is wrong or has already been used. Enter the latest code from your authenticator app"
    else:
        message = "That recovery code is wrong or has already been used"
    raise ValidationError(message, code="wrong")


def confirm_set_up(device: TOTPDevice, by: User) -> list[str]:
    """Put the authenticator into use, replacing any other, and give out the first recovery codes."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(device.user, by, "set up")
        return new_recovery_codes(device.user, by)


def new_recovery_codes(user: User, by: User) -> list[str]:
    """A fresh set of recovery codes; any earlier ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Recovery codes")
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        record(user, by, "new recovery codes")
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def reset(person: User, by: User) -> None:
    """Forget someone's authenticator and recovery codes (a lost phone): they set up again at
    their next sign-in."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=person).delete()
        StaticDevice.objects.filter(user=person).delete()
        record(person, by, "reset")


def record(person: User, by: User, what: str) -> None:
    """An audit entry on the person's account: who did what to their two-factor authentication."""
    LogEntry.objects.log_create(
        person,
        action=LogEntry.Action.UPDATE,
        actor=by,
        changes={"two-factor authentication": [None, what]},
        force_log=True,
    )
