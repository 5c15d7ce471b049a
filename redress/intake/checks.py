"""`manage.py check --deploy`: files people send are checked for viruses, and the public pages'
rate limits are on."""

from django.conf import settings
from django.core import checks

from .files import clamd_answers

CLAMAV = "redress.intake.files.clamav"


@checks.register(checks.Tags.security, deploy=True)
def virus_scanner(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.ATTACHMENT_SCANNER != CLAMAV:
        return []  # another scanner, which knows its own set-up
    if not settings.CLAMD_SOCKET:
        return [
            checks.Warning(
                "No virus scanner is set up: files people send are kept without a virus check.",
                hint="Install clamav-daemon and set CLAMD_SOCKET to its socket, e.g. /run/clamav/clamd.ctl.",
                id="intake.W001",
            )
        ]
    if not clamd_answers():
        return [
            checks.Warning(
                f"ClamAV does not answer at CLAMD_SOCKET ({settings.CLAMD_SOCKET}): every file people send "
                "will be refused until it does.",
                hint="Start clamav-daemon and check CLAMD_SOCKET is its LocalSocket.",
                id="intake.W002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def rate_limits(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.PUBLIC_RATE_LIMITS:
        return []
    return [
        checks.Error(
            "PUBLIC_RATE_LIMITS is off: anyone can send forms, ask for tracking codes and guess them without limit.",
            hint="Remove PUBLIC_RATE_LIMITS=off; it is only for load tests (bench/public_form.py).",
            id="intake.E001",
        )
    ]
