"""`make bench`: Redress at a million representations, on SQLite and on PostgreSQL.

For each database: a fresh database is migrated and the generated file imported (bench/generate.py,
then bench/people.py gives each case a complainant); gunicorn serves it with production settings
and a real HTTP client times the case list, the dashboard and a case page as a complaints officer
who sees everything, printing each request's time; the annual report is built by its command and
timed beside a single-pass SQL aggregate of the same figures (bench/aggregate.py); the public
form is submitted by many people at once (bench/public_form.py); and every page of the demo
council is timed for each of its users (bench/demo_pages.py). A table of each figure beside its
target ends the run. Nothing here fails a build; CI does not run it.

Settings, all optional: BENCH_ROWS (1,000,000), BENCH_DATABASES ("sqlite,postgresql"),
BENCH_DIR (/tmp/redress-bench), BENCH_POSTGRES (a server URL whose database is replaced),
BENCH_REQUESTS (timed requests per page, 20), BENCH_SECONDS (whole online forms, 10 s),
BENCH_SENDS (finished online forms sent, 1,000), BENCH_DEMO_EVERY (time every Nth demo page, 1),
BENCH_REUSE=1 (keep a database already imported by an earlier run).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import PYTHON, ROOT, django_output, environment, free_port, percentile  # noqa: E402

WORK = Path(os.environ.get("BENCH_DIR", "/tmp/redress-bench"))
ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
DATABASES = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/redress_bench")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
FORM_SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
DEMO_EVERY = int(os.environ.get("BENCH_DEMO_EVERY", "1"))
SENDS = int(os.environ.get("BENCH_SENDS", "1000"))
REUSE = os.environ.get("BENCH_REUSE") == "1"
YEAR, AS_OF = "2021", "2026-11-01"

# A reference in the middle of the generated file, and the pages a complaints officer opens.
REFERENCE = f"B-{ROWS // 2:07d}"
PAGES = [
    ("case list", "/cases/"),
    ("case list: a reference", f"/cases/?q={REFERENCE}"),
    ("case list: a name", "/cases/?q=Smith"),
    ("case list: a phone number", "/cases/?q=07700+000123"),
    ("case list: a postcode", "/cases/?q=CV3+3AB"),
    ("case list: open cases", "/cases/?status=open"),
    ("case list: closed cases", "/cases/?status=closed"),
    ("case list: compliments", "/cases/?kind=compliment"),
    ("case list: children's procedure", "/cases/?procedure=children"),
    ("case list: by last name", "/cases/?sort=surname"),
    ("case list: by reference", "/cases/?sort=reference"),
    ("case list: oldest first", "/cases/?sort=received-oldest"),
    ("case list: page 500", "/cases/?page=500"),
    ("dashboard", "/dashboard/"),
    ("work queue: overdue", "/cases/?queue=overdue"),
    ("work queue: to triage", "/cases/?queue=awaiting-triage"),
    ("case page", f"/cases/{REFERENCE}/"),
]

TARGETS = {
    "page": 150,  # ms, p95
    "import": 5000,  # rows a second
    "import memory": 500,  # MB
    "report json": 2.0,  # s, whole command
    "report ratio": 3.0,  # Redress / single-pass SQL
    "report pdf": 15.0,  # s
    "public form": 100,  # submissions a second
    "demo page": 300,  # ms
}


def manage(database_url: str, *args: str, quiet: bool = True) -> tuple[float, float]:
    """Run a management command; its wall time in seconds and its own peak memory in MB."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=environment(database_url),
        stdout=subprocess.DEVNULL if quiet else None,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return seconds, usage.ru_maxrss / 1024


SIGN_IN = """
import json
from django.test import Client
from redress.accounts.models import Role, User
sessions = {}
for username in USERNAMES:
    user = User.objects.get(username=username) if username != "bench-officer" else User.objects.update_or_create(
        username=username, defaults={"role": Role.COMPLAINTS_OFFICER, "email": "bench@example.gov.uk"})[0]
    client = Client()
    client.force_login(user)
    sessions[username] = client.cookies["sessionid"].value
print(json.dumps(sessions))
"""


def sign_in(database_url: str, usernames: list[str]) -> dict[str, str]:
    """A session cookie for each member of staff, as if each had signed in."""
    code = f"USERNAMES = {usernames!r}\n{SIGN_IN}"
    return json.loads(django_output(database_url, code).splitlines()[-1])


@contextlib.contextmanager
def gunicorn(database_url: str, workers: int = 3, **extra: str):
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "redress.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        + ["--log-level", "warning"],
        cwd=ROOT,
        env=environment(database_url, **extra),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch(base: str, path: str, session: str) -> tuple[float, int]:
    """One page as a browser asks for it, redirects followed; its time in ms and final status."""
    headers = {"Cookie": f"sessionid={session}"} if session else {}
    request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return (time.perf_counter() - started) * 1000, status


def time_page(base: str, label: str, path: str, session: str, count: int) -> dict:
    fetch(base, path, session)  # each worker's first request loads what it caches
    fetch(base, path, session)
    times, statuses = [], set()
    for _ in range(count):
        ms, status = fetch(base, path, session)
        times.append(ms)
        statuses.add(status)
    times_text = " ".join(f"{t:.0f}" for t in times)
    print(f"  {label:<28} {path:<34} ms: {times_text}", flush=True)
    return {
        "label": label,
        "path": path,
        "p95": percentile(times, 95),
        "median": statistics.median(times),
        "statuses": sorted(statuses - {200}),
    }


def fresh_database(name: str) -> str:
    if name == "sqlite":
        path = WORK / "bench.sqlite3"
        url = f"sqlite:///{path}"
        if not (REUSE and path.exists()):
            for suffix in ["", "-wal", "-shm"]:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return url
    database = POSTGRES.rsplit("/", 1)[1]
    server = ["-h", "127.0.0.1", "-U", "postgres"]
    if not REUSE:
        subprocess.run(["dropdb", *server, "--if-exists", "--force", database], check=True)
    # Reusing a database that is not there yet: make it, and it is imported below.
    subprocess.run(["createdb", *server, database], check=not REUSE, capture_output=REUSE)
    return POSTGRES


def imported(url: str) -> bool:
    """Whether an earlier run imported the file here (its public form run adds a few cases more)."""
    count = "from redress.cases.models import Representation as R; print(R.objects.count())"
    return REUSE and int(django_output(url, count).splitlines()[-1]) >= ROWS


def bench_database(name: str, data: Path) -> dict:
    print(f"\n{name}", flush=True)
    url = fresh_database(name)
    manage(url, "migrate", "-v0")
    figures: dict = {}
    if imported(url):
        print("  reusing the database imported by an earlier run", flush=True)
    else:
        seconds, peak = manage(url, "import_representations", str(data))
        figures["import"] = (ROWS / seconds, peak, seconds)
        print(f"  imported {ROWS:,} rows in {seconds:.0f} s: {ROWS / seconds:,.0f} rows/s, peak {peak:.0f} MB")
        django_output(url, "import bench.people as p; p.main()")
        seconds, _ = manage(url, "rebuild_search_index")  # people.py wrote the complainants directly
        print(f"  gave each case a complainant; search index rebuilt in {seconds:.0f} s", flush=True)
        # The query planner's statistics, and on PostgreSQL the visibility map that lets an index
        # answer alone, as autovacuum keeps them after a large import (it is off on some servers).
        maintenance = "VACUUM ANALYZE" if name == "postgresql" else "ANALYZE"
        django_output(url, f"from django.db import connection; connection.cursor().execute('{maintenance}')")
    manage(url, "collectstatic", "--no-input", "-v0")

    session = sign_in(url, ["bench-officer"])["bench-officer"]
    with gunicorn(url) as base:
        figures["pages"] = [time_page(base, label, path, session, REQUESTS) for label, path in PAGES]

    report = ["--year", YEAR, "--procedure", "adult", "--as-of", AS_OF]
    json_runs = [
        manage(url, "annual_report", *report, "--format", "json", "--output", str(WORK / "r.json"))[0] for _ in range(3)
    ]
    single_pass = float(
        django_output(
            url, f"from bench import aggregate; print(aggregate.single_pass_seconds({YEAR}, 'adult'))"
        ).splitlines()[-1]
    )
    figures["report json"] = (min(json_runs), single_pass)
    figures["report pdf"] = manage(url, "annual_report", *report, "--format", "pdf", "--output", str(WORK / "r.pdf"))[0]
    print(
        f"  annual report JSON {min(json_runs):.2f} s (best of 3), single-pass SQL {single_pass:.2f} s;"
        f" PDF {figures['report pdf']:.1f} s",
        flush=True,
    )

    from bench import public_form

    figures["public form"] = public_form.run(url, FORM_SECONDS, sends=SENDS)
    send = figures["public form"]["submissions"]
    print(f"  public form: Send {send['per_second']}/s, p95 {send['p95_ms']} ms", flush=True)
    return figures


def bench_demo(name: str) -> list[dict]:
    """Every page of the demo council, for each of its users: the slowest request of each page."""
    url = (
        f"sqlite:///{WORK / 'demo.sqlite3'}" if name == "sqlite" else POSTGRES.rsplit("/", 1)[0] + "/redress_bench_demo"
    )
    if name == "sqlite":
        (WORK / "demo.sqlite3").unlink(missing_ok=True)
    else:
        server = ["-h", "127.0.0.1", "-U", "postgres"]
        subprocess.run(["dropdb", *server, "--if-exists", "--force", "redress_bench_demo"], check=True)
        subprocess.run(["createdb", *server, "redress_bench_demo"], check=True)
    manage(url, "migrate", "-v0")
    manage(url, "load_demo_data", "--force")  # production settings, on a database of its own
    pages = json.loads(
        django_output(
            url, "import json; from bench import demo_pages as d; print(json.dumps(d.demo_urls()))"
        ).splitlines()[-1]
    )
    sessions = {None: "", **sign_in(url, sorted({username for username, _ in pages if username}))}
    results = []
    with gunicorn(url) as base:
        for username, path in pages[::DEMO_EVERY]:
            fetch(base, path, sessions[username])
            times, status = zip(*(fetch(base, path, sessions[username]) for _ in range(min(3, REQUESTS))))
            results.append({"user": username, "path": path, "ms": max(times), "status": max(status)})
    slowest = sorted(results, key=lambda r: -r["ms"])
    print(f"\n{name} demo council: {len(results)} pages; slowest:")
    for r in slowest[:8]:
        print(f"  {r['ms']:6.0f} ms  {r['status']}  {r['user'] or 'the public':<22} {r['path']}")
    return results


def table(results: dict) -> None:
    names = [n for n in DATABASES if n in results]
    heading = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    rows = []

    def row(figure, target, values, met):
        rows.append([figure, target, *values, "yes" if all(met) else "NO"])

    for i, (_label, path) in enumerate(PAGES):
        p95s = [results[n]["pages"][i]["p95"] for n in names]
        wrong = [results[n]["pages"][i]["statuses"] for n in names]
        row(
            f"`{path}` p95",
            f"≤ {TARGETS['page']} ms",
            [f"{p:,.0f} ms" + (f" (status {', '.join(map(str, w))})" if w else "") for p, w in zip(p95s, wrong)],
            [p <= TARGETS["page"] and not w for p, w in zip(p95s, wrong)],
        )
    # A database reused from an earlier run (BENCH_REUSE=1) was not imported this time.
    imports = [results[n].get("import") for n in names]
    reused = "not run (reused)"
    row(
        "import",
        f"≥ {TARGETS['import']:,} rows/s",
        [f"{i[0]:,.0f} rows/s" if i else reused for i in imports],
        [i[0] >= TARGETS["import"] for i in imports if i],
    )
    row(
        "import peak memory",
        f"< {TARGETS['import memory']} MB",
        [f"{i[1]:,.0f} MB" if i else reused for i in imports],
        [i[1] < TARGETS["import memory"] for i in imports if i],
    )
    reports = [results[n]["report json"] for n in names]
    row(
        "annual report JSON, whole command",
        f"≤ {TARGETS['report json']} s",
        [f"{r:.2f} s" for r, _ in reports],
        [r <= TARGETS["report json"] for r, _ in reports],
    )
    row("single-pass SQL aggregate", "", [f"{s:.2f} s" for _, s in reports], [True])
    row(
        "Redress / single-pass",
        f"≤ {TARGETS['report ratio']}×",
        [f"{r / s:.1f}×" if s else "–" for r, s in reports],
        [s and r / s <= TARGETS["report ratio"] for r, s in reports],
    )
    pdfs = [results[n]["report pdf"] for n in names]
    row(
        "annual report PDF, whole command",
        f"≤ {TARGETS['report pdf']:.0f} s",
        [f"{p:.1f} s" for p in pdfs],
        [p <= TARGETS["report pdf"] for p in pdfs],
    )
    forms = [results[n]["public form"] for n in names]
    row(
        "public form: Send pressed",
        f"≥ {TARGETS['public form']} /s",
        [f"{f['submissions']['per_second']:.0f} /s" for f in forms],
        [f["submissions"]["per_second"] >= TARGETS["public form"] for f in forms],
    )
    row("public form: whole forms, every page", "", [f"{f['whole_form']['per_second']:.1f} /s" for f in forms], [True])
    row(
        "public form: every reference shown is one case",
        "yes",
        [
            "yes" if f["ok"] else f"NO ({f['duplicate_references']} twice, {f['confirmed_not_in_database']} missing)"
            for f in forms
        ],
        [f["ok"] for f in forms],
    )
    demos = [results[n]["demo"] for n in names]
    row(
        "demo council: slowest of every page",
        f"< {TARGETS['demo page']} ms",
        [f"{max(r['ms'] for r in d):,.0f} ms ({len(d)} pages)" for d in demos],
        [max(r["ms"] for r in d) < TARGETS["demo page"] for d in demos],
    )
    # A page the access table lists for someone may be refused for the state its case is in
    # (a closed case has no extension page): 404 is an answer, a server error is not.
    row(
        "demo council: pages not found / server errors",
        "– / 0",
        [f"{sum(r['status'] == 404 for r in d)} / {sum(r['status'] >= 500 for r in d)}" for d in demos],
        [all(r["status"] < 500 for r in d) for d in demos],
    )

    header = ["figure", "target", *[heading[n] for n in names], "met"]
    print(f"\nBenchmark results: {ROWS:,} representations\n")
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for r in rows:
        print("| " + " | ".join(r) + " |")


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    data = WORK / f"representations-{ROWS}.csv"
    if not data.exists():
        print(f"Writing {ROWS:,} rows to {data} ...", flush=True)
        subprocess.run([PYTHON, "bench/generate.py", str(data), str(ROWS)], cwd=ROOT, check=True, env=environment(""))
    results = {}
    for name in DATABASES:
        results[name] = bench_database(name, data)
        results[name]["demo"] = bench_demo(name)
    table(results)


if __name__ == "__main__":
    main()
