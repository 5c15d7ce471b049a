"""Write a realistic import file of N representations over ten years, for benchmarks."""

import csv
import datetime as dt
import random
import sys

from redress.imports.columns import REPRESENTATION_COLUMNS as COLUMNS

METHODS = ["Email", "Telephone", "Letter", "Online form", "In person"]
AREAS = [f"Adult Services > Team {n}" for n in range(1, 15)] + [f"Children's Services > Team {n}" for n in range(1, 10)]
CATEGORIES = [
    "Standard of Service > Delay in receiving service",
    "Communication > Attitude of staff",
    "Financial issues",
    "Protection",
    "Communication > Method/quality of communication",
]
OUTCOMES = ["upheld", "partially_upheld", "not_upheld", "withdrawn"]
OPEN_DAYS = 120
ETHNICITIES = [
    "White: English, Welsh, Scottish, Northern Irish or British",
    "White: Irish",
    "Asian or Asian British: Indian",
    "Black, Black British, Caribbean or African: Caribbean",
    "",
]

SUMMARIES = [
    "Care visits were late or missed over several weeks.",
    "The family were not told about the change to the care package.",
    "A charge for residential care was higher than the assessment said.",
    "The social worker did not return calls.",
    "Equipment for the bathroom took months to arrive.",
    "",
]


def rows(count: int, first_year: int = 2016):
    rng = random.Random(20261122)
    start = dt.date(first_year, 4, 1)
    days = 3652
    for n in range(count):
        received = start + dt.timedelta(days=n * days // count)
        # Mostly adult complaints, so that one year's adult report covers about 100,000 complaints.
        kind = "complaint" if n % 50 else rng.choice(["compliment", "enquiry", "comment"])
        # A council's open caseload is its last few months' complaints; everything older is closed.
        recent = (days - n * days // count) <= OPEN_DAYS
        outcome = ("" if recent and rng.random() < 0.6 else rng.choice(OUTCOMES)) if kind == "complaint" else ""
        response = received + dt.timedelta(days=rng.randint(5, 60))
        yield {
            "reference": f"B-{n:07d}",
            "kind": kind,
            "procedure": ("adult" if n % 25 else rng.choice(["children", "corporate"])) if kind == "complaint" else "",
            "received": received.isoformat(),
            "acknowledged": (received + dt.timedelta(days=rng.randint(0, 5))).isoformat()
            if kind == "complaint"
            else "",
            "method": rng.choice(METHODS),
            "point_of_receipt": "",
            "service_area": rng.choice(AREAS),
            "stage": "",
            "target_days": "",
            "stage1_response": response.isoformat() if outcome else "",
            "stage2_requested": "",
            "stage2_response": "",
            "stage3_requested": "",
            "stage3_response": "",
            "extended_to": "",
            "outcome": outcome,
            "closed": response.isoformat() if outcome else "",
            "provider_fault": "",
            "concerns": "; ".join(rng.sample(CATEGORIES, rng.randint(1, 2))) if kind == "complaint" else "",
            "complainant_relationship": rng.choice(["Service user", "Son/Daughter", "Parent", ""]),
            "child_or_young_person": "",
            "advocate": "",
            "su_sex": rng.choice(["female", "male", ""]),
            "su_age": str(rng.randint(18, 99)) if n % 3 else "",
            "su_ethnicity": rng.choice(ETHNICITIES),
            "su_disability": rng.choice(["yes", "no", ""]),
            "su_primary_support_reason": "",
            "themes": "",
            "summary": rng.choice(SUMMARIES) if kind == "complaint" else "",
            "remedy_amount": "",
        }


def main(path: str, count: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows(count))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
