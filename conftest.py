"""Shared test fixtures: people in each role and small builders for cases."""

import os

os.environ.setdefault("REDRESS_TESTING", "1")
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

from redress.tests.council import restore_council_defaults  # noqa: E402

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only

# Every unit test runs on this day, whatever the real date, so none can start failing as the
# calendar moves on (CI runs them again 400 days ahead to prove it: `make test-later`).
A_FIXED_NOW = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)  # Monday 15 June 2026, 10:00 in London


@pytest.fixture(autouse=True)
def _clock(request):
    """Stop the clock at A_FIXED_NOW for the test and its fixtures; it still ticks, so timeouts work.

    A test wanting another day marks itself `@pytest.mark.time_machine(...)`, which moves the
    clock before its fixtures (a signed-in client, a case) are made, or travels within itself
    with time_machine.travel. The browser journeys keep the real clock: their server runs in a
    thread of this process, and Chromium has its own clock."""
    if request.node.get_closest_marker("browser"):
        return
    machine = request.getfixturevalue("time_machine")
    if not request.node.get_closest_marker("time_machine"):
        machine.move_to(A_FIXED_NOW, tick=True)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def make_user(db):
    from redress.accounts.models import User

    def make(username: str, role: str, **fields):
        fields.setdefault("first_name", username.capitalize())
        fields.setdefault("last_name", "Officer")
        return User.objects.create_user(username=username, password=PASSWORD, role=role, **fields)

    return make


@pytest.fixture
def officer(make_user):
    return make_user("olivia", "complaints_officer", first_name="Olivia", last_name="Okafor")


@pytest.fixture
def investigator(make_user):
    return make_user("ian", "investigating_officer", first_name="Ian", last_name="Iqbal")


@pytest.fixture
def manager(make_user):
    return make_user("mina", "manager", first_name="Mina", last_name="Marsh")


@pytest.fixture
def administrator(make_user):
    return make_user("ada", "administrator", first_name="Ada", last_name="Adams")


@pytest.fixture
def link_officer(make_user):
    return make_user("lena", "link_officer", first_name="Lena", last_name="Lowe", email="lena@council.example")


@pytest.fixture
def reporter(make_user):
    return make_user("rory", "reporting", first_name="Rory", last_name="Reid")


@pytest.fixture
def area(db):
    """Adult Services > Mental Health, a team under a directorate."""
    from redress.configuration.models import ServiceArea

    def make(path: str, manager=None):
        parent = None
        for name in path.split(" > "):
            parent, _ = ServiceArea.objects.get_or_create(name=name, parent=parent)
        if manager:
            parent.manager = manager
            parent.save()
        return parent

    return make


@pytest.fixture
def make_case(db):
    from redress.cases.models import Kind, Representation
    from redress.procedures.models import Procedure

    def make(kind=Kind.COMPLAINT, procedure="adult", received=dt.date(2026, 3, 2), **fields):
        if kind == Kind.COMPLAINT and procedure:
            fields.setdefault("procedure", Procedure.objects.get(code=procedure))
        if fields.get("outcome"):
            # The final outcome is the highest stage's, as the workflow keeps it.
            fields.setdefault(f"stage{fields.get('stage', 1)}_outcome", fields["outcome"])
        return Representation.objects.create(kind=kind, received=received, **fields)

    return make


@pytest.fixture(autouse=True)
def _council_defaults(request, _clock):
    """The procedures and lists a new council starts with, for every test that uses the database.

    Migrations create them, but a transactional test empties the database when it ends, and the
    next test on the same worker may be any test: put them back when they are missing."""
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    restore_council_defaults()


@pytest.fixture(scope="session")
def clamd_socket(tmp_path_factory):
    """A real ClamAV daemon on a socket of its own, with only the EICAR test signatures shipped in
    redress/intake/tests/clamav (so it needs no download from freshclam). `make test` installs
    Debian's clamav-daemon."""
    import shutil
    import subprocess
    import time
    from pathlib import Path

    daemon = shutil.which("clamd") or shutil.which("clamd", path="/usr/sbin")
    if not daemon:
        pytest.skip("ClamAV's clamd is not installed: `make clamav` installs it")
    folder = tmp_path_factory.mktemp("clamd")
    for signatures in (Path(__file__).parent / "redress/intake/tests/clamav").iterdir():
        shutil.copy(signatures, folder)
    socket = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        f"LocalSocket {socket}\nDatabaseDirectory {folder}\nTemporaryDirectory {folder}\n"
        f"LogFile {folder}/clamd.log\nForeground yes\n"
    )
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [daemon, "--foreground", f"--config-file={folder / 'clamd.conf'}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from django.test import override_settings

        from redress.intake.files import clamd_answers

        for _ in range(600):  # a minute at most; sleep, not the frozen clock
            with override_settings(CLAMD_SOCKET=str(socket)):
                if clamd_answers():
                    break
            if process.poll() is not None:
                pytest.fail("clamd stopped:\n" + (folder / "clamd.log").read_text())
            time.sleep(0.1)
        else:
            pytest.fail("clamd did not answer within a minute:\n" + (folder / "clamd.log").read_text())
        yield str(socket)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def clamav(clamd_socket, settings):
    """Files people send are scanned by the real daemon."""
    settings.ATTACHMENT_SCANNER = "redress.intake.files.clamav"
    settings.CLAMD_SOCKET = clamd_socket
    return clamd_socket
