import datetime as dt
import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import capfirst

from redress.configuration.models import Council
from redress.procedures.models import ProcedureCode
from redress.reporting.dataset import DEFAULT_AGE_BANDS, DEFAULT_BANDS, annual_report_dataset
from redress.reporting.documents import deliver
from redress.reporting.forms import OVERVIEW
from redress.reporting.models import ReportNarrative

# The narrative file's headings, as the report prints them, and the part of the narrative each starts.
NARRATIVE_HEADINGS = {
    str(ReportNarrative._meta.get_field(name).verbose_name).lower(): name
    for name in ("introduction", "general_importance", "learning", "actions")
}
UNSET_COUNCIL_NAMES = {"", "example council"}


def edges(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        raise CommandError(f"{text!r} must be whole numbers separated by commas, e.g. 20,40,60") from None
    if not values or any(b <= a for a, b in zip(values, values[1:])) or values[0] <= 0:
        raise CommandError(f"{text!r} must be positive whole numbers in increasing order")
    return values


def read_narrative(text: str) -> dict[str, str]:
    """The sections of a narrative file: each starts at a line '# Heading' naming one of the
    report's parts (any case), and runs to the next such line. Other lines are the text."""
    known = ", ".join(f"'# {capfirst(heading)}'" for heading in NARRATIVE_HEADINGS)
    sections: dict[str, list[str]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        heading = re.fullmatch(r"#\s+(.*?)\s*#*\s*", line)
        if heading:
            current = NARRATIVE_HEADINGS.get(re.sub(r"\s+", " ", heading[1]).lower())
            if current is None:
                raise CommandError(f"Line {number}: unknown heading '# {heading[1]}'. The headings are {known}")
            if current in sections:
                raise CommandError(f"Line {number}: the heading '# {heading[1]}' appears twice")
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
        elif line.strip():
            raise CommandError(f"Line {number}: text before the first heading. Start each part with one of {known}")
    if not sections:
        raise CommandError(f"The narrative file has no headings. Start each part with one of {known}")
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


def save_narrative(year: int, procedure: str, sections: dict[str, str]) -> ReportNarrative:
    """The file's parts replace those of the year's saved narrative; parts it leaves out are kept."""
    narrative, _ = ReportNarrative.objects.get_or_create(year=year, procedure=procedure)
    for name, text in sections.items():
        setattr(narrative, name, text)
    narrative.updated_by = None
    narrative.save()
    return narrative


class Command(BaseCommand):
    # The system checks import every view, and with them WeasyPrint and matplotlib: seconds of
    # start-up that a JSON report never uses. `manage.py check` and the web server still run them.
    requires_system_checks = []
    help = (
        "Produce the statutory annual complaints report for a financial year and procedure, "
        "or with --procedure all the council-wide overview of every procedure."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="2022 means 1 April 2022 to 31 March 2023")
        parser.add_argument(
            "--procedure",
            required=True,
            choices=[*ProcedureCode.values, OVERVIEW],
            help="the procedure's report, or 'all' for the council-wide overview (its json is the overview's tables)",
        )
        parser.add_argument("--as-of", type=dt.date.fromisoformat, help="read the data as at this date (YYYY-MM-DD)")
        parser.add_argument("--bands", default=",".join(map(str, DEFAULT_BANDS)), help="response-time band edges")
        parser.add_argument("--age-bands", default=",".join(map(str, DEFAULT_AGE_BANDS)), help="age band lower edges")
        parser.add_argument("--format", default="json", choices=["json", "html", "pdf", "docx", "xlsx"])
        parser.add_argument(
            "--publication", action="store_true", help="hide counts under 5 in equality and service tables"
        )
        parser.add_argument(
            "--narrative",
            type=Path,
            metavar="FILE",
            help="a text or Markdown file of the report's own words, one part per heading: '# Introduction', "
            "'# Matters of general importance', '# Learning and service improvements', "
            "'# Actions planned for next year'. It is saved as the year's and procedure's report text "
            "(as if written on the Reports page) before the report is produced; parts it leaves out keep "
            "their saved text",
        )
        parser.add_argument("--output", help="file to write; standard output for json or html when omitted")

    def handle(
        self, *args, year, procedure, as_of, bands, age_bands, format, publication, narrative, output, **options
    ):
        self._warn_if_council_unnamed()
        if narrative:
            if procedure == OVERVIEW:
                raise CommandError("--narrative needs one procedure: the council-wide overview has no report text")
            try:
                text = narrative.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read the narrative file {narrative}: {error}") from None
            saved = save_narrative(year, procedure, read_narrative(text))
            self.stderr.write(f"Saved the report text for {saved} from {narrative}")
        bands, age_bands = edges(bands), edges(age_bands)

        def content():
            return self._content(year, procedure, as_of, bands, age_bands, format, publication)

        deliver(self, content, format, output)

    def _content(self, year, procedure, as_of, bands, age_bands, format, publication) -> bytes:
        if procedure == OVERVIEW:
            from redress.reporting.documents import render_report
            from redress.reporting.overview import build_overview

            return render_report(build_overview(year, as_of or timezone.localdate(), publication), format)
        dataset = annual_report_dataset(year, procedure, as_of, bands, age_bands)
        if format == "json":
            return json.dumps(dataset, indent=1, ensure_ascii=False).encode()
        from redress.reporting.documents import render

        return render(dataset, format, publication=publication, age_bands=age_bands)

    def _warn_if_council_unnamed(self) -> None:
        name = Council.current().name
        if name.strip().lower() in UNSET_COUNCIL_NAMES:
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: the council's name is not set (it is {name!r}), so the report will carry it. "
                    "Set the name and logo under Settings > Council details (/settings/council/)."
                )
            )
