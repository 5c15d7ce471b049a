"""Signing in with the council's identity provider over OpenID Connect (Microsoft Entra ID, or any
other provider), through mozilla-django-oidc.

A sign-in is matched to an existing, active staff account by email address; nobody gets an
account by signing in. The provider checks its own second factor (Entra enforces its own), so
these sign-ins skip Redress's code step. The provider's endpoints are read from its discovery
document when only its issuer is set (OIDC_OP_ISSUER), and kept for an hour.
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import two_factor

logger = logging.getLogger(__name__)

# Our setting for each endpoint, and its name in the provider's discovery document.
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
# Seconds the provider's clock may be from ours when its tokens' times are checked.
CLOCK_LEEWAY = 60
# Why the last sign-in through the provider was refused, for the page that says so.
REFUSED = "redress_oidc_refused"


class ProviderUnavailable(Exception):
    pass


def is_configured() -> bool:
    if not (settings.OIDC_RP_CLIENT_ID and settings.OIDC_RP_CLIENT_SECRET):
        return False
    return bool(settings.OIDC_OP_ISSUER) or all(getattr(settings, name) for name in ENDPOINTS)


def discovery(issuer: str) -> dict:
    """The provider's published configuration (its endpoints and keys' address)."""
    key = f"oidc-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(
                issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            logger.warning("The identity provider's discovery document could not be read: %s", type(error).__name__)
            raise ProviderUnavailable from error
        if document.get("issuer") != issuer:
            logger.warning("The identity provider's discovery document names another issuer")
            raise ProviderUnavailable
        cache.set(key, document, 60 * 60)
    return document


def provider_setting(name: str, *default):
    """mozilla-django-oidc's settings, with endpoints not set explicitly taken from discovery."""
    value = import_from_settings(name, *default)
    if name in ENDPOINTS and not value and settings.OIDC_OP_ISSUER:
        return discovery(settings.OIDC_OP_ISSUER)[ENDPOINTS[name]]
    return value


class CouncilSignInBackend(OIDCAuthenticationBackend):
    """Finds the staff account for a sign-in at the identity provider."""

    get_settings = staticmethod(provider_setting)
    # Django's: a session of someone since switched off is no longer signed in.
    get_user = ModelBackend.get_user

    def __init__(self, *args, **kwargs):
        # Django makes a backend for every sign-in and every signed-in request: the provider's
        # endpoints are read only when one is needed, in authenticate.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; the password step never comes here.
        if request is None or "nonce" not in kwargs or not is_configured():
            return None
        try:
            for name in ENDPOINTS:
                setattr(self, name, self.get_settings(name))
            self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
            self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
            self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
            self.OIDC_RP_IDP_SIGN_KEY = None
            return super().authenticate(request, **kwargs)
        except (ProviderUnavailable, requests.ConnectionError, requests.Timeout) as error:
            logger.warning("The identity provider could not be reached: %s", type(error).__name__)
            request.session[REFUSED] = {"reason": "unavailable"}
        except (requests.RequestException, jwt.InvalidTokenError) as error:
            logger.warning("The identity provider's answer was refused: %s", type(error).__name__)
        return None

    def _verify_jws(self, payload, key):
        """mozilla-django-oidc's check of the signature and times, allowing the provider's clock
        to be a minute from ours."""
        if jwt.get_unverified_header(payload).get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The token is not signed the way the provider signs")
        options = {"verify_aud": False}  # checked in verify_token, on the ID token only
        return jwt.decode(payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], options=options, leeway=CLOCK_LEEWAY)

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:
            # The ID token must be for us and from the provider we trust (mozilla-django-oidc
            # checks neither).
            audience = payload.get("aud")
            audiences = audience if isinstance(audience, list) else [audience]
            if settings.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("The ID token is for another client")
            if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
                raise SuspiciousOperation("The ID token is from another issuer")
        return payload

    def verify_claims(self, claims):
        if not claims.get("email"):
            self.request.session[REFUSED] = {"reason": "no-email"}
            return False
        return True

    def filter_users_by_claims(self, claims):
        users = super().filter_users_by_claims(claims).filter(is_active=True)
        if len(users) != 1:
            self.request.session[REFUSED] = {"reason": "unknown", "email": claims.get("email", "")}
        return users

    def create_user(self, claims):
        raise SuspiciousOperation("Signing in never creates an account")


def refused(request, reason: str, email: str = ""):
    status = 503 if reason == "unavailable" else 403
    return render(request, "accounts/sign_in_refused.html", {"reason": reason, "email": email}, status=status)


class OnlyWhenConfigured:
    """Page not found, whatever the method, until the council's identity provider is set up."""

    def dispatch(self, request, *args, **kwargs):
        if not is_configured():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CouncilSignInStart(OnlyWhenConfigured, OIDCAuthenticationRequestView):
    """Sends the person to the identity provider to sign in."""

    get_settings = staticmethod(provider_setting)

    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # the endpoint is read in get, where a failure can be shown

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable:
            return refused(request, "unavailable")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class CouncilSignInCallback(OnlyWhenConfigured, OIDCAuthenticationCallbackView):
    """Where the identity provider sends the person back: signed in, or told why not."""

    get_settings = staticmethod(provider_setting)

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A stale or forged answer: a state this browser never asked for, a token for another client.
            return refused(request, "failed")

    def login_success(self):
        self.request.session.pop(two_factor.PENDING, None)
        return super().login_success()

    def login_failure(self):
        why = self.request.session.pop(REFUSED, None) or {"reason": "failed"}
        return refused(self.request, why["reason"], why.get("email", ""))
