"""How long a signed-in session lasts, enforced on the server: it ends after SESSION_IDLE_MINUTES
with no request, SESSION_MAX_HOURS after signing in whatever is done, and at the next request
once an administrator ends the person's sessions. Pages warn before the idle limit (the GOV.UK
timeout warning, static/redress/timeout.js) but nothing depends on the script."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .decorators import administrator_required
from .models import User, record_account_change

SIGNED_IN, SEEN, SIGNED_OUT = "redress_signed_in", "redress_seen", "redress_signed_out_because"
IDLE, TOO_LONG, ENDED = "idle", "too_long", "ended"
# Pages a person who must change their password can still reach.
BEFORE_CHANGING = {"accounts:password-change", "accounts:sign-out", "accounts:signed-out", "accounts:keep-alive"}


@receiver(user_logged_in)
def _start(sender, request, user, **kwargs):
    now = time.time()
    request.session[SIGNED_IN] = request.session[SEEN] = now
    request.session.pop(SIGNED_OUT, None)


def why_ended(session, user: User, now: float) -> str | None:
    """Why this session has ended, or None while it may go on."""
    signed_in = session.get(SIGNED_IN, now)
    if user.sessions_ended_at and signed_in <= user.sessions_ended_at.timestamp():
        return ENDED
    if now - signed_in > settings.SESSION_MAX_HOURS * 3600:
        return TOO_LONG
    if now - session.get(SEEN, now) > settings.SESSION_IDLE_MINUTES * 60:
        return IDLE
    return None


class SessionLimits:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            if reason := why_ended(request.session, user, now):
                logout(request)
                request.session[SIGNED_OUT] = reason
                return redirect("accounts:signed-out")
            request.session.setdefault(SIGNED_IN, now)  # a session from before these limits
            request.session[SEEN] = now
            if user.must_change_password and _page(request) not in BEFORE_CHANGING:
                return redirect("accounts:password-change")
        return self.get_response(request)


def _page(request) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def warning_times() -> dict:
    minutes = settings.SESSION_IDLE_MINUTES
    return {"minutes": minutes, "warn": min(2, minutes / 2)}


def timeout_warning(request) -> dict:
    """For base.html's time-out warning, on every page a signed-in person sees."""
    user = getattr(request, "user", None)
    return {"session_timeout": warning_times()} if user and user.is_authenticated else {}


def keep_alive(request):
    """The warning's Stay signed in button: the request itself counts as doing something (the
    middleware has noted it; once the session has ended it answers with the signed-out page)."""
    return HttpResponse(status=204 if request.user.is_authenticated else 401)


def signed_out(request):
    if request.user.is_authenticated:
        return redirect("cases:home")  # still signed in (busy in another tab, say)
    return render(
        request,
        "accounts/signed_out.html",
        {"reason": request.session.get(SIGNED_OUT), "hours": settings.SESSION_MAX_HOURS, **warning_times()},
    )


@require_POST
@administrator_required
def end_sessions(request, pk: int):
    """Sign a person out everywhere, at their next request: after a lost laptop, say."""
    person = get_object_or_404(User, pk=pk)
    before = person.sessions_ended_at
    person.sessions_ended_at = timezone.now()
    person.save(update_fields=["sessions_ended_at"])
    record_account_change(person, request.user, "sessions_ended_at", before, person.sessions_ended_at)
    if person == request.user:
        return redirect("accounts:signed-out")
    messages.success(request, f"{person} has been signed out everywhere")
    return redirect(reverse("accounts:staff-edit", args=[person.pk]))
