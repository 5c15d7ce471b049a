"""Benchmarks for imports and the annual report, on SQLite and PostgreSQL.

Run with `make bench`. Figures are printed; nothing here fails a build.
Targets: import 5,000 rows a second or faster on SQLite with peak memory under 500 MB; the JSON
report for one year of about 100,000 complaints under 2 seconds on SQLite and PostgreSQL; the
PDF under 15 seconds.
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/redress-bench"))
ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/redress_bench")
YEAR = "2021"


def manage(database_url: str, *args: str, quiet: bool = False) -> float:
    env = {**os.environ, "DATABASE_URL": database_url, "REDRESS_TESTING": "1"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )
    return time.perf_counter() - started


TIME_DATASET = f"""
import datetime as dt, time
from redress.reporting.dataset import annual_report_dataset
times = []
for _ in range(3):
    started = time.perf_counter()
    data = annual_report_dataset({YEAR}, "adult", dt.date(2026, 11, 1))
    times.append(time.perf_counter() - started)
print(min(times), data["complaints"]["received"])
"""


def dataset_seconds(database_url: str) -> float:
    env = {**os.environ, "DATABASE_URL": database_url, "REDRESS_TESTING": "1"}
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", TIME_DATASET],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    print(f"  one year's adult report covers {int(output[-1]):,} complaints", flush=True)
    return float(output[-2])


def peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    data = WORK / f"representations-{ROWS}.csv"
    if not data.exists():
        print(f"Writing {ROWS:,} rows to {data} ...", flush=True)
        subprocess.run(
            [sys.executable, "bench/generate.py", str(data), str(ROWS)],
            cwd=ROOT,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    results = []
    sqlite = f"sqlite:///{WORK / 'bench.sqlite3'}"
    (WORK / "bench.sqlite3").unlink(missing_ok=True)
    for database, url in [("SQLite", sqlite), ("PostgreSQL", PG)]:
        if database == "PostgreSQL":
            name = url.rsplit("/", 1)[1]
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        manage(url, "migrate", "-v0")
        before = peak_child_mb()
        seconds = manage(url, "import_representations", str(data), quiet=True)
        peak = peak_child_mb()
        results.append(
            (
                database,
                "import",
                f"{ROWS / seconds:,.0f} rows/s ({seconds:.0f} s)",
                f"peak memory {peak:.0f} MB" if peak > before else "peak memory below an earlier run",
            )
        )
        seconds = dataset_seconds(url)
        results.append((database, "annual report dataset", f"{seconds:.2f} s (best of 3, in process)", ""))
        for format in ["json", "pdf"] if database == "SQLite" else ["json"]:
            out = WORK / f"report.{format}"
            best = min(
                manage(
                    url,
                    "annual_report",
                    "--year",
                    YEAR,
                    "--procedure",
                    "adult",
                    "--as-of",
                    "2026-11-01",
                    "--format",
                    format,
                    "--output",
                    str(out),
                    quiet=True,
                )
                for _ in range(3)
            )
            results.append((database, f"annual report {format}", f"{best:.2f} s (best of 3, whole command)", ""))
    print("\nBenchmark results")
    for row in results:
        print(" | ".join(row))


if __name__ == "__main__":
    main()
