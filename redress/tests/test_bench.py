"""`make bench`, which the README shows, runs end to end: a small run on SQLite prints every
figure beside its target. The figures themselves are measured at a million rows by hand; here
only that each part of the benchmark works, so that it still runs when someone needs it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_prints_each_figure_beside_its_target(tmp_path):
    env = {
        name: value for name, value in os.environ.items() if name not in {"DATABASE_URL", "REDRESS_TESTING", "DEBUG"}
    }
    env.update(
        BENCH_ROWS="400",
        BENCH_DATABASES="sqlite",
        BENCH_DIR=str(tmp_path),
        BENCH_REQUESTS="1",
        BENCH_DEMO_EVERY="25",
        BENCH_SECONDS="1",
        BENCH_SENDS="10",
    )
    result = subprocess.run(
        [sys.executable, "bench/run.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    table = result.stdout.split("Benchmark results: 400 representations")[1]
    lines = [line for line in table.splitlines() if line.startswith("| ")]
    assert lines[0] == "| figure | target | SQLite | met |"
    figures = {line.split(" | ")[0].removeprefix("| "): line for line in lines[1:]}
    for figure in [
        "`/cases/` p95",
        "`/cases/?q=Smith` p95",
        "`/dashboard/` p95",
        "`/cases/B-0000200/` p95",
        "import",
        "import peak memory",
        "annual report JSON, whole command",
        "single-pass SQL aggregate",
        "Redress / single-pass",
        "annual report PDF, whole command",
        "public form: Send pressed",
        "public form: every reference shown is one case",
        "demo council: slowest of every page",
        "demo council: pages not found / server errors",
    ]:
        assert figure in figures, f"{figure} missing from:\n{table}"
    # Every page answered as it should (a page that did not says which status it gave), and
    # every reference the public were shown is one case.
    assert "(status " not in table, table
    assert figures["public form: every reference shown is one case"].endswith("| yes | yes |")
    assert figures["demo council: pages not found / server errors"].endswith(" / 0 | yes |")
