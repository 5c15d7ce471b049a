"""Sign-in lockout, through django-axes, counted by the address the visitor connected from as
our proxy saw it (redress/client_address.py), never a shared proxy address.

Five failed sign-ins to one account from one address lock that account for that address only, so
no one can lock a colleague out from elsewhere. Trying a few passwords on each of many accounts
stays under that, so an address where sign-ins to SIGN_IN_ADDRESS_LIMIT different user names
failed within the cool-off time is refused for every account until they age out."""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.shortcuts import render


def address_refused(request) -> bool:
    recent = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address or None, attempt_time__gte=get_cool_off_threshold(request)
    )
    return recent.values("username").distinct().count() >= settings.SIGN_IN_ADDRESS_LIMIT


class SignInHandler(AxesDatabaseHandler):
    """Axes's own handler, which also refuses an address that failed for too many accounts."""

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or address_refused(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and not request.axes_locked_out and address_refused(request):
            request.axes_locked_out = True


def locked_out(request, original_response=None, credentials=None):
    """The page for a refused sign-in: the account locked from here, or the whole address."""
    template = "accounts/address_refused.html" if address_refused(request) else "accounts/locked_out.html"
    return render(request, template, status=settings.AXES_HTTP_RESPONSE_CODE)
