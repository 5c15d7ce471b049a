"""From the annual report dataset to the document councillors read, in the order the best
published reports use. Narrative comes from what staff wrote; every number from the dataset."""

from __future__ import annotations

import datetime as dt

from redress.cases.models import Outcome
from redress.configuration.models import Council, financial_year_label
from redress.ombudsman.models import decision_label
from redress.ombudsman.statistics import peer_table
from redress.procedures.models import Procedure

from .dataset import (
    annual_report_dataset,
    complaints_by_month,
    compliment_quotes,
)
from .document import Chart, Report, Section, Subheading, Table
from .models import ReportNarrative

OUTCOME_LABELS = {**dict(Outcome.choices), "open": "Still open"}
MISSING_NARRATIVE = "Not yet written."


def share(part: int, whole: int) -> str:
    """A count with its denominator and percentage: '45 of 66 (68%)'."""
    if not whole:
        return f"{part} of 0"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def label(key: str) -> str:
    return "Not known" if key == "unknown" else key


class Suppressor:
    """Publication mode: small counts that could identify someone become 'fewer than N'."""

    def __init__(self, publication: bool, threshold: int):
        self.on, self.threshold = publication, threshold

    def __call__(self, count: int):
        if self.on and 0 < count < self.threshold:
            return f"fewer than {self.threshold}"
        return count

    def note(self) -> str:
        if not self.on:
            return ""
        return (
            f"Counts from 1 to {self.threshold - 1} are shown as 'fewer than {self.threshold}' "
            "so that no one can be identified."
        )


def counts_table(
    caption: str, key: str, heading: str, counts: dict, total: int, hide=None, noun: str = "Complaints"
) -> Table:
    hide = hide or (lambda n: n)
    rows = [[label(k), hide(n), "–" if isinstance(hide(n), str) else percent(n, total)] for k, n in counts.items()]
    return Table(caption, [heading, noun, f"Share of {total}"], rows, note=getattr(hide, "note", str)(), key=key)


def build_report(dataset: dict, *, publication: bool = False) -> Report:
    council = Council.current()
    year = int(dataset["start"][:4])
    procedure = Procedure.objects.prefetch_related("stages").get(code=dataset["procedure"])
    as_of = dt.date.fromisoformat(dataset["as_of"])
    bands = tuple(int(k.split("-")[1]) for k in dataset["complaints"]["timeliness"]["stage1"]["bands"] if "-" in k)
    previous = [annual_report_dataset(year - n, procedure.code, as_of, bands) for n in (2, 1)]
    narrative = ReportNarrative.objects.filter(year=year, procedure=procedure.code).first()
    hide = Suppressor(publication, council.publication_threshold)
    c = dataset["complaints"]
    t = c["timeliness"]
    s1 = t["stage1"]
    o = dataset["ombudsman"]
    years = [p["year"] for p in previous] + [dataset["year"]]

    def written(field: str) -> str:
        return getattr(narrative, field, "") or MISSING_NARRATIVE

    key_facts = [
        ("Complaints received", f"{c['received']} (last year {previous[1]['complaints']['received']})"),
        ("Well-founded (upheld or partially upheld)", share(c["well_founded"], c["received"])),
        ("Acknowledged within 3 working days", share(t["acknowledged_within_3"], t["acknowledged"])),
        ("Stage 1 responses within target", share(s1["within_target"], s1["responded"])),
        (
            "Average (mean) stage 1 response time",
            f"{s1['mean_days']} working days" if s1["mean_days"] is not None else "No responses",
        ),
        ("Compliments received", str(dataset["compliments"]["received"])),
        ("Referred to the Ombudsman", str(o["received"])),
        (
            "Ombudsman upheld rate",
            f"{round(100 * o['upheld_rate'])}% ({o['upheld']} of {o['upheld'] + o['not_upheld']} investigated)"
            if o["upheld_rate"] is not None
            else "No detailed investigations",
        ),
        ("Financial remedies paid", f"£{c['remedies_gbp']}"),
    ]

    sections = []
    sections.append(Section("Introduction", "introduction").add(*paragraphs(written("introduction"))))

    stages = Table(
        f"Stages of the {procedure.name.lower()} procedure and their timescales",
        ["Stage", "Timescale (working days)", "Longest with an extension", "Counted from"],
        [
            [f"{s.number}: {s.name}", s.target_days, s.extended_days or "–", s.get_counted_from_display()]
            for s in procedure.stages.all()
        ],
        key="procedure-stages",
    )
    sections.append(
        Section("How the procedure works", "procedure").add(
            *paragraphs(procedure.description),
            f"Complaints are acknowledged within {procedure.acknowledgement_days} working days.",
            stages,
        )
    )

    kinds = [
        ("Complaints", lambda d: d["complaints"]["received"]),
        ("Compliments", lambda d: d["compliments"]["received"]),
        ("Comments", lambda d: d["comments"]["received"]),
        ("Initial enquiries", lambda d: d["enquiries"]["received"]),
        ("Service requests", lambda d: d["service_requests"]["received"]),
        ("Ineligible (redirected)", lambda d: d["ineligible"]["received"]),
        ("Referred to the Ombudsman", lambda d: d["ombudsman"]["received"]),
    ]
    all_years = previous + [dataset]
    received = Table(
        "Representations received, this year and the two before",
        ["Received"] + years,
        [[name, *(get(d) for d in all_years)] for name, get in kinds],
        key="received-by-year",
    )
    sections.append(
        Section("Complaints received", "received").add(
            f"We received {c['received']} complaints under the {procedure.name.lower()} procedure in "
            f"{dataset['year']}, compared with {previous[1]['complaints']['received']} in {years[1]} and "
            f"{previous[0]['complaints']['received']} in {years[0]}.",
            Chart(
                "Complaints received by year",
                "bar",
                years,
                {"Complaints": [d["complaints"]["received"] for d in all_years]},
                alt="Bar chart of complaints received: "
                + ", ".join(f"{y}: {d['complaints']['received']}" for y, d in zip(years, all_years))
                + ".",
            ),
            received,
            counts_table(
                "Complaints by highest stage reached",
                "stage-reached",
                "Stage",
                {f"Stage {k}": v for k, v in c["by_stage_reached"].items()},
                c["received"],
            ),
        )
    )

    outcome_rows = [[OUTCOME_LABELS[k], *(d["complaints"]["outcomes"][k] for d in all_years)] for k in OUTCOME_LABELS]
    sections.append(
        Section("Outcomes", "outcomes").add(
            f"{share(c['well_founded'], c['received'])} complaints were well-founded (upheld or partially upheld). "
            f"{c['provider_fault']} upheld complaints concerned a commissioned provider's actions rather than the "
            "council's.",
            Table(
                "Outcomes of complaints, this year and the two before",
                ["Outcome"] + years,
                outcome_rows,
                note=f"Outcomes as known on {as_of:%-d %B %Y}.",
                key="outcomes",
            ),
            Chart(
                "Outcomes of complaints",
                "bar",
                [OUTCOME_LABELS[k] for k in OUTCOME_LABELS],
                {dataset["year"]: [c["outcomes"][k] for k in OUTCOME_LABELS]},
                alt="Bar chart of this year's outcomes: "
                + ", ".join(f"{OUTCOME_LABELS[k].lower()} {c['outcomes'][k]}" for k in OUTCOME_LABELS)
                + ".",
            ),
        )
    )

    sections.append(
        Section("How people complained and where", "channels").add(
            counts_table("How complaints arrived", "method", "Method", c["by_method"], c["received"]),
            counts_table(
                "Where complaints arrived in the council",
                "point-of-receipt",
                "Point of receipt",
                c["by_point_of_receipt"],
                c["received"],
            ),
            counts_table(
                "Who made the complaint",
                "relationship",
                "Relationship to the person receiving the service",
                c["by_relationship"],
                c["received"],
                hide,
            ),
            f"{c['made_by_child_or_young_person']} complaints were made by a child or young person, and "
            f"{c['with_advocate']} complainants were supported by an advocate.",
        )
    )

    sections.append(
        Section("Service areas", "service-areas").add(
            counts_table(
                "Complaints by service area",
                "service-areas",
                "Service area",
                c["by_service_area"],
                c["received"],
                hide,
            )
        )
    )

    concern_rows = [
        [name, v["raised"], v["upheld"], v["partially_upheld"], v["not_upheld"], v["no_finding"]]
        for name, v in c["concerns"].items()
    ]
    sections.append(
        Section("What people complained about", "concerns").add(
            "A complaint can raise several concerns. Each category is counted once per complaint, with the most "
            "serious finding on its concerns.",
            Table(
                "Concerns raised, by category, and the findings on them",
                [
                    "Category",
                    "Complaints raising it",
                    "Upheld",
                    "Partially upheld",
                    "Not upheld",
                    "No finding",
                ],
                concern_rows,
                key="concerns",
            ),
        )
    )

    timeliness = [
        Subheading("Acknowledgement"),
        f"{share(t['acknowledged_within_3'], t['acknowledged'])} acknowledged complaints were acknowledged within "
        "3 working days.",
        Table(
            "Responses by stage",
            [
                "Stage",
                "Responded",
                "Still open",
                "Within target",
                "Within agreed extension",
                "Mean days",
                "Median days",
            ],
            [
                [
                    f"Stage {n}",
                    t[f"stage{n}"]["responded"],
                    t[f"stage{n}"]["open"],
                    share(t[f"stage{n}"]["within_target"], t[f"stage{n}"]["responded"]),
                    share(t[f"stage{n}"]["within_agreed"], t[f"stage{n}"]["responded"]),
                    "–" if t[f"stage{n}"]["mean_days"] is None else t[f"stage{n}"]["mean_days"],
                    "–" if t[f"stage{n}"]["median_days"] is None else t[f"stage{n}"]["median_days"],
                ]
                for n in (1, 2, 3)
                if n == 1 or t[f"stage{n}"]["responded"] or t[f"stage{n}"]["open"]
            ],
            note="Response times are in working days from the start of the stage.",
            key="timeliness",
        ),
        Table(
            "Stage 1 response times",
            ["Working days"] + years,
            [
                [band, *(d["complaints"]["timeliness"]["stage1"]["bands"].get(band, 0) for d in all_years)]
                for band in s1["bands"]
            ],
            key="response-bands",
        ),
        Chart(
            "Stage 1 response times",
            "bar",
            list(s1["bands"]),
            {dataset["year"]: list(s1["bands"].values())},
            alt="Bar chart of stage 1 responses by working days taken: "
            + ", ".join(f"{k} days: {v}" for k, v in s1["bands"].items())
            + ".",
        ),
    ]
    sections.append(Section("Timeliness", "timeliness").add(*timeliness))

    equality = Section("Equality monitoring", "equality").add(
        "These tables describe the people receiving the service that each complaint was about. Small numbers "
        "are not statistically significant."
    )
    for key, caption, heading in [
        ("sex", "Sex", "Sex"),
        ("age_band", "Age", "Age"),
        ("ethnicity", "Ethnicity", "Ethnicity"),
        ("disability", "Disability", "Disability"),
    ]:
        equality.add(
            counts_table(
                f"{caption} of the people at the heart of complaints",
                f"equality-{key}",
                heading,
                {
                    k.replace("_", " ").capitalize() if key != "ethnicity" else k: v
                    for k, v in c["equality"][key].items()
                },
                c["received"],
                hide,
            )
        )
    sections.append(equality)

    compliments = dataset["compliments"]
    by_month = complaints_by_month(year, procedure.code)
    months = list(compliments["by_month"])
    month_names = [dt.date(int(m[:4]), int(m[5:]), 1).strftime("%b %Y") for m in months]
    compliment_section = Section("Compliments", "compliments").add(
        f"We received {compliments['received']} compliments, and {c['received']} complaints.",
        Table(
            "Compliments and complaints received each month",
            ["Month", "Compliments", "Complaints"],
            [[name, compliments["by_month"][m], by_month.get(m, 0)] for name, m in zip(month_names, months)],
            key="compliments-by-month",
        ),
        Chart(
            "Compliments and complaints each month",
            "line",
            month_names,
            {
                "Compliments": [compliments["by_month"][m] for m in months],
                "Complaints": [by_month.get(m, 0) for m in months],
            },
            alt="Line chart of compliments and complaints each month: "
            + ", ".join(
                f"{n}: {compliments['by_month'][m]} compliments, {by_month.get(m, 0)} complaints"
                for n, m in zip(month_names, months)
            )
            + ".",
        ),
        counts_table(
            "Compliments by service area",
            "compliments-by-area",
            "Service area",
            compliments["by_service_area"],
            compliments["received"],
            noun="Compliments",
        ),
    )
    if compliments["by_theme"]:
        compliment_section.add(
            counts_table(
                "What compliments were about",
                "compliment-themes",
                "Theme",
                compliments["by_theme"],
                compliments["received"],
                noun="Compliments",
            )
        )
    quotes = compliment_quotes(year)
    if quotes:
        compliment_section.add(Subheading("In people's own words"), *(f"“{q}”" for q in quotes))
    sections.append(compliment_section)

    ombudsman = Section("The Ombudsman", "ombudsman").add(
        f"The Local Government and Social Care Ombudsman told us of {o['received']} complaints about this procedure "
        f"received in {dataset['year']}; {o['decided']} have been decided.",
        Table(
            "Ombudsman decisions",
            ["Decision", "Cases"],
            [[decision_label(k), v] for k, v in o["decisions"].items()],
            key="ombudsman-decisions",
        ),
        (
            f"Of the {o['upheld'] + o['not_upheld']} complaints the Ombudsman investigated in detail, "
            f"{o['upheld']} were upheld: an upheld rate of {round(100 * o['upheld_rate'])}%."
            if o["upheld_rate"] is not None
            else "The Ombudsman did not investigate any complaint in detail."
        ),
        Table(
            "Remedies the Ombudsman asked for",
            ["Remedies", "Number"],
            [
                ["Completed on time", o["remedies_completed_on_time"]],
                ["Completed late", o["remedies_late"]],
                ["Not yet completed", o["remedies_outstanding"]],
            ],
            note=f"The Ombudsman asked us to pay £{o['remedies_gbp']} in total.",
            key="ombudsman-remedies",
        ),
    )
    peers = peer_table(year)
    if peers and peers.council:
        ombudsman.add(
            Table(
                "How we compare with other councils",
                ["Council", "Investigated in detail", "Upheld", "Upheld rate", "Compliance with recommendations"],
                [
                    [
                        f"{row.council} (this council)" if row is peers.council else row.council,
                        row.investigated,
                        row.upheld,
                        f"{row.upheld_rate:.0f}%",
                        f"{row.compliance_rate:.0f}%" if row.compliance_rate is not None else "Not given",
                    ]
                    for row in peers.rows
                ],
                note=f"From the Ombudsman's published statistics for {financial_year_label(year)}, for all complaints "
                f"about each council, beside the {peers.group}. Upheld rate of the {peers.group} together: "
                f"{_rate(peers.peer_upheld_rate)}; of every council in the statistics: "
                f"{_rate(peers.england_upheld_rate)}.",
                key="ombudsman-peers",
            )
        )
    sections.append(ombudsman)

    sections.append(
        Section("Remedies paid", "remedies").add(
            Table(
                "Financial remedies",
                ["Remedy", "Amount"],
                [
                    ["Paid at our own complaint stages", f"£{c['remedies_gbp']}"],
                    ["Asked for by the Ombudsman", f"£{o['remedies_gbp']}"],
                ],
                key="remedies",
            ),
        )
    )
    sections.append(
        Section("Matters of general importance", "general-importance").add(*paragraphs(written("general_importance")))
    )
    sections.append(Section("Learning and service improvements", "learning").add(*paragraphs(written("learning"))))
    sections.append(Section("Actions planned for next year", "actions").add(*paragraphs(written("actions"))))

    return Report(
        title=f"{procedure.name} complaints annual report {dataset['year']}",
        council=council.name,
        subtitle=f"1 April {year} to 31 March {year + 1}"
        if dataset["start"].endswith("-04-01")
        else f"{dataset['start']} to {dataset['end']}",
        period=dataset["year"],
        key_facts=key_facts,
        sections=sections,
        publication=publication,
        logo_path=council.logo.path if council.logo else "",
    )


def _rate(value) -> str:
    return "not known" if value is None else f"{value:.0f}%"


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
