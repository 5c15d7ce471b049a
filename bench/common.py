"""What the benchmarks share: production settings for a command or server run here, a Django
shell's output, a free port on loopback, and the percentile every timing is reported by."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """Production settings, as a council's server runs them, but over plain HTTP on loopback.
    One fixed key, so sessions made in a shell beforehand are good on the server."""
    return {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDRESS_TESTING"}},
        "DATABASE_URL": database_url,
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REDRESS_ENV_FILE": "",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def django_output(database_url: str, code: str, **extra: str) -> str:
    """What `manage.py shell -c code` prints."""
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment(database_url, **extra),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], pct: int) -> float:
    """Nearest rank: the smallest value at least pct% of the values are no greater than."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]
