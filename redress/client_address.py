"""The address a request came from, as our own proxies saw it.

Each trusted proxy appends the address it was connected from to X-Forwarded-For (nginx:
`$proxy_add_x_forwarded_for`), so with TRUSTED_PROXY_COUNT of them the visitor's address is that
many entries from the right. Anything further left was written by the visitor and is never read.
The rate limits of the public pages, the sign-in lockout and the audit trail all use it."""

from __future__ import annotations

import ipaddress
import logging

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings

log = logging.getLogger(__name__)
_warned = False


def _parse(entry: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address, allowing the port some load balancers add ("203.0.113.7:5123", "[2001:db8::1]:443")."""
    entry = entry.strip()
    if entry.startswith("["):
        entry = entry[1:].partition("]")[0]
    elif entry.count(":") == 1:
        entry = entry.partition(":")[0]
    try:
        address = ipaddress.ip_address(entry)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def _client(request) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    global _warned
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count and forwarded.strip():
        entries = forwarded.split(",")
        # Fewer entries than proxies: the request skipped the outer ones, and every entry there
        # is was still written by a proxy of ours, the leftmost nearest the visitor.
        return _parse(entries[-min(count, len(entries))]) or remote
    if not count and forwarded and remote and (remote.is_loopback or remote.is_private) and not _warned:
        _warned = True
        log.warning(
            "Requests come through a proxy but TRUSTED_PROXY_COUNT is 0, so every visitor shares the "
            "proxy's address for the rate limits and the sign-in lockout."
        )
    return remote


def client_address(request) -> str:
    """The visitor's address, or "" when there is none (a Unix socket)."""
    address = _client(request)
    return str(address) if address else ""


def counted_address(request) -> str:
    """The address that limits and lockouts count by: the visitor's, or for IPv6 its /64 network,
    since one home or phone is given the whole /64 and could otherwise change address at will."""
    address = _client(request)
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address)
    return str(address) if address else ""


class TrustedProxyAuditlogMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware records the first X-Forwarded-For entry, which the visitor
    writes; the audit trail records the address our proxy saw instead."""

    @staticmethod
    def _get_remote_addr(request):
        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_address(request) or None
