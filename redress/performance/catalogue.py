"""The indicators a council starts with: every measure of the Adult Social Care Outcomes Framework
(ASCOF) 2023/24, with its parts on rows of their own, the previous framework's measures councils
still report, and the local indicators most councils report beside them. Councils edit the
catalogue in Redress; check it against the current ASCOF handbook before each year's release.
docs/performance.md explains the columns."""

from __future__ import annotations

import re
from decimal import Decimal

# Measured once a year (the surveys of people who use services and of carers, and the yearly
# returns): quarters show NA unless the council repeats the last survey's figure.
ANNUAL = "annual"
# The year so far: 2B and 2C, and counts, accumulate, so a quarter gets an estimated end of year.
ACCUMULATES = "accumulates"
# Worked out from a numerator and a denominator.
FRACTION = "fraction"
# Not in the 2023/24 framework: the previous framework's measures a council still reports.
PREVIOUS = "previous"

# code, part, previous code ("new" for none), objective, name, unit, polarity, flags, decimals,
# no significant change within, number shown with it ("beside" the value or on a row of its own).
ASCOF = [
    ("1A", "", "1A", "quality_of_life", "Social care-related quality of life of people who use services",
     "score", "higher", {ANNUAL}, 1, "0.2", ""),
    ("1B", "", "1J", "quality_of_life",
     "Quality of life of people who use services, adjusted: the impact of adult social care",
     "score", "higher", {ANNUAL}, 3, "0.005", ""),
    ("1C", "", "1D", "quality_of_life", "Carer-reported quality of life", "score", "higher", {ANNUAL}, 1, "0.2", ""),
    ("1D", "", "3A", "quality_of_life",
     "Overall satisfaction of people who use services with their care and support",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("1E", "", "3B", "quality_of_life",
     "Overall satisfaction of carers with social services (for them and for the person they care for)",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("", "", "1E", "quality_of_life", "Adults with learning disabilities in paid employment",
     "percentage", "higher", {FRACTION, PREVIOUS}, 1, "1", "beside:Adults"),
    ("2A", "", "2D", "independence",
     "People who received short-term services during the year, who previously were not receiving services, "
     "where no further request was made for ongoing support",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("2B", "", "2A(1)", "independence",
     "Adults aged 18 to 64 whose long-term support needs are met by admission to residential and nursing care "
     "homes, per 100,000 population",
     "rate", "lower", {FRACTION, ACCUMULATES}, 1, "3", "row:Number of admissions"),
    ("2C", "", "2A(2)", "independence",
     "Adults aged 65 and over whose long-term support needs are met by admission to residential and nursing care "
     "homes, per 100,000 population",
     "rate", "lower", {FRACTION, ACCUMULATES}, 1, "20", "row:Number of admissions"),
    ("2D", "part 1", "2B(1)", "independence",
     "Older people (65 and over) who were still at home 91 days after discharge from hospital into reablement "
     "or rehabilitation services",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("2D", "part 2", "2B(2)", "independence",
     "Older people (65 and over) offered reablement services following discharge from hospital",
     "percentage", "higher", {FRACTION, ANNUAL}, 1, "1", ""),
    ("2E", "", "1G", "independence",
     "People who receive long-term support who live in their home or with family",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("3A", "", "1B", "empowerment",
     "People who use services who report having control over their daily life",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("3B", "", "3C", "empowerment",
     "Carers who report that they have been involved in discussions about the person they care for",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("3C", "part 1", "3D(1)", "empowerment",
     "People who use services who have found it easy to find information about services and support",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("3C", "part 2", "3D(2)", "empowerment",
     "Carers who have found it easy to find information about services and support",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("3D", "part 1a", "1C(1A)", "empowerment", "Adults aged 18 or over receiving self-directed support",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("3D", "part 1b", "1C(1B)", "empowerment", "Carers receiving self-directed support",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("3D", "part 2a", "1C(2A)", "empowerment", "Adults aged 18 or over receiving direct payments",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("3D", "part 2b", "1C(2B)", "empowerment", "Carers receiving direct payments for support direct to the carer",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("4A", "", "4A", "safety", "People who use services who feel safe", "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("4B", "", "new", "safety",
     "Section 42 safeguarding enquiries where a risk was identified and the reported outcome was that the risk "
     "was reduced or removed",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("", "", "4B", "safety",
     "People who use services who say that those services have made them feel safe and secure",
     "percentage", "higher", {ANNUAL, PREVIOUS}, 1, "1", ""),
    ("5A", "part 1", "1I(1)", "social_connections",
     "People who use services who have as much social contact as they would like",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("5A", "part 2", "1I(2)", "social_connections", "Carers who have as much social contact as they would like",
     "percentage", "higher", {ANNUAL}, 1, "1", ""),
    ("6A", "", "new", "continuity",
     "Staff in the formal care workforce leaving their role in the past 12 months",
     "percentage", "lower", {ANNUAL}, 1, "1", ""),
    ("6B", "", "new", "continuity",
     "Residential adult social care providers rated good or outstanding by the Care Quality Commission",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("6B", "outstanding", "new", "continuity",
     "Residential adult social care providers rated outstanding by the Care Quality Commission",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("6B", "good", "new", "continuity",
     "Residential adult social care providers rated good by the Care Quality Commission",
     "percentage", "higher", {FRACTION}, 1, "1", ""),
    ("6B", "other", "new", "continuity",
     "Residential adult social care providers rated requires improvement or inadequate by the Care Quality "
     "Commission",
     "percentage", "lower", {FRACTION}, 1, "1", ""),
    ("6B", "not yet rated", "new", "continuity",
     "Residential adult social care providers not yet rated by the Care Quality Commission",
     "percentage", "neither", {FRACTION}, 1, "1", ""),
]  # fmt: skip

# code, name, unit, polarity, flags, decimals, no significant change within
LOCAL = [
    ("L1", "Reviews for people in long-term support for 12 months or more", "percentage", "higher",
     {FRACTION}, 1, "1"),
    ("L2", "Waiting time for a Care Act assessment (average days)", "days", "lower", set(), 0, "2"),
    ("L3", "People waiting for a Care Act assessment", "count", "lower", set(), 0, "5"),
    ("L4", "Safeguarding concerns received", "count", "neither", {ACCUMULATES}, 0, "5"),
    ("L5", "Safeguarding enquiries (section 42) started", "count", "neither", {ACCUMULATES}, 0, "5"),
    ("L6", "Safeguarding concerns that led to an enquiry (conversion rate)", "percentage", "neither",
     {FRACTION}, 1, "1"),
]  # fmt: skip


def measure_key(text: str) -> str:
    """A measure's code as the national files are matched on: '2D part 1', '2D(1)' and '2d1'
    are one measure, as are '1C(1A)' and '1C1A'."""
    return re.sub(r"PART|[\s()_.:\-]", "", text.upper())


def entries() -> list[dict]:
    """The catalogue as field values of Indicator, in report order."""
    rows = []
    for code, part, previous, objective, name, unit, polarity, flags, decimals, threshold, count in ASCOF:
        shown, _, label = count.partition(":")
        rows.append(
            {
                "code": code, "part": part, "previous_code": previous, "objective": objective, "name": name,
                "unit": unit, "polarity": polarity, "annual": ANNUAL in flags, "cumulative": ACCUMULATES in flags,
                "has_fraction": FRACTION in flags, "previous_framework": PREVIOUS in flags, "local": False,
                "decimals": decimals, "threshold": Decimal(threshold), "count_label": label,
                "count_beside": shown == "beside",
            }
        )  # fmt: skip
    for code, name, unit, polarity, flags, decimals, threshold in LOCAL:
        rows.append(
            {
                "code": code, "part": "", "previous_code": "", "objective": "local", "name": name, "unit": unit,
                "polarity": polarity, "annual": False, "cumulative": ACCUMULATES in flags,
                "has_fraction": FRACTION in flags, "previous_framework": False, "local": True,
                "decimals": decimals, "threshold": Decimal(threshold), "count_label": "", "count_beside": False,
            }
        )  # fmt: skip
    for order, row in enumerate(rows):
        row |= {"order": order, "national_code": "", "disaggregation": ""}
    return rows


def identity(row) -> tuple[str, str, str]:
    """What tells two catalogue measures apart: the code and part, or for a previous framework's
    measure (which has no code now) its previous code."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    if get("code"):
        return (get("code").upper(), get("part").lower(), "")
    return ("", "", measure_key(get("previous_code")))


def seed(apps) -> None:
    """Add the catalogue's indicators that are not there yet (so it can run again)."""
    Indicator = apps.get_model("performance", "Indicator")
    taken = {identity(i) for i in Indicator.objects.all()}
    Indicator.objects.bulk_create([Indicator(**row) for row in entries() if identity(row) not in taken])


# The catalogue before the 2023/24 framework was put right put the previous framework's meanings
# under the new codes; each row's previous code says what it measured (6A and 6B had none).
OLD_LOCAL_NAMES = {
    "L1": "People in long-term support for 12 months or more who have been reviewed",
    "L2": "Average wait for a Care Act assessment",
    "L3": "People waiting for a Care Act assessment",
    "L4": "Safeguarding concerns received",
    "L5": "Safeguarding enquiries (section 42) started",
    "L6": "Safeguarding concerns that led to an enquiry (conversion rate)",
}


def move_to_2023_framework(apps) -> list[str]:
    """Give each existing indicator the 2023/24 code of what it measures, found from the previous
    framework's code it carries (not from its own code, which meant something else), so its
    figures, targets, comparators and commentary move with it; then add the measures that were
    missing. Returns what it did, in words."""
    Indicator = apps.get_model("performance", "Indicator")
    by_previous = {measure_key(e["previous_code"]): e for e in entries() if e["previous_code"] not in ("", "new")}
    # The framework's new measures replaced nothing, so only their code says what they are.
    by_code = {identity(e): e for e in entries() if e["previous_code"] == "new"}
    said, matched = [], []
    for indicator in Indicator.objects.filter(local=False):
        if indicator.previous_code.lower() not in ("", "new"):
            entry = by_previous.get(measure_key(indicator.previous_code))
        else:
            entry = by_code.get(identity(indicator))
        if entry:
            matched.append((indicator, indicator.code, entry))
    # Codes are unique, so every moving indicator steps aside before any takes its new code.
    for indicator, _, _ in matched:
        indicator.code = f"~{indicator.pk}"
        indicator.save(update_fields=["code"])
    needed = {identity(e) for e in entries()}
    for indicator in Indicator.objects.filter(local=False).exclude(pk__in=[i.pk for i, _, _ in matched]):
        if identity(indicator) in needed:
            old = indicator.code
            indicator.code = f"{old} old"[:20]
            indicator.save(update_fields=["code"])
            said.append(f"{old} {indicator.name}: not a 2023/24 measure, so renamed {indicator.code}")
    for indicator, old, entry in matched:
        for field, value in entry.items():
            setattr(indicator, field, value)
        indicator.save()
        now = f"{entry['code']} {entry['part']}".strip() or f"the previous framework's {entry['previous_code']}"
        figures, comparators = indicator.values.count(), indicator.comparators.count()
        if old != now and (figures or comparators):
            said.append(f"{old} ({entry['name']}) is {now}: {figures} figures and {comparators} comparators moved")
    said.append(f"{len(matched)} indicators have the code of what they measure")
    # The local indicators as first seeded take the catalogue's settings: L1 is a snapshot at the
    # quarter's end, not the year so far; safeguarding counts are context, neither better nor worse.
    local = {e["code"]: e for e in entries() if e["local"]}
    for code, name in OLD_LOCAL_NAMES.items():
        for indicator in Indicator.objects.filter(local=True, code=code, name=name):
            for field, value in local[code].items():
                setattr(indicator, field, value)
            indicator.save()
    before = Indicator.objects.count()
    seed(apps)
    said.append(f"{Indicator.objects.count() - before} measures added")
    return said
