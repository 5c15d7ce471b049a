"""Production settings and the headers every page carries."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_deployment_checks_pass_with_production_settings(clamd_socket):
    env = {
        "CLAMD_SOCKET": clamd_socket,
        "PATH": os.environ["PATH"],
        "REDRESS_ENV_FILE": "",  # as in production, whatever `make run` left on this machine
        "SECRET_KEY": "a-long-random-production-key-" + "k" * 40,
        "ALLOWED_HOSTS": "complaints.example.gov.uk",
        "DATABASE_URL": "sqlite:////tmp/redress-check.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {"PATH": os.environ["PATH"], "REDRESS_ENV_FILE": "", "ALLOWED_HOSTS": "complaints.example.gov.uk"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_pages_carry_a_content_security_policy_and_no_framing(client, db):
    response = client.get("/account/sign-in/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'nonce-" in policy and "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response.headers["X-Frame-Options"] == "DENY"
