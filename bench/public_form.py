"""How many online forms a second the public can send through gunicorn, and that none is lost
or sent twice.

Starts gunicorn on the given database (rate limits off: PUBLIC_RATE_LIMITS=off, as only a
benchmark may), then many simulated members of the public fill in the whole form over HTTP, as
a browser does: each question page fetched, its CSRF token and the session cookie sent back
with the answers, the redirect followed, Check your answers, Send, the confirmation page. Only
journeys that reach the confirmation with a reference count. The headline is submissions a
second: Send pressed (the POST that makes the case) and the confirmation page it redirects to,
by people who had already opened Check your answers; whole forms and finished forms (Check
your answers too) are reported beside it. Afterwards the database must hold exactly one new
case for each confirmation, under the reference that person was shown, for their email
address, with one acknowledgement queued.

    .venv/bin/python bench/public_form.py DATABASE_URL [--seconds 10] [--sends 2000]
        [--workers 5] [--threads 1] [--clients 16]

The database must be migrated (manage.py migrate). run() is what bench/run.py calls.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, django_output, environment, free_port, percentile  # noqa: E402

GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
# The public rate limits are off for a load test only; check --deploy refuses the setting.
SERVER = {"PUBLIC_RATE_LIMITS": "off", "LOG_LEVEL": "WARNING"}
START = "/feedback/what/?young=0"
CHECK = "/feedback/check-your-answers/"
SENT = "/feedback/sent/"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(rb"Your reference number is<br><strong>([^<]+)</strong>")


def answers(n: int) -> dict[str, dict[str, str]]:
    """A made-up person's answers by page: complaints about adult and children's care, and
    compliments, so that several reference counters are in use, as on a real day."""
    kind = ("complaint", "complaint", "compliment")[n % 3]
    return {
        "what": {"kind": kind},
        "service": {"service": ("adult", "children")[n % 2]},
        "who": {"who": "myself"},
        "advocate": {"advocate": "no"},
        "your-details": {
            "first_name": "Test",
            "last_name": f"Person {n}",
            "email": f"person{n}@example.com",
            "phone": "",
            "address": "",
            "postcode": "",
        },
        "contact": {"preferred": "email"},
        "support": {"needs": "", "language": ""},
        "what-happened": {"what_happened": f"Benchmark journey {n}: carers missed two visits."},
        "outcome": {"outcome": "An apology."},
        "staff": {"staff_named": ""},
        "documents": {},
        "equality": {"answer": "no"},
    }


class Refused(Exception):
    pass


class Visitor:
    """One browser: its own cookies, behind the council's TLS proxy (X-Forwarded-Proto), so the
    secure session and CSRF cookies and the CSRF origin check work as in production."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.origin = f"https://127.0.0.1:{port}"

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, bytes]:
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        location = response.headers.get("Location", "")
        return response.status, urllib.parse.urlsplit(location).path if location else "", content


def journey(port: int, n: int, stats: dict, lock: threading.Lock) -> None:
    """Fill in the whole form as person n; record the reference shown, or why it failed."""
    visitor, given = Visitor(port), answers(n)
    status, _, page = visitor.request("GET", START)
    path = "/feedback/what/"
    for _ in range(30):
        if status != 200:
            raise Refused(f"GET {path}: {status}")
        token = TOKEN.search(page)
        if token is None:
            raise Refused(f"GET {path}: no CSRF token")
        form = {"csrfmiddlewaretoken": token.group(1).decode()}
        if path == CHECK:
            return submit_and_confirm(visitor, form, given, stats, lock)
        slug = path.strip("/").split("/")[-1]
        form.update(given.get(slug, {}))
        status, location, page = visitor.request("POST", path, form)
        if status != 302:
            raise Refused(f"POST {path}: {status}")
        path = location
        status, _, page = visitor.request("GET", path)
    raise Refused("never reached Check your answers")


PREPARE = """
import json, sys, time
from django.contrib.sessions.backends.db import SessionStore
from redress.intake.models import Draft
from redress.intake.questions import route
from redress.intake.views import DRAFT, SEEN
sys.path.insert(0, "bench")
from public_form import answers

cookies = []
for n in range({first}, {first} + {count}):
    # What the form keeps page by page: each page's cleaned answers, checked by its own form.
    given, kept = answers(n), {{"_young": False}}
    # Page by page, as the route depends on the answers so far.
    while question := next((q for q in route(kept) if q.slug not in kept), None):
        if question.form is None:
            kept[question.slug] = {{"done": True}}
            continue
        form = question.form(given.get(question.slug, {{}}), answers=kept)
        assert form.is_valid(), (question.slug, form.errors)
        kept[question.slug] = form.cleaned_data
    draft = Draft.objects.create(answers=kept)
    session = SessionStore()
    session[DRAFT], session[SEEN] = draft.token, time.time()
    session.create()
    cookies.append([n, session.session_key])
print(json.dumps(cookies))
"""


def open_check_page(port: int, session_key: str) -> tuple[Visitor, dict]:
    """Someone who has answered every question opens Check your answers: the form Send posts."""
    visitor = Visitor(port)
    visitor.cookies["sessionid"] = session_key
    status, _, page = visitor.request("GET", CHECK)
    token = TOKEN.search(page)
    if status != 200 or token is None:
        raise Refused(f"GET {CHECK}: {status}")
    return visitor, {"csrfmiddlewaretoken": token.group(1).decode()}


def submit_and_confirm(visitor: Visitor, form: dict, given: dict, stats: dict, lock: threading.Lock) -> None:
    form["website"] = ""
    for attempt in range(5):
        started = time.perf_counter()
        status, location, page = visitor.request("POST", CHECK, form)
        took = time.perf_counter() - started
        if status != 503:
            break
        # "Your form has not been sent": the answers are kept, so Send again.
        with lock:
            stats["not_sent_then_retried"] += 1
        time.sleep(0.2 * (attempt + 1))
    if status != 302 or location != SENT:
        raise Refused(f"POST {CHECK}: {status}")
    status, _, page = visitor.request("GET", SENT)
    reference = REFERENCE.search(page)
    if status != 200 or reference is None:
        raise Refused(f"GET {SENT}: {status}")
    with lock:
        stats["seconds_each"].append(took)
        stats["done"][reference.group(1).decode()] = given["your-details"]["email"]


def server_cpu_seconds(master: int) -> float:
    """CPU time used so far by gunicorn's workers: a measure that other work on a shared
    machine does not inflate as it does the wall-clock rate."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sum(process_cpu_seconds(int(pid)) for pid in children)


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def database_backends(database_url: str) -> list[int]:
    """The PostgreSQL server processes serving the benchmark's database (gunicorn's
    connections), whose CPU is part of each submission's cost; none for SQLite, whose work is
    done in the workers."""
    if not database_url.startswith("postgres"):
        return []
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


class Meter:
    """CPU used by gunicorn, by the database server's processes for it, and by this client."""

    def __init__(self, master: int, database_url: str):
        self.master, self.database_url = master, database_url

    def read(self) -> dict:
        return {
            "server": server_cpu_seconds(self.master),
            # By process, as connections open during a measure (its whole CPU counts then).
            "database": {pid: process_cpu_seconds(pid) for pid in database_backends(self.database_url)},
            "client": time.process_time(),
        }

    @staticmethod
    def used(before: dict, after: dict) -> dict:
        return {
            "server": after["server"] - before["server"],
            "database": sum(cpu - before["database"].get(pid, 0.0) for pid, cpu in after["database"].items()),
            "client": after["client"] - before["client"],
        }


CHECK_DATABASE = """
import json
from redress.cases.models import Representation
from redress.intake.models import Submission
from redress.notifications.models import OutboxMessage
since = {since}
cases = list(Representation.objects.filter(pk__gt=since).values_list("pk", "reference", "complainant__email"))
pks = [pk for pk, _, _ in cases]
print(json.dumps({{
    "cases": [[reference, email] for _, reference, email in cases],
    "submissions": Submission.objects.filter(case__pk__gt=since).count(),
    "acknowledgements": OutboxMessage.objects.filter(key__startswith="received:", case__pk__gt=since).count(),
}}))
"""
LAST_CASE = (
    "from redress.cases.models import Representation as R; "
    "print(R.objects.order_by('-pk').values_list('pk', flat=True).first() or 0)"
)


def collect_static(database_url: str) -> None:
    # Without DEBUG, pages name static files from the manifest collectstatic writes.
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=environment(database_url, **SERVER),
            check=True,
        )


def crowd(clients: int, work, stats: dict, lock: threading.Lock) -> float:
    """Run `work(stats, lock)` in `clients` threads until each returns False; the seconds taken."""

    def person() -> None:
        while True:
            try:
                if not work(stats, lock):
                    return
            except (Refused, OSError, http.client.HTTPException) as error:
                with lock:
                    key = str(error)[:80]
                    stats["errors"][key] = stats["errors"].get(key, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=person) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def new_stats() -> dict:
    return {"done": {}, "seconds_each": [], "errors": {}, "not_sent_then_retried": 0}


def figures(stats: dict, elapsed: float, cpu: dict) -> dict:
    times = sorted(stats["seconds_each"])
    done = len(stats["done"])
    server = cpu["server"] + cpu["database"]
    return {
        "count": done,
        "seconds": round(elapsed, 1),
        "per_second": round(done / elapsed, 1) if elapsed else None,
        # CPU for each one: gunicorn's workers (with SQLite, all of the database's work too) and
        # PostgreSQL's processes serving them; and so how many a second would fit on two cores
        # of their own, which other work on a shared machine does not change as it does the
        # wall-clock rate. The client's own CPU (the simulated browsers) is not counted there.
        "server_cpu_ms_each": round(cpu["server"] / done * 1000, 1) if done else None,
        "database_cpu_ms_each": round(cpu["database"] / done * 1000, 1) if done else None,
        "client_cpu_ms_each": round(cpu["client"] / done * 1000, 1) if done else None,
        "two_core_capacity_per_second": round(2 * done / server, 1) if server else None,
        "p50_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "p95_ms": round(percentile(times, 95) * 1000, 1) if times else None,
        "errors": stats["errors"],
        "not_sent_then_retried": stats["not_sent_then_retried"],
    }


def combined(check: dict, send: dict) -> dict:
    """Opening Check your answers and then sending: a finished form, as one person does it."""
    done = send["count"]
    per_request = ("server_cpu_ms_each", "database_cpu_ms_each", "client_cpu_ms_each")
    costs = {name: round((check[name] or 0) + (send[name] or 0), 1) if done else None for name in per_request}
    server = (costs["server_cpu_ms_each"] or 0) + (costs["database_cpu_ms_each"] or 0)
    seconds = check["seconds"] + send["seconds"]
    return {
        "count": done,
        "seconds": round(seconds, 1),
        "per_second": round(done / seconds, 1) if seconds else None,
        **costs,
        "two_core_capacity_per_second": round(2000 / server, 1) if server else None,
    }


def run(
    database_url: str,
    seconds: float = 10.0,
    sends: int = 2000,
    workers: int = 5,
    clients: int = 16,
    threads: int = 1,
) -> dict:
    """Three measures against `workers` gunicorn processes (of `threads` threads each) with
    `clients` people at once: whole forms, every page, for `seconds`; then `sends` people who
    have answered every question (drafts and sessions made beforehand) opening Check your
    answers; then each of them pressing Send, which makes the case, and reaching the
    confirmation page it redirects to: the submissions, the headline figure. Returns the figures
    and whether the database holds exactly one case for each reference shown, for the person
    shown it."""
    collect_static(database_url)
    since = int(django_output(database_url, LAST_CASE).split()[-1])
    prepared = json.loads(django_output(database_url, PREPARE.format(first=10**7, count=sends)).splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [str(GUNICORN), "redress.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--timeout", "120"]
        + (["--threads", str(threads)] if threads > 1 else []),
        cwd=ROOT,
        env=environment(database_url, **SERVER),
    )
    try:
        for _ in range(300):
            try:
                status, _, _ = Visitor(port).request("GET", "/feedback/")
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        counter = iter(range(10**7))
        deadline = time.perf_counter() + seconds

        def whole_form(stats, lock) -> bool:
            if time.perf_counter() >= deadline:
                return False
            with lock:
                n = next(counter)
            journey(port, n, stats, lock)
            return True

        waiting, ready = iter(prepared), []

        def open_page(stats, lock) -> bool:
            with lock:
                person = next(waiting, None)
            if person is None:
                return False
            started = time.perf_counter()
            visitor, form = open_check_page(port, person[1])
            with lock:
                stats["seconds_each"].append(time.perf_counter() - started)
                stats["done"][person[0]] = True
                ready.append((visitor, form, answers(person[0])))
            return True

        def press_send(stats, lock) -> bool:
            with lock:
                if not ready:
                    return False
                visitor, form, given = ready.pop()
            submit_and_confirm(visitor, form, given, stats, lock)
            return True

        lock = threading.Lock()
        journeys, opened, sent = new_stats(), new_stats(), new_stats()
        meter = Meter(server.pid, database_url)
        cpu = [meter.read()]
        journey_seconds = crowd(clients, whole_form, journeys, lock)
        cpu.append(meter.read())
        check_seconds = crowd(clients, open_page, opened, lock)
        cpu.append(meter.read())
        send_seconds = crowd(clients, press_send, sent, lock)
        cpu.append(meter.read())
    finally:
        server.terminate()
        server.wait(30)
    found = json.loads(django_output(database_url, CHECK_DATABASE.format(since=since)).splitlines()[-1])
    in_database = dict(found["cases"])
    confirmed = {**journeys["done"], **sent["done"]}
    check_page = figures(opened, check_seconds, Meter.used(cpu[1], cpu[2]))
    submissions = figures(sent, send_seconds, Meter.used(cpu[2], cpu[3]))
    result = {
        "database": database_url.split(":")[0],
        "workers": workers,
        "threads": threads,
        "clients": clients,
        # The headline: Send pressed, the case made, and the confirmation page it redirects to.
        "submissions": submissions,
        "check_page": check_page,
        "finished_form": combined(check_page, submissions),
        "whole_form": figures(journeys, journey_seconds, Meter.used(cpu[0], cpu[1])),
        "confirmations": len(confirmed),
        "new_cases": len(found["cases"]),
        "duplicate_references": len(found["cases"]) - len(in_database),
        # Shown to someone but missing, or filed under someone else's email address.
        "confirmed_not_in_database": sum(1 for ref, email in confirmed.items() if in_database.get(ref) != email),
        "submissions_recorded": found["submissions"],
        "acknowledgements_queued": found["acknowledgements"],
    }
    # The deadline only stops new journeys, so every Send pressed reached its confirmation or
    # counted as an error; an error after the case was made would show here as one case more.
    result["ok"] = (
        result["new_cases"] == len(confirmed) == found["submissions"] == found["acknowledgements"]
        and result["duplicate_references"] == 0
        and result["confirmed_not_in_database"] == 0
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database_url", help="a migrated database, e.g. sqlite:////tmp/redress-bench/form.sqlite3")
    parser.add_argument("--seconds", type=float, default=10, help="how long to send whole forms")
    parser.add_argument("--sends", type=int, default=2000, help="how many finished forms to send")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 x cores + 1)")
    parser.add_argument("--threads", type=int, default=1, help="threads in each worker (gthread when over 1)")
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    result = run(args.database_url, args.seconds, args.sends, args.workers, args.clients, args.threads)
    print(json.dumps(result, indent=2))
    for name, what in (
        ("submissions", "submissions (Send and its confirmation page)"),
        ("check_page", "  Check your answers opened"),
        ("finished_form", "  finished forms (both)"),
        ("whole_form", "  whole forms, every page"),
    ):
        f = result[name]
        database = f" + database {f['database_cpu_ms_each']} ms" if result["database"].startswith("postgres") else ""
        timings = (
            f"; p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms; errors {sum(f['errors'].values())}" if "p50_ms" in f else ""
        )
        print(
            f"{what}: {f['per_second']}/s ({f['count']} in {f['seconds']} s); server CPU "
            f"{f['server_cpu_ms_each']} ms each{database}, so {f['two_core_capacity_per_second']}/s on 2 free "
            f"cores; client CPU {f['client_cpu_ms_each']} ms" + (timings if "p50_ms" in f else "")
        )
    print(
        f"{result['workers']} gunicorn workers x {result['threads']} threads, {result['clients']} people at once; "
        f"{'no case lost or duplicated' if result['ok'] else 'CASES DO NOT MATCH THE CONFIRMATIONS'}"
    )
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
