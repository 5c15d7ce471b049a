# ruff: noqa: S608 - the SQL is built from this file's constants; every value is a bound parameter
"""The yardstick for the annual report's speed: the same year's figures as plain SQL, one
`GROUP BY` query per breakdown over the same tables, as a database tool would count them.

Run inside Django, on the database being measured:

    DATABASE_URL=... REDRESS_TESTING=1 python manage.py shell -c \
        "from bench.aggregate import single_pass_seconds; print(single_pass_seconds(2021, 'adult'))"

`single_pass_seconds` times the queries (the best of `repeat` runs) and, as a check that it counted
the same thing, compares its totals with `annual_report_dataset`'s when `check` is true. Working-day
response times need the council's calendar, which SQL does not hold: the yardstick counts responses
and open complaints per stage, not the days taken, so Redress does more work than it measures.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection

# The year's complaints of one procedure, as the dataset selects them (`received_between`,
# kind complaint, not ineligible).
YEAR = (
    "FROM cases_representation r WHERE r.procedure_id = %(procedure)s AND r.received >= %(start)s "
    "AND r.received <= %(end)s AND r.kind = 'complaint' AND NOT r.ineligible"
)
# The final outcome known at as_of: the highest stage's, open until recorded and closed by then.
FINAL_OUTCOME = (
    "CASE WHEN (CASE r.stage WHEN 1 THEN r.stage1_outcome WHEN 2 THEN r.stage2_outcome ELSE r.stage3_outcome END)"
    " <> '' AND (r.closed IS NULL OR r.closed <= %(as_of)s)"
    " THEN (CASE r.stage WHEN 1 THEN r.stage1_outcome WHEN 2 THEN r.stage2_outcome ELSE r.stage3_outcome END)"
    " ELSE 'open' END"
)
BREAKDOWNS = {
    "by_stage_reached": "r.stage",
    "by_method": "r.method_id",
    "by_point_of_receipt": "r.point_of_receipt_id",
    "by_service_area": "r.service_area_id",
    "by_relationship": "r.relationship_id",
    "sex": "r.su_sex",
    "age": "r.su_age",
    "ethnicity": "r.su_ethnicity_id",
    "disability": "r.su_disability",
    "primary_support_reason": "r.su_primary_support_reason_id",
    "joint_with": "r.joint_with",
}


def queries() -> dict[str, str]:
    """Each breakdown's one query."""
    sql = {
        "totals": "SELECT COUNT(*), SUM(CASE WHEN r.provider_fault THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN r.child_or_young_person THEN 1 ELSE 0 END), SUM(CASE WHEN r.advocate THEN 1 ELSE 0 END), "
        f"SUM(r.remedy_amount), SUM(CASE WHEN r.acknowledged IS NOT NULL THEN 1 ELSE 0 END) {YEAR}",
        "outcomes": f"SELECT {FINAL_OUTCOME}, COUNT(*) {YEAR} GROUP BY 1",
        # Outcomes by each column the report sets them beside; the column's own counts are their sums.
        **{
            name: f"SELECT {column}, {FINAL_OUTCOME}, COUNT(*) {YEAR} GROUP BY 1, 2"
            for name, column in BREAKDOWNS.items()
        },
        "concerns": "SELECT c.category_id, COUNT(DISTINCT c.representation_id), "
        "COUNT(DISTINCT CASE WHEN c.finding = 'upheld' THEN c.representation_id END), "
        "COUNT(DISTINCT CASE WHEN c.finding IN ('upheld', 'partially_upheld') THEN c.representation_id END), "
        "COUNT(DISTINCT CASE WHEN c.finding <> '' THEN c.representation_id END) "
        f"FROM cases_concern c WHERE c.representation_id IN (SELECT r.id {YEAR}) GROUP BY 1",
        "concern_subcategories": "SELECT c.category_id, c.subcategory_id, COUNT(DISTINCT c.representation_id) "
        f"FROM cases_concern c WHERE c.representation_id IN (SELECT r.id {YEAR}) GROUP BY 1, 2",
        "remedies": "SELECT m.kind_id, COUNT(DISTINCT m.case_id), SUM(m.amount) "
        f"FROM cases_remedy m WHERE m.case_id IN (SELECT r.id {YEAR}) GROUP BY 1",
        "learning": "SELECT a.level, a.kind, a.status, COUNT(*) "
        f"FROM learning_learningaction a WHERE a.case_id IN (SELECT r.id {YEAR}) GROUP BY 1, 2, 3",
        "other_kinds": "SELECT r.kind, COUNT(*) FROM cases_representation r WHERE r.procedure_id = %(procedure)s "
        "AND r.received >= %(start)s AND r.received <= %(end)s AND r.kind <> 'complaint' GROUP BY 1",
        "compliments": "SELECT r.received, r.service_area_id, COUNT(*) FROM cases_representation r "
        "WHERE r.procedure_id = %(procedure)s AND r.received >= %(start)s AND r.received <= %(end)s "
        "AND r.kind = 'compliment' GROUP BY 1, 2",
        "ineligible": "SELECT COUNT(*) FROM cases_representation r WHERE r.received >= %(start)s "
        "AND r.received <= %(end)s AND r.kind = 'complaint' AND r.ineligible",
    }
    for number in (1, 2, 3):
        begun = "r.received" if number == 1 else f"r.stage{number}_requested"
        response = f"r.stage{number}_response"
        sql[f"stage{number}"] = (
            f"SELECT SUM(CASE WHEN {response} IS NOT NULL AND {response} <= %(as_of)s AND {begun} IS NOT NULL "
            f"THEN 1 ELSE 0 END), SUM(CASE WHEN ({response} IS NULL OR {response} > %(as_of)s) THEN 1 ELSE 0 END) "
            f"{YEAR} AND r.stage >= {number}"
        )
    return sql


def single_pass_figures(year: int, procedure: str, as_of: dt.date) -> dict[str, list[tuple]]:
    """Each breakdown's rows, straight from the database driver."""
    from redress.configuration.models import financial_year
    from redress.procedures.models import Procedure

    start, end = financial_year(year)
    params = {"procedure": Procedure.objects.get(code=procedure).pk, "start": start, "end": end, "as_of": as_of}
    figures = {}
    with connection.cursor() as cursor:
        for name, sql in queries().items():
            cursor.execute(sql, params)
            figures[name] = cursor.fetchall()
    return figures


def single_pass_seconds(
    year: int, procedure: str, as_of: dt.date = dt.date(2026, 11, 1), *, repeat: int = 3, check: bool = True
) -> float:
    """The best time of `repeat` runs of every breakdown's query; with `check`, that the received
    count and the outcomes agree with the annual report's dataset (AssertionError if not)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        figures = single_pass_figures(year, procedure, as_of)
        times.append(time.perf_counter() - started)
    if check:
        from redress.reporting.dataset import annual_report_dataset

        complaints = annual_report_dataset(year, procedure, as_of)["complaints"]
        received = figures["totals"][0][0]
        outcomes = dict(figures["outcomes"])
        assert received == complaints["received"], (received, complaints["received"])
        assert outcomes == {k: n for k, n in complaints["outcomes"].items() if n}, (outcomes, complaints["outcomes"])
        stages = {str(stage): sum(n for _, _, n in rows) for stage, rows in _grouped(figures["by_stage_reached"])}
        assert stages == complaints["by_stage_reached"], (stages, complaints["by_stage_reached"])
    return min(times)


def _grouped(rows: list[tuple]):
    by: dict = {}
    for row in rows:
        by.setdefault(row[0], []).append(row)
    return by.items()
