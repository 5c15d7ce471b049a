"""From the annual report dataset to the document councillors read, in the order the best
published reports use. Narrative comes from what staff wrote; every number from the dataset.

Each breakdown sets this year beside the two before, as "n (x%)", and says once what the
percentages are of. A year before the council's records start reads "No data", never 0."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from redress.cases.models import Kind, Outcome, Representation
from redress.configuration.models import Council, financial_year, financial_year_label
from redress.ombudsman.models import decision_label
from redress.ombudsman.statistics import peer_table
from redress.procedures.models import Procedure

from .dataset import DEFAULT_AGE_BANDS, complaints_by_month, earlier_year_datasets
from .document import Chart, Report, Section, Subheading, Table
from .models import ReportNarrative

OUTCOME_LABELS = {**dict(Outcome.choices), "open": "Still open"}
NOT_WRITTEN = "Not yet written: write it on the Reports page."
NO_DATA = "No data"
NOT_KNOWN = "Not known"
UNKNOWN = "unknown"
SEPARATOR = " > "
QUOTES = 5


# Words and figures ------------------------------------------------------------------------


def plural(count: int, singular: str, plural_form: str | None = None, *, none: str = "") -> str:
    """'1 upheld complaint', '2 upheld complaints', '1,207 complaints'; with `none`, 'No complaints'."""
    number = none if count == 0 and none else f"{count:,}"
    return f"{number} {singular if count == 1 else plural_form or singular + 's'}"


def money(amount) -> str:
    """'£12,920.69': the dataset's amounts are strings with two decimals."""
    return f"£{Decimal(str(amount or 0)):,.2f}"


def timeliness_cells(stage: dict) -> list:
    """A stage's responses within target, within an agreed extension only, over and still open,
    each "n (x%)" of the stage's responses and open complaints, then that total."""
    whole = stage["responded"] + stage["open"]
    return [
        with_percent(stage["within_target"], whole),
        with_percent(stage["within_agreed"] - stage["within_target"], whole),
        with_percent(stage["responded"] - stage["within_agreed"], whole),
        with_percent(stage["open"], whole),
        whole,
    ]


def share(part: int, whole: int) -> str:
    """A count with its denominator and percentage: '45 of 66 (68%)'."""
    if not whole:
        return f"{part} of 0"
    return f"{part} of {whole} ({round(100 * part / whole)}%)"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def with_percent(part: int, whole: int) -> str:
    """A table cell: '10 (15%)'."""
    return f"{part:,} ({round(100 * part / whole)}%)" if whole else f"{part:,}"


def label(key: str) -> str:
    return NOT_KNOWN if key in (UNKNOWN, "", None) else key


def change(now: int, before: int | None) -> str:
    """The change on last year, '+32%', or why there is none."""
    if before is None:
        return NO_DATA
    if not before:
        return "–"
    return f"{round(100 * (now - before) / before):+d}%"


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


def shown(count: int, whole: int, hide=None) -> str:
    hidden = hide(count) if hide else count
    return hidden if isinstance(hidden, str) else with_percent(count, whole)


def notes(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# The years side by side -------------------------------------------------------------------


@dataclass
class Year:
    """One column of the report's tables: a year's dataset, or a year with no records."""

    label: str
    data: dict | None  # None: the year ended before the council's records start

    def get(self, read: Callable[[dict], object]):
        return None if self.data is None else read(self.data)


def years_of(datasets: list[dict]) -> list[Year]:
    """The two previous years and this one; a previous year that ended before the first
    record of the procedure has no data (the current year always has, even if it is empty)."""
    start = datasets[-1].get("supplement", {}).get("records_start")
    columns = []
    for i, data in enumerate(datasets):
        current = i == len(datasets) - 1
        columns.append(Year(data["year"], data if current or (start and data["end"] >= start) else None))
    return columns


def compared(years: list[Year], read: Callable[[dict], int], what: str) -> str:
    """'66 in 2022/23, compared with 50 in 2021/22; no records before 2021/22.'"""
    now, *before = reversed(years)
    text = f"{now.get(read):,} in {now.label}"
    earlier = [f"{y.get(read):,} in {y.label}" for y in before if y.data is not None]
    if earlier:
        text += ", compared with " + " and ".join(earlier)
    missing = [y for y in before if y.data is None]
    if missing:
        first = next((y for y in years if y.data is not None), now)
        text += f"; no records before {first.label}"
    return f"{what} {text}."


def breakdown(
    caption: str,
    key: str,
    heading: str,
    years: list[Year],
    counts: Callable[[dict], dict],
    total: Callable[[dict], int],
    *,
    hide=None,
    names: Callable[[str], str] = label,
    order: Callable[[list[str]], list[str]] | None = None,
    noun: str = "complaints",
    totalled: bool = True,
    note: str = "",
) -> Table:
    """A breakdown for three years, 'n (x%)' in each cell, with a Total row when the
    categories add up to the whole, else a note of what the percentages are of."""
    keys: list[str] = []
    for year in reversed(years):
        for k in year.get(counts) or {}:
            if k not in keys:
                keys.append(k)
    known = [k for k in keys if k != UNKNOWN] + [k for k in keys if k == UNKNOWN]
    keys = order(known) if order else known
    rows = [
        [
            names(k),
            *(NO_DATA if y.data is None else shown(counts(y.data).get(k, 0), total(y.data), hide) for y in years),
        ]
        for k in keys
    ]
    if totalled:
        rows.append(["Total", *(NO_DATA if y.data is None else total(y.data) for y in years)])
        of = ""
    else:
        of = f"Percentages are of the {noun} received each year; one can count in more than one row."
    hidden = hide.note() if hide else ""
    return Table(
        caption, [heading, *(y.label for y in years)], rows, note=notes(note, of, hidden), key=key, total=totalled
    )


def nothing_recorded(years: list[Year], counts: Callable[[dict], dict]) -> bool:
    """True when no year holds anything but "unknown": the table would be 100% Not known."""
    return all(set(y.get(counts) or {}) <= {UNKNOWN} for y in years)


def not_recorded_sentence(what: str, counts: dict, received: int) -> str:
    return f"{what} was not recorded for {counts.get(UNKNOWN, 0)} of {plural(received, 'complaint')}."


def common_prefix(paths) -> str:
    """'Adult Services > ' when every service area sits under it: said once, not on each row."""
    split = [p.split(SEPARATOR) for p in paths if p and p != UNKNOWN]
    if not split:
        return ""
    prefix = []
    for parts in zip(*split):
        if len(set(parts)) != 1:
            break
        prefix.append(parts[0])
    # Keep at least one level of every path as the row's label.
    prefix = prefix[: min(len(s) for s in split) - 1]
    return SEPARATOR.join(prefix) + SEPARATOR if prefix else ""


def strip(prefix: str) -> Callable[[str], str]:
    return lambda key: label(key[len(prefix) :] if prefix and key.startswith(prefix) else key)


def within(prefix: str) -> str:
    return f"All service areas are within {prefix[: -len(SEPARATOR)]}." if prefix else ""


def age_order(keys: list[str]) -> list[str]:
    def lower(key: str) -> tuple:
        if key == UNKNOWN:
            return (2, 0)
        if key.startswith("under"):
            return (0, 0)
        return (1, int(key.split("-")[0].rstrip("+")))

    return sorted(keys, key=lower)


def capitalised(key: str) -> str:
    return label(key).replace("_", " ").capitalize() if key != UNKNOWN else NOT_KNOWN


def outcome_table(caption: str, key: str, heading: str, rows: dict, hide=None, names=label, note: str = "") -> Table:
    """One year's outcomes per team, stage or group: 'Adult Commissioning: 8 complaints, 2 upheld'."""
    body = []
    for name, outcomes in rows.items():
        received = sum(outcomes.values())
        investigated = outcomes["upheld"] + outcomes["partially_upheld"] + outcomes["not_upheld"]
        cells = [received, investigated, *(outcomes[k] for k in OUTCOME_LABELS)]
        body.append([names(name), *(hide(n) if hide else n for n in cells)])
    return Table(
        caption,
        [heading, "Complaints", "Investigated", *OUTCOME_LABELS.values()],
        body,
        note=notes("Investigated: upheld, partially upheld or not upheld.", note, hide.note() if hide else ""),
        key=key,
    )


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _rate(value) -> str:
    return "not known" if value is None else f"{value:.0f}%"


def _upheld_rate(o: dict) -> str:
    return f"{round(100 * o['upheld_rate'])}%" if o["upheld_rate"] is not None else "–"


def _date(iso: str | None) -> str:
    return f"{dt.date.fromisoformat(iso):%-d %B %Y}" if iso else "not yet"


# Quotes -----------------------------------------------------------------------------------


def approved_quotes(year: int, procedure: Procedure, limit: int = QUOTES) -> list[str]:
    """Compliments of this procedure in the words a member of staff approved for publishing:
    only the quote written for the report, never the compliment's own summary."""
    start, end = financial_year(year)
    return list(
        Representation.objects.received_between(start, end)
        .filter(kind=Kind.COMPLIMENT, procedure=procedure, quote_approved_by__isnull=False)
        .exclude(quote="")
        .order_by("received", "pk")
        .values_list("quote", flat=True)[:limit]
    )


# The report -------------------------------------------------------------------------------


def build_report(dataset: dict, *, publication: bool = False, age_bands: tuple[int, ...] = DEFAULT_AGE_BANDS) -> Report:
    """The report of a dataset; `age_bands` are the ones it was counted with, so that the two
    earlier years beside it are counted in the same bands (the dataset does not record them)."""
    council = Council.current()
    year = int(dataset["start"][:4])
    procedure = Procedure.objects.prefetch_related("stages").get(code=dataset["procedure"])
    as_of = dt.date.fromisoformat(dataset["as_of"])
    bands = tuple(int(k.split("-")[1]) for k in dataset["complaints"]["timeliness"]["stage1"]["bands"] if "-" in k)
    previous = earlier_year_datasets([year - 2, year - 1], procedure, as_of, bands, age_bands)
    narrative = ReportNarrative.objects.filter(year=year, procedure=procedure.code).first()
    hide = Suppressor(publication, council.publication_threshold)
    years = years_of([*previous, dataset])
    last = years[1]
    r = Sections(dataset, years, procedure, hide, publication, narrative)

    sections = [
        *r.written("Introduction", "introduction", "introduction"),
        r.procedure_section(),
        r.received_section(),
        r.outcomes_section(),
        r.channels_section(),
        r.service_areas_section(),
        r.concerns_section(),
        r.stages_section(),
        r.timeliness_section(),
        r.equality_section(),
        r.compliments_section(year, approved_quotes(year, procedure)),
        r.ombudsman_section(year),
        r.remedies_section(),
        *r.written("Matters of general importance", "general-importance", "general_importance"),
        r.learning_section(),
        *r.written("Actions planned for next year", "actions", "actions"),
    ]
    return Report(
        title=f"{procedure.name} complaints annual report {dataset['year']}",
        council=council.name,
        subtitle=f"1 April {year} to 31 March {year + 1}"
        if dataset["start"].endswith("-04-01")
        else f"{dataset['start']} to {dataset['end']}",
        period=dataset["year"],
        key_facts=r.key_facts(last),
        sections=[s for s in sections if s is not None],
        publication=publication,
        logo_path=council.logo.path if council.logo else "",
    )


class Sections:
    """The sections of one year's report, each a method reading the same years."""

    def __init__(self, dataset, years, procedure, hide, publication, narrative):
        self.d, self.years, self.procedure, self.hide = dataset, years, procedure, hide
        self.publication, self.narrative = publication, narrative
        self.c = dataset["complaints"]
        self.o = dataset["ombudsman"]
        self.s = dataset.get("supplement", {})
        self.name = procedure.name.lower()
        self.this = dataset["year"]
        self.multi_stage = procedure.stages.count() > 1 or self.c["by_stage_reached"].keys() - {"1"}

    # Narrative
    def written(self, heading: str, key: str, field: str) -> list[Section]:
        """A section staff write; left out of the publication version until it is written."""
        text = getattr(self.narrative, field, "") if self.narrative else ""
        if not text.strip():
            return [] if self.publication else [Section(heading, key).add(NOT_WRITTEN)]
        return [Section(heading, key).add(*paragraphs(text))]

    def key_facts(self, last: Year) -> list[tuple[str, str]]:
        c, o, t = self.c, self.o, self.c["timeliness"]
        s1 = t["stage1"]
        before = (
            f"last year {last.data['complaints']['received']:,}"
            if last.data is not None
            else f"no records for {last.label}"
        )
        facts = [
            ("Complaints received", f"{c['received']:,} ({before})"),
            ("Well-founded (upheld or partially upheld)", share(c["well_founded"], c["received"])),
            ("Acknowledged within 3 working days", share(t["acknowledged_within_3"], t["acknowledged"])),
            ("Stage 1 responses within target", share(s1["within_target"], s1["responded"])),
            (
                "Average (mean) stage 1 response time",
                f"{s1['mean_days']} working days" if s1["mean_days"] is not None else "No responses",
            ),
            ("Compliments received", f"{self.d['compliments']['received']:,}"),
            ("Referred to the Ombudsman", f"{o['received']:,}"),
            (
                "Ombudsman upheld rate",
                f"{_upheld_rate(o)} ({o['upheld']} of {o['upheld'] + o['not_upheld']} investigated)"
                if o["upheld_rate"] is not None
                else "No detailed investigations",
            ),
            ("Paid at our own stages", money(c["remedies_gbp"])),
            ("Asked for by the Ombudsman", money(o["remedies_gbp"])),
        ]
        per_1000 = self.s.get("context", {}).get("complaints_per_1000_served")
        if per_1000 is not None:
            facts.insert(1, ("Complaints per 1,000 people served", f"{per_1000}"))
        return facts

    def procedure_section(self) -> Section:
        procedure = self.procedure
        stages = Table(
            f"Stages of the {self.name} procedure and their timescales",
            ["Stage", "Timescale (working days)", "Longest with an extension", "Counted from"],
            [
                [f"{s.number}: {s.name}", s.target_days, s.extended_days or "–", s.get_counted_from_display()]
                for s in procedure.stages.all()
            ],
            key="procedure-stages",
        )
        section = Section("How the procedure works", "procedure").add(*paragraphs(procedure.description))
        if "acknowledg" not in procedure.description.lower():
            section.add(f"Complaints are acknowledged within {procedure.acknowledgement_days} working days.")
        return section.add(stages)

    def received_section(self) -> Section:
        years, c = self.years, self.c
        kinds = [
            ("Complaints", lambda d: d["complaints"]["received"]),
            ("Compliments", lambda d: d["compliments"]["received"]),
            ("Comments", lambda d: d["comments"]["received"]),
            ("Initial enquiries", lambda d: d["enquiries"]["received"]),
            ("Service requests", lambda d: d["service_requests"]["received"]),
            ("Ineligible (redirected)", lambda d: d["ineligible"]["received"]),
            ("Referred to the Ombudsman", lambda d: d["ombudsman"]["received"]),
        ]
        rows = [
            [name, *(NO_DATA if y.data is None else get(y.data) for y in years), change(get(self.d), years[1].get(get))]
            for name, get in kinds
        ]
        complaints = [y.get(lambda d: d["complaints"]["received"]) for y in years]
        section = Section("Complaints received", "received").add(
            compared(
                years, lambda d: d["complaints"]["received"], f"We received complaints under the {self.name} procedure:"
            ),
            Chart(
                "Complaints received by year",
                "bar",
                [y.label for y in years],
                {"Complaints": complaints},
                alt="Bar chart of complaints received: "
                + ", ".join(f"{y.label}: {NO_DATA.lower() if n is None else n}" for y, n in zip(years, complaints))
                + ".",
            ),
            Table(
                "Representations received, this year and the two before",
                ["Received", *(y.label for y in years), "Change on last year"],
                rows,
                note="Each kind is counted on its own; the Ombudsman's cases are those it told us of in the year.",
                key="received-by-year",
            ),
        )
        context = self.s.get("context", {})
        if context.get("complaints_per_1000_served") is not None:
            section.add(
                f"{context['people_served']:,} people received a service this year: "
                f"{context['complaints_per_1000_served']} complaints per 1,000 people served."
            )
        joint = c.get("joint_with", {})
        if any(y.get(lambda d: d["complaints"].get("joint_with")) for y in years):
            section.add(
                f"{plural(sum(joint.values()), 'complaint')} {'was' if sum(joint.values()) == 1 else 'were'} "
                "handled jointly with another body.",
                breakdown(
                    "Complaints handled jointly with another body",
                    "joint",
                    "Handled with",
                    years,
                    lambda d: d["complaints"].get("joint_with", {}),
                    lambda d: d["complaints"]["received"],
                    totalled=False,
                ),
            )
        return section

    def outcomes_section(self) -> Section:
        years, c = self.years, self.c
        table = breakdown(
            "Outcomes of complaints, this year and the two before",
            "outcomes",
            "Outcome",
            years,
            lambda d: d["complaints"]["outcomes"],
            lambda d: d["complaints"]["received"],
            names=lambda k: OUTCOME_LABELS[k],
            order=lambda keys: list(OUTCOME_LABELS),
            note=f"Outcomes as known on {dt.date.fromisoformat(self.d['as_of']):%-d %B %Y}.",
        )
        provider = c["provider_fault"]
        return Section("Outcomes", "outcomes").add(
            f"{share(c['well_founded'], c['received'])} complaints were well-founded (upheld or partially upheld). "
            f"{plural(provider, 'upheld complaint')} concerned a commissioned provider's actions rather than the "
            "council's."
            if provider
            else f"{share(c['well_founded'], c['received'])} complaints were well-founded (upheld or partially "
            "upheld).",
            table,
            Chart(
                "Outcomes of complaints",
                "bar",
                list(OUTCOME_LABELS.values()),
                # A year with no records at all is no series, rather than a row of "no data" bars.
                {
                    y.label: [y.data["complaints"]["outcomes"][k] for k in OUTCOME_LABELS]
                    for y in years
                    if y.data is not None
                },
                alt="Bar chart of this year's outcomes: "
                + ", ".join(f"{OUTCOME_LABELS[k].lower()} {c['outcomes'][k]}" for k in OUTCOME_LABELS)
                + ".",
            ),
        )

    def _breakdown_or_sentence(self, what: str, caption: str, key: str, heading: str, read, **options):
        """A table, or one sentence when nothing was recorded in any year."""
        if nothing_recorded(self.years, read) and self.c["received"]:
            return not_recorded_sentence(what, read(self.d), self.c["received"])
        return breakdown(caption, key, heading, self.years, read, lambda d: d["complaints"]["received"], **options)

    def channels_section(self) -> Section:
        c = self.c
        return Section("How people complained and where", "channels").add(
            self._breakdown_or_sentence(
                "How the complaint arrived", "How complaints arrived", "method", "Method",
                lambda d: d["complaints"]["by_method"],
            ),
            self._breakdown_or_sentence(
                "Where the complaint arrived", "Where complaints arrived in the council", "point-of-receipt",
                "Point of receipt", lambda d: d["complaints"]["by_point_of_receipt"],
            ),
            self._breakdown_or_sentence(
                "Who made the complaint", "Who made the complaint", "relationship",
                "Relationship to the person receiving the service", lambda d: d["complaints"]["by_relationship"],
                hide=self.hide,
            ),
            f"{plural(c['made_by_child_or_young_person'], 'complaint', none='No')} "
            f"{'was' if c['made_by_child_or_young_person'] == 1 else 'were'} made by a child or young person, and "
            f"{plural(c['with_advocate'], 'complainant', none='no')} "
            f"{'was' if c['with_advocate'] == 1 else 'were'} supported by an advocate.",
        )  # fmt: skip

    def service_areas_section(self) -> Section:
        c = self.c
        read = lambda d: d["complaints"]["by_service_area"]  # noqa: E731
        paths = {k for y in self.years for k in (y.get(read) or {})} | set(c.get("outcomes_by_service_area", {}))
        prefix = common_prefix(paths)
        section = Section("Service areas", "service-areas").add(
            self._breakdown_or_sentence(
                "The service area", "Complaints by service area", "service-areas", "Service area", read,
                hide=self.hide, names=strip(prefix), note=within(prefix),
            ),
        )  # fmt: skip
        by_area = c.get("outcomes_by_service_area", {})
        if by_area:
            section.add(
                outcome_table(
                    f"Outcomes of {self.this}'s complaints by service area",
                    "outcomes-by-service-area",
                    "Service area",
                    by_area,
                    self.hide,
                    names=strip(prefix),
                    note=within(prefix),
                )
            )
        return section

    def concerns_section(self) -> Section:
        years, c = self.years, self.c
        subcategories = self.s.get("concern_subcategories", {})
        rows = []
        for name, v in c["concerns"].items():
            rows.append([name, v["raised"], v["upheld"], v["partially_upheld"], v["not_upheld"], v["no_finding"]])
            for sub, n in subcategories.get(name, {}).items():
                if sub != UNKNOWN:
                    rows.append([f"{name}: {sub}", n, "", "", "", ""])
        section = Section("What people complained about", "concerns").add(
            "A complaint can raise several concerns. Each category is counted once per complaint, with the most "
            "serious finding on its concerns; the subcategories under each category are counted the same way.",
            breakdown(
                "Complaints raising each category of concern, this year and the two before",
                "concerns-by-year",
                "Category",
                years,
                lambda d: {k: v["raised"] for k, v in d["complaints"]["concerns"].items()},
                lambda d: d["complaints"]["received"],
                totalled=False,
            ),
            Table(
                f"Concerns raised in {self.this}, by category and subcategory, and the findings on them",
                ["Category", "Complaints raising it", "Upheld", "Partially upheld", "Not upheld", "No finding"],
                rows,
                note="Findings are given for each category; a subcategory row counts the complaints raising it.",
                key="concerns",
            ),
        )
        return section

    def stages_section(self) -> Section | None:
        if not self.multi_stage:
            return None
        years, c, t = self.years, self.c, self.c["timeliness"]
        section = Section("Stages", "stages")
        section.add(
            compared(
                years,
                lambda d: d["complaints"]["by_stage_reached"].get("1", 0),
                "Complaints that went no further than stage 1:",
            ),
            breakdown(
                "Complaints by highest stage reached",
                "stage-reached",
                "Highest stage reached",
                years,
                lambda d: d["complaints"]["by_stage_reached"],
                lambda d: d["complaints"]["received"],
                names=lambda k: f"Stage {k}",
                order=sorted,
            ),
        )
        by_stage = c.get("outcomes_by_stage", {})
        if by_stage:
            section.add(
                outcome_table(
                    "Outcomes at each stage",
                    "outcomes-by-stage",
                    "Stage",
                    {k: by_stage[k] for k in sorted(by_stage)},
                    names=lambda k: f"Stage {k}",
                    note="A complaint counts at each stage it reached that has a finding.",
                )
            )
        reached2 = c["by_stage_reached"].get("2", 0) + c["by_stage_reached"].get("3", 0)
        external = t["stage2"].get("external_investigator", 0)
        if reached2:
            section.add(
                f"{plural(reached2, 'complaint')} reached a stage 2 investigation; "
                f"{external} of them {'was' if external == 1 else 'were'} investigated by someone from outside "
                "the council."
            )
        reached3 = c["by_stage_reached"].get("3", 0)
        if reached3:
            panel = by_stage.get("3", {})
            findings = ", ".join(f"{OUTCOME_LABELS[k].lower()} {n}" for k, n in panel.items() if n)
            section.add(
                f"{plural(reached3, 'complaint')} went to a stage 3 review panel"
                + (f": {findings}." if findings else ".")
            )
        return section

    def timeliness_section(self) -> Section:
        years, t = self.years, self.c["timeliness"]
        s1 = t["stage1"]
        stage = self.procedure.stage(1)
        target = stage.target_days if stage else 20
        rows = []
        for n in (1, 2, 3):
            s = t[f"stage{n}"]
            if n > 1 and not (s["responded"] or s["open"]):
                continue
            rows.append(
                [
                    f"Stage {n}",
                    *timeliness_cells(s),
                    "–" if s["mean_days"] is None else s["mean_days"],
                    "–" if s["median_days"] is None else s["median_days"],
                ]
            )

        def within_target(d: dict) -> dict:
            s = d["complaints"]["timeliness"]["stage1"]
            return {"within": s["within_target"], "over": s["responded"] - s["within_target"], "open": s["open"]}

        def answered(d: dict) -> int:
            s = d["complaints"]["timeliness"]["stage1"]
            return s["responded"] + s["open"]

        band_labels = list(s1["bands"])
        return Section("Timeliness", "timeliness").add(
            Subheading("Acknowledgement"),
            f"{share(t['acknowledged_within_3'], t['acknowledged'])} acknowledged complaints were acknowledged within "
            "3 working days.",
            Subheading("Responses"),
            breakdown(
                f"Stage 1 responses within {target} working days",
                "stage1-within-target",
                "Stage 1",
                years,
                within_target,
                answered,
                names={
                    "within": f"Within {target} working days",
                    "over": f"Over {target} working days",
                    "open": "Still open",
                }.get,
                order=lambda keys: ["within", "over", "open"],
                note="Complaints withdrawn before a response are not counted. A timescale set for the complaint "
                "counts instead of the usual one.",
            ),
            Table(
                "Responses at each stage",
                [
                    "Stage",
                    "Within target",
                    "Within an agreed extension",
                    "Over",
                    "Still open",
                    "Total",
                    "Mean days",
                    "Median days",
                ],
                rows,
                note="Percentages are of the complaints responded to or still open at that stage. Response times "
                "are in working days from the start of the stage.",
                key="timeliness",
            ),
            breakdown(
                "Stage 1 response times",
                "response-bands",
                "Working days",
                years,
                lambda d: d["complaints"]["timeliness"]["stage1"]["bands"],
                lambda d: d["complaints"]["timeliness"]["stage1"]["responded"],
                names=str,
                order=lambda keys: band_labels,
                noun="stage 1 responses",
            ),
            Chart(
                "Stage 1 response times",
                "bar",
                band_labels,
                {self.this: list(s1["bands"].values())},
                alt="Bar chart of stage 1 responses by working days taken: "
                + ", ".join(f"{k} days: {v}" for k, v in s1["bands"].items())
                + ".",
            ),
        )

    def equality_section(self) -> Section:
        c = self.c
        section = Section("Equality monitoring", "equality").add(
            "These tables describe the people receiving the service that each complaint was about. Small numbers "
            "are not statistically significant."
        )
        groups = [
            ("sex", "Sex", capitalised, None),
            ("age_band", "Age", label, age_order),
            ("ethnicity", "Ethnicity", label, None),
            ("disability", "Disability", capitalised, None),
            ("primary_support_reason", "Primary support reason", label, None),
        ]
        # A dataset of interchange version 1 has no primary support reason: leave it out, not "0 of 66".
        groups = [g for g in groups if g[0] in c["equality"]]
        for key, what, names, order in groups:
            section.add(
                self._breakdown_or_sentence(
                    what,
                    f"{what} of the people at the heart of complaints",
                    f"equality-{key}",
                    what,
                    lambda d, key=key: d["complaints"]["equality"].get(key, {}),
                    hide=self.hide,
                    names=names,
                    order=order,
                )
            )
        for key, what, names, order in groups:
            outcomes = c.get("outcomes_by_equality", {}).get(key, {})
            if not outcomes or set(outcomes) <= {UNKNOWN}:
                continue
            ordered = order(list(outcomes)) if order else list(outcomes)
            section.add(
                outcome_table(
                    f"Outcomes of {self.this}'s complaints by {what.lower()}",
                    f"outcomes-by-{key.replace('_', '-')}",
                    what,
                    {k: outcomes[k] for k in ordered},
                    self.hide,
                    names=names,
                )
            )
        return section

    def compliments_section(self, year: int, quotes: list[str]) -> Section:
        years, compliments = self.years, self.d["compliments"]
        by_month = complaints_by_month(year, self.procedure.code)
        months = list(compliments["by_month"])
        month_names = [dt.date(int(m[:4]), int(m[5:]), 1).strftime("%b %Y") for m in months]
        areas = {k for y in years for k in (y.get(lambda d: d["compliments"]["by_service_area"]) or {})}
        prefix = common_prefix(areas)
        month_rows = [[name, by_month.get(m, 0), compliments["by_month"][m]] for name, m in zip(month_names, months)]
        month_rows.append(["Total", sum(by_month.values()), compliments["received"]])
        section = Section("Compliments", "compliments").add(
            compared(years, lambda d: d["compliments"]["received"], "We received compliments:"),
            Table(
                "Complaints and compliments received each month",
                ["Month", "Complaints", "Compliments"],
                month_rows,
                key="compliments-by-month",
                total=True,
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
        )
        if areas:
            section.add(
                breakdown(
                    "Compliments by service area",
                    "compliments-by-area",
                    "Service area",
                    years,
                    lambda d: d["compliments"]["by_service_area"],
                    lambda d: d["compliments"]["received"],
                    names=strip(prefix),
                    noun="compliments",
                    note=within(prefix),
                )
            )
        if any(y.get(lambda d: d["compliments"]["by_theme"]) for y in years):
            section.add(
                breakdown(
                    "What compliments were about",
                    "compliment-themes",
                    "Theme",
                    years,
                    lambda d: d["compliments"]["by_theme"],
                    lambda d: d["compliments"]["received"],
                    noun="compliments",
                    totalled=False,
                )
            )
        if quotes:
            section.add(Subheading("In people's own words"), *(f"“{q}”" for q in quotes))
        return section

    def ombudsman_section(self, year: int) -> Section:
        years, o = self.years, self.o
        section = Section("The Ombudsman", "ombudsman").add(
            compared(
                years,
                lambda d: d["ombudsman"]["received"],
                "The Local Government and Social Care Ombudsman told us of complaints about this procedure:",
            ),
            f"Of the {plural(o['received'], 'case')} received in {self.this}, {o['decided']} "
            f"{'has' if o['decided'] == 1 else 'have'} been decided.",
            breakdown(
                "Ombudsman decisions on the cases received each year",
                "ombudsman-decisions",
                "Decision",
                years,
                lambda d: d["ombudsman"]["decisions"],
                lambda d: d["ombudsman"]["received"],
                names=decision_label,
                noun="cases",
                order=lambda keys: [k for k in keys if k != "open"] + [k for k in keys if k == "open"],
            ),
        )
        rate_rows = [
            [name, *(y.get(lambda d, read=read: read(d["ombudsman"])) for y in years)]
            for name, read in [
                ("Investigated in detail", lambda o: o["upheld"] + o["not_upheld"]),
                ("Upheld", lambda o: o["upheld"]),
                ("Upheld rate", _upheld_rate),
            ]
        ]
        peers = peer_table(year)
        headers = ["", *(y.label for y in years)]
        rate_note = "The upheld rate is of the complaints the Ombudsman investigated in detail."
        if peers and peers.council:
            headers.append(f"{peers.group} ({self.this})")
            headers.append(f"England ({self.this})")
            for row in rate_rows:
                row += ["", ""]
            rate_rows[2][-2:] = [_rate(peers.peer_upheld_rate), _rate(peers.england_upheld_rate)]
            rate_note += (
                " Similar councils and England: all complaints about each council, from the Ombudsman's statistics."
            )
        section.add(
            Table(
                "How often the Ombudsman upheld complaints",
                headers,
                [[row[0], *(NO_DATA if v is None else v for v in row[1:])] for row in rate_rows],
                note=rate_note,
                key="ombudsman-upheld-rate",
            )
        )
        decided = self.s.get("ombudsman_decided_in_year")
        if decided and decided["received"]:
            section.add(
                Subheading("Decisions made in the year"),
                f"The Ombudsman made {plural(decided['received'], 'decision')} about this procedure in "
                f"{self.this}, whenever the case was received, as its annual letter counts them: "
                f"{decided['upheld']} upheld, an upheld rate of {_upheld_rate(decided)}.",
                Table(
                    f"Ombudsman decisions made in {self.this}",
                    ["Decision", "Cases"],
                    [[decision_label(k), v] for k, v in decided["decisions"].items()],
                    key="ombudsman-decided-in-year",
                ),
            )
        on_time, late = o.get("responses_on_time", 0), o.get("responses_late", 0)
        if on_time or late:
            section.add(
                f"We answered {share(on_time, on_time + late)} of the Ombudsman's enquiries by its deadline; "
                f"{plural(late, 'answer')} {'was' if late == 1 else 'were'} late."
            )
        section.add(
            Table(
                "Remedies the Ombudsman asked for",
                ["Remedies", "Number"],
                [
                    ["Completed on time", o["remedies_completed_on_time"]],
                    ["Completed late", o["remedies_late"]],
                    ["Not yet completed", o["remedies_outstanding"]],
                ],
                note=f"The Ombudsman asked us to pay {money(o['remedies_gbp'])} in total on the cases received in "
                f"{self.this}.",
                key="ombudsman-remedies",
            )
        )
        if o.get("remedies_by_type"):
            section.add(
                Table(
                    "What the Ombudsman asked us to do",
                    ["Remedy", "Cases"],
                    [[label(k), n] for k, n in o["remedies_by_type"].items()],
                    key="ombudsman-remedy-types",
                )
            )
        cases = [case for case in self.s.get("ombudsman_cases", []) if case["summary"].strip()]
        if cases:
            section.add(Subheading("The cases"))
            for case in cases:
                remedy = (
                    f" The Ombudsman asked us to pay {money(case['remedies_gbp'])}."
                    if Decimal(case["remedies_gbp"])
                    else ""
                )
                section.add(
                    f"Received {_date(case['received'])}, decided {_date(case['decided'])}: "
                    f"{decision_label(case['decision'])}. {case['summary'].strip()}{remedy}"
                )
        if peers and peers.council:
            section.add(
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
                    note=f"From the Ombudsman's published statistics for {financial_year_label(year)}, for all "
                    f"complaints about each council, beside the {peers.group}. Upheld rate of the {peers.group} "
                    f"together: {_rate(peers.peer_upheld_rate)}; of every council in the statistics: "
                    f"{_rate(peers.england_upheld_rate)}.",
                    key="ombudsman-peers",
                )
            )
        return section

    def remedies_section(self) -> Section:
        c, o = self.c, self.o
        local = self.s.get("local_remedies", {})
        by_type = c.get("remedies_by_type", {})
        section = Section("Remedies", "remedies").add(
            Table(
                "Financial remedies",
                ["Remedy", "Amount"],
                [
                    ["Paid at our own complaint stages", money(c["remedies_gbp"])],
                    ["Asked for by the Ombudsman", money(o["remedies_gbp"])],
                ],
                key="remedies",
            ),
        )
        types = list(dict.fromkeys([*local, *by_type]))
        if types:
            section.add(
                Table(
                    "Remedies given at our own complaint stages, by type",
                    ["Remedy", "Complaints", "Amount"],
                    [
                        [
                            label(k),
                            max(local.get(k, {}).get("complaints", 0), by_type.get(k, 0)),
                            money(local[k]["gbp"]) if k in local else "–",
                        ]
                        for k in types
                    ],
                    note="A complaint given several kinds of remedy counts once under each.",
                    key="remedy-types",
                )
            )
        return section

    def learning_section(self) -> Section | None:
        text = getattr(self.narrative, "learning", "") if self.narrative else ""
        learning = self.s.get("learning", {})
        section = Section("Learning and service improvements", "learning")
        if text.strip():
            section.add(*paragraphs(text))
        elif not self.publication:
            section.add(NOT_WRITTEN)
        if learning.get("actions"):
            n = learning["actions"]
            section.add(
                f"We agreed {plural(n, 'learning action')} from this year's complaints.",
                Table(
                    "Learning actions: where they stand",
                    ["Learning actions", "Number"],
                    [
                        ["Completed on time", with_percent(learning["completed_on_time"], n)],
                        ["Completed late", with_percent(learning["completed_late"], n)],
                        ["Still open", with_percent(learning["open"], n)],
                        ["of which overdue", with_percent(learning["overdue"], n)],
                        ["Total", n],
                    ],
                    note="Cancelled actions count only in the total.",
                    key="learning-status",
                ),
            )
            prefix = common_prefix(learning["by_service_area"])
            for key, caption, heading, names in [
                ("by_level", "Learning actions by level", "Level", label),
                ("by_type", "Learning actions by type", "Type", label),
                ("by_service_area", "Learning actions by service area", "Service area", strip(prefix)),
            ]:
                section.add(
                    Table(
                        caption,
                        [heading, "Actions"],
                        [[names(k), with_percent(v, n)] for k, v in learning[key].items()] + [["Total", n]],
                        note=within(prefix) if key == "by_service_area" else "",
                        key=f"learning-{key.replace('_', '-')}",
                        total=True,
                    )
                )
        if learning.get("examples"):
            section.add(Subheading("You said, we did"))
            for example in learning["examples"]:
                section.add(f"You said: {example['you_said']}", f"We did: {example['we_did']}")
        return section if section.blocks else None
