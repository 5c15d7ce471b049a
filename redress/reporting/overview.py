"""The council-wide overview: every complaints procedure side by side for one year, and all the
representations the council received, whichever report (if any) counts them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from redress.cases.models import Kind, Representation
from redress.configuration.models import Council, financial_year, financial_year_label
from redress.procedures.models import Procedure

from .build import OUTCOME_LABELS, Suppressor, timeliness_cells, with_percent
from .dataset import annual_report_dataset
from .document import Report, Section, Table

KINDS = {
    Kind.COMPLAINT: "Complaints",
    Kind.COMPLIMENT: "Compliments",
    Kind.COMMENT: "Comments",
    Kind.ENQUIRY: "Initial enquiries",
    Kind.SERVICE_REQUEST: "Service requests",
}


def build_overview(year: int, as_of: dt.date, publication: bool = False) -> Report:
    council = Council.current()
    hide = Suppressor(publication, council.publication_threshold)
    procedures = list(Procedure.objects.order_by("pk"))
    datasets = [(p, annual_report_dataset(year, p.code, as_of)) for p in procedures]
    label = financial_year_label(year)
    sections = [
        Section("Complaints under each procedure", "procedures").add(
            _received(datasets, hide), _outcomes(datasets, hide), _timeliness(datasets)
        ),
        Section("Compliments and other representations", "compliments").add(_compliments(datasets, year)),
        Section("Everything the council received", "council-wide").add(
            "Every representation recorded in the year, whichever procedure it belongs to, including those "
            "that belong to none and complaints redirected as ineligible.",
            _council_wide(year),
        ),
    ]
    return Report(
        title=f"Complaints and compliments across the council {label}",
        council=council.name,
        subtitle=f"1 April {year} to 31 March {year + 1}",
        period=label,
        key_facts=[(p.name, f"{d['complaints']['received']:,} complaints") for p, d in datasets],
        sections=sections,
        publication=publication,
        logo_path=council.logo.path if council.logo else "",
    )


def _received(datasets, hide) -> Table:
    counts = []
    for procedure, d in datasets:
        reached = d["complaints"]["by_stage_reached"]
        stage3 = reached.get("3", 0)
        counts.append(
            [
                procedure.name,
                d["complaints"]["received"],
                reached.get("2", 0) + stage3,
                stage3,
                d["ombudsman"]["received"],
            ]
        )
    rows = [
        [name, received, hide(stage2), hide(stage3), ombudsman] for name, received, stage2, stage3, ombudsman in counts
    ]
    rows.append(["Total", *(sum(row[i] for row in counts) for i in range(1, 5))])
    return Table(
        "Complaints received, and how far they went",
        ["Procedure", "Complaints", "Reached stage 2", "Reached stage 3", "Referred to the Ombudsman"],
        rows,
        note=hide.note(),
        key="overview-received",
        total=True,
    )


def _outcomes(datasets, hide) -> Table:
    rows = [
        [p.name, *(_cell(d["complaints"]["outcomes"][k], d["complaints"]["received"], hide) for k in OUTCOME_LABELS)]
        for p, d in datasets
    ]
    return Table(
        "Outcomes of complaints under each procedure",
        ["Procedure", *OUTCOME_LABELS.values()],
        rows,
        note="Percentages are of each procedure's complaints received in the year. " + hide.note(),
        key="overview-outcomes",
    )


def _timeliness(datasets) -> Table:
    rows = []
    for procedure, d in datasets:
        t = d["complaints"]["timeliness"]
        for n in (1, 2, 3):
            s = t[f"stage{n}"]
            if n > 1 and not s["responded"] + s["open"]:
                continue
            rows.append([f"{procedure.name}, stage {n}", *timeliness_cells(s)])
    return Table(
        "Responses within each procedure's timescales",
        ["Procedure and stage", "Within target", "Within an agreed extension", "Over", "Still open", "Total"],
        rows,
        note="Percentages are of the complaints responded to or still open at that stage.",
        key="overview-timeliness",
    )


def _compliments(datasets, year: int) -> Table:
    start, end = financial_year(year)
    no_procedure = (
        Representation.objects.received_between(start, end).filter(kind=Kind.COMPLIMENT, procedure__isnull=True).count()
    )
    rows = [[p.name, d["compliments"]["received"]] for p, d in datasets]
    rows.append(["Not counted in any procedure's report", no_procedure])
    rows.append(["Total", sum(row[1] for row in rows)])
    return Table(
        "Compliments received, by the procedure whose report counts them",
        ["Procedure", "Compliments"],
        rows,
        key="overview-compliments",
        total=True,
    )


def _council_wide(year: int) -> Table:
    """All kinds, counted in one query; complaints outside any procedure's figures included."""
    start, end = financial_year(year)
    rows = (
        Representation.objects.received_between(start, end)
        .values("kind")
        .annotate(n=Count("pk"), ineligible=Count("pk", filter=Q(kind=Kind.COMPLAINT, ineligible=True)))
        .order_by()
    )
    counts = {row["kind"]: row for row in rows}
    body = []
    for kind in Kind:
        row = counts.get(kind.value, {"n": 0, "ineligible": 0})
        body.append([KINDS[kind], row["n"]])
        if kind == Kind.COMPLAINT and row["ineligible"]:
            body.append(["of which ineligible (redirected)", row["ineligible"]])
    body.append(["Total", sum(row.get("n", 0) for row in counts.values())])
    return Table(
        "Representations the council received",
        ["Received", "Number"],
        body,
        key="overview-council-wide",
        total=True,
    )


def _cell(count: int, whole: int, hide):
    hidden = hide(count)
    return hidden if isinstance(hidden, str) else with_percent(count, whole)
