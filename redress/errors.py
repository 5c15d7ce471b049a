"""The pages people see when something goes wrong, as the GOV.UK Design System words them:
"Page not found", and "Sorry, there is a problem with the service".

While the database is away (stopped, restarting, unreachable, or a SQLite file locked for
longer than its timeout) every page answers 503 with Retry-After rather than a bare 500.
Nothing is lost: what people saved before is still in the database when it is back."""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.urls import reverse
from django.utils.translation import get_language

# The database cannot be reached or written just now, as opposed to a fault in Redress.
OUTAGE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 300


def _is_public(request) -> bool:
    return request.path.startswith((reverse("intake:start"), reverse("tracking:start")))


def _context(request) -> dict:
    public = _is_public(request)
    return {
        "layout": "intake/base.html" if public else "base.html",
        "public": public,
        "days": settings.INTAKE_DRAFT_DAYS,
    }


def _without_database(request, template: str, status: int) -> HttpResponse:
    # Rendered without the context processors, which read the council and the signed-in user
    # from the database; the CSRF token and language come from the request alone.
    context = {
        "request": request,
        "csrf_token": get_token(request),
        "LANGUAGE_CODE": get_language(),
        **_context(request),
    }
    return HttpResponse(loader.get_template(template).render(context), status=status)


def service_unavailable(request, template: str = "503.html") -> HttpResponse:
    response = _without_database(request, template, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def page_not_found(request, exception=None) -> HttpResponse:
    # The database is normally there, so the page can name the council and its phone number;
    # when it is not, Django hands the failure to server_error, which answers 503.
    return HttpResponse(loader.render_to_string("404.html", _context(request), request), status=404)


def server_error(request) -> HttpResponse:
    """handler500: Django calls it while handling the exception, which says whether the
    database is away (503, try again shortly) or something else went wrong (500)."""
    if isinstance(sys.exception(), OUTAGE):
        return service_unavailable(request)
    return _without_database(request, "500.html", 500)
