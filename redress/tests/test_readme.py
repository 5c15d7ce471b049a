"""Every command the README shows works when pasted as written, after `make run`.

The project is copied to a temporary folder, so it has its own `.env`, SQLite database and
output files. There `make .env` writes the local settings as `make run` does, the database is
migrated and the demonstration council loaded as `make run` does, and then each ```sh block of
the README runs in bash, in a terminal (createsuperuser asks its questions there), as someone
would type it: no DEBUG, SECRET_KEY or DATABASE_URL in the environment, and the clock fixed by
faketime so that the demonstration years and the report's year never depend on today.

Not run: `make run`, which starts the server and is what this test stands in for, and
`make test`, which runs the suite this test belongs to. The PostgreSQL block runs against the
test PostgreSQL server (the suite's DATABASE_URL, or PGHOST and friends, or
postgres@127.0.0.1 as .ci/run uses) in a database of its own, and is skipped only when no
PostgreSQL server answers.
"""

from __future__ import annotations

import csv
import json
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
# A Monday inside the demonstration's three financial years for the README's --year 2025.
CLOCK = "2026-06-15 10:00:00"
FAKETIME = shutil.which("faketime")
NOT_RUN = {
    "make run": "starts the server; this test does what it does before serving",
    "make test": "runs the whole suite, this test included",
}
# What a person types at createsuperuser's questions.
SUPERUSER_PASSWORD = "plum-kettle-harbour-19"
ANSWERS = {
    "createsuperuser": [
        ("Username", "pgadministrator"),
        ("Email address", "pgadministrator@example.gov.uk"),
        ("Password:", SUPERUSER_PASSWORD),
        ("Password (again)", SUPERUSER_PASSWORD),
    ]
}


def sh_blocks(markdown: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^```sh\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)]


def commands(block: str) -> list[str]:
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def user_environment(**extra: str) -> dict[str, str]:
    """A shell's environment: none of the suite's settings (REDRESS_TESTING, DATABASE_URL, ...)."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if name in os.environ}
    env.update(TERM="dumb", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run(args: list[str], cwd: Path, clock: bool = False, **env: str) -> subprocess.CompletedProcess:
    if clock:
        args = [FAKETIME, CLOCK, *args]
    return subprocess.run(args, cwd=cwd, env=user_environment(**env), capture_output=True, text=True, timeout=300)


def run_in_terminal(script: str, cwd: Path, answers: list[tuple[str, str]], **env: str) -> tuple[int, str]:
    """Run a bash script in a pseudo-terminal under the fixed clock, answering each prompt in turn."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [FAKETIME, CLOCK, "bash", "-c", "set -eo pipefail\n" + script],
        cwd=cwd,
        env=user_environment(**env),
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    output, searched_to, waiting = b"", 0, list(answers)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # the terminal closes when the script ends
                    chunk = b""
                if not chunk:
                    break
                output += chunk
                if waiting and (found := output.find(waiting[0][0].encode(), searched_to)) >= 0:
                    searched_to = found + len(waiting[0][0])
                    os.write(controller, waiting.pop(0)[1].encode() + b"\n")
            elif process.poll() is not None:
                break
        else:
            process.kill()
            pytest.fail(f"Still running after 5 minutes:\n{script}\n{output.decode(errors='replace')}")
        return process.wait(timeout=30), output.decode(errors="replace").replace("\r\n", "\n")
    finally:
        os.close(controller)


def copy_project(destination: Path) -> None:
    for name in ("manage.py", "Makefile"):
        shutil.copy2(ROOT / name, destination / name)
    for name in ("redress", "locale", "docs"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in (".venv", "node_modules"):
        (destination / name).symlink_to(ROOT / name)


@dataclass
class Project:
    path: Path
    without_local_file: subprocess.CompletedProcess
    local_file: str
    local_file_after_second_make: str


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    if FAKETIME is None:
        pytest.fail("This test needs faketime (apt-get install faketime; make test installs it)")
    path = tmp_path_factory.mktemp("readme")
    copy_project(path)
    without_local_file = run([".venv/bin/python", "-c", "import redress.settings"], path)
    # As `make run` does; the Python environment is the project's, already installed.
    make_env = ["make", "--no-print-directory", "--old-file=.make/python", ".env"]
    made = run(make_env, path)
    assert made.returncode == 0, made.stderr
    local_file = (path / ".env").read_text()
    run(make_env, path)
    for step in (["migrate", "--no-input"], ["load_demo_data"]):
        done = run([".venv/bin/python", "manage.py", *step], path, clock=True)
        assert done.returncode == 0, done.stdout + done.stderr
    return Project(path, without_local_file, local_file, (path / ".env").read_text())


def test_without_a_local_file_redress_refuses_to_start_without_a_secret_key(project):
    assert project.without_local_file.returncode != 0
    assert "Set SECRET_KEY" in project.without_local_file.stderr


def test_make_writes_the_local_settings_once_git_ignored_and_readable_only_by_their_owner(project):
    lines = dict(line.split("=", 1) for line in project.local_file.splitlines() if not line.startswith("#"))
    assert lines["DEBUG"] == "1"
    assert len(lines["SECRET_KEY"]) >= 50
    assert project.local_file_after_second_make == project.local_file
    assert (project.path / ".env").stat().st_mode & 0o077 == 0
    ignored = subprocess.run(["git", "check-ignore", "--quiet", ".env"], cwd=ROOT, check=False)
    assert ignored.returncode == 0


def postgres_environment() -> dict[str, str] | None:
    """How to reach the test PostgreSQL server, or None when none answers."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlsplit(url)
        env = {"PGHOST": parts.hostname, "PGPORT": parts.port, "PGUSER": parts.username, "PGPASSWORD": parts.password}
    else:
        names = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD")
        env = {name: os.environ[name] for name in names if name in os.environ} or {
            "PGHOST": "127.0.0.1",
            "PGUSER": "postgres",
        }
    env = {name: str(value) for name, value in env.items() if value}
    if not shutil.which("pg_isready"):
        return None
    answered = subprocess.run(["pg_isready", "--quiet"], env=user_environment(**env), check=False, timeout=30)
    return env if answered.returncode == 0 else None


def check_outputs(block: str, output: str, cwd: Path) -> None:
    """What the README says each command gives, beyond finishing without an error."""
    for command in commands(block):
        words = shlex.split(command, comments=True)
        if "manage.py" not in words:
            continue
        name, arguments = words[words.index("manage.py") + 1], words[words.index("manage.py") + 2 :]
        if name in {"import_representations", "import_ombudsman"}:
            with open(cwd / arguments[0], newline="", encoding="utf-8") as file:
                rows = sum(1 for _ in csv.DictReader(file))
            if "--dry-run" in arguments:
                assert f"Would import {rows} rows" in output and "Dry run: nothing was changed." in output
            else:
                assert f"Imported {rows} rows" in output
        elif name in {"annual_report", "performance_report"}:
            written = cwd / arguments[arguments.index("--output") + 1]
            content = written.read_bytes()
            kind = arguments[arguments.index("--format") + 1]
            if kind == "pdf":
                assert content.startswith(b"%PDF-")
            elif kind in {"docx", "xlsx"}:
                assert content.startswith(b"PK")
            elif kind == "json" and name == "annual_report":
                assert json.loads(content)["procedure"] == arguments[arguments.index("--procedure") + 1]
            elif kind == "json":
                assert json.loads(content)
            if name == "performance_report" and kind == "pdf":
                # The demonstration council's figures reach the report, not an empty frame.
                text = "".join(page.extract_text() for page in PdfReader(written).pages)
                assert "Summary of key changes" in text and "2B" in text
        elif name == "rebuild_search_index":
            # Every case of the demonstration council, found again by the search.
            assert re.search(r"Search index rebuilt: [1-9][\d,]* cases", output), output
        elif name == "createsuperuser":
            assert "Superuser created successfully." in output


@pytest.mark.parametrize("block", sh_blocks(README), ids=lambda block: commands(block)[0][:60])
def test_each_readme_command_block_works_as_written_after_make_run(project, block):
    lines = commands(block)
    for command, reason in NOT_RUN.items():
        if all(line == command or line.startswith(command + " ") for line in lines):
            pytest.skip(f"{command}: {reason}")
    script, env, database = block, {}, None
    answers = [answer for word, prompts in ANSWERS.items() if word in block for answer in prompts]
    if "createdb" in block or "postgres:" in block:
        env = postgres_environment()
        if env is None:
            pytest.skip("no PostgreSQL server answers")
        # Its own database, so that the suite's and other runs' are never touched.
        database = f"redress_readme_{uuid.uuid4().hex[:8]}"
        script = re.sub(r"(?<=[ /])redress$", database, block, flags=re.MULTILINE)
        assert database in script
    try:
        status, output = run_in_terminal(script, project.path, answers, **env)
        assert status == 0, output
        check_outputs(block, output, project.path)
    finally:
        if database:
            run(["dropdb", "--if-exists", "--force", database], project.path, **env)
