"""Production settings and the headers every page carries."""

import os
import subprocess
import sys
import time
from pathlib import Path

from redress.intake import views as intake
from redress.intake.tests.helpers import daughter_for_mother, fill_in

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


def _no_store(response) -> bool:
    return {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_the_public_pages_with_personal_answers_are_never_stored(client, make_case):
    """Check your answers and Track your case show what a person wrote: a shared computer's
    browser, or a proxy, must not keep them."""
    answers = fill_in(client, daughter_for_mother())
    assert "susan.hughes@example.com" in answers.content.decode() and _no_store(answers)
    case = make_case()
    session = client.session
    session.update({intake.TRACK_CASE: case.pk, intake.TRACK_UNTIL: time.time() + 600})
    session.save()
    tracked = client.get("/track/case/")
    assert tracked.status_code == 200 and case.reference in tracked.content.decode() and _no_store(tracked)
    assert _no_store(client.get("/feedback/"))  # no exceptions: nothing is stored


def test_staff_pages_and_downloads_are_never_stored(client, officer, make_case):
    client.force_login(officer)
    case = make_case()
    for url in (case.get_absolute_url(), "/cases/?q=Hughes", "/reports/team/weekly/?format=xlsx"):
        response = client.get(url)
        assert response.status_code == 200 and _no_store(response), url


def test_static_files_keep_their_cache(client):
    response = client.get("/static/redress/init.js")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "no-store" not in response["Cache-Control"]
