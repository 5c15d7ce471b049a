"""The council's identity provider for tests: a real OpenID Connect provider (oidc-provider, an
npm development dependency) run by node on a free port, configured with Redress as its client."""

import contextlib
import json
import os
import subprocess
from pathlib import Path

from django.core.cache import cache

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "redress-tests"
CLIENT_SECRET = "a client secret for the tests only"  # noqa: S105 - the local provider's


@contextlib.contextmanager
def identity_provider(*redirect_uris: str):
    """Start the provider, with Redress as its client for `redirect_uris`; gives its issuer."""
    env = {
        **os.environ,
        "CLIENT_ID": CLIENT_ID,
        "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URIS": ",".join(redirect_uris),
    }
    process = subprocess.Popen(
        ["node", str(SCRIPT)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    try:
        ready = process.stdout.readline()
        assert ready, "the local identity provider did not start: is node_modules installed (npm ci)?"
        yield json.loads(ready)["issuer"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def use_provider(settings, issuer: str) -> None:
    """Point Redress at the provider by its issuer alone, so that its endpoints come from its
    discovery document, as Entra ID's do."""
    cache.clear()  # the discovery document of an earlier test's provider
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = issuer
    settings.OIDC_PROVIDER_NAME = "Northbridge council account"
