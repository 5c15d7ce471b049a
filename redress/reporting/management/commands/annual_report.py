import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from redress.procedures.models import ProcedureCode
from redress.reporting.dataset import DEFAULT_AGE_BANDS, DEFAULT_BANDS, annual_report_dataset


def edges(text: str) -> tuple[int, ...]:
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        raise CommandError(f"{text!r} must be whole numbers separated by commas, e.g. 20,40,60") from None
    if not values or any(b <= a for a, b in zip(values, values[1:])) or values[0] <= 0:
        raise CommandError(f"{text!r} must be positive whole numbers in increasing order")
    return values


class Command(BaseCommand):
    help = "Produce the statutory annual complaints report for a financial year and procedure."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="2022 means 1 April 2022 to 31 March 2023")
        parser.add_argument("--procedure", required=True, choices=ProcedureCode.values)
        parser.add_argument("--as-of", type=dt.date.fromisoformat, help="read the data as at this date (YYYY-MM-DD)")
        parser.add_argument("--bands", default=",".join(map(str, DEFAULT_BANDS)), help="response-time band edges")
        parser.add_argument("--age-bands", default=",".join(map(str, DEFAULT_AGE_BANDS)), help="age band lower edges")
        parser.add_argument("--format", default="json", choices=["json", "html", "pdf", "docx", "xlsx"])
        parser.add_argument(
            "--publication", action="store_true", help="hide counts under 5 in equality and service tables"
        )
        parser.add_argument("--output", help="file to write; standard output for json or html when omitted")

    def handle(self, *args, year, procedure, as_of, bands, age_bands, format, publication, output, **options):
        dataset = annual_report_dataset(year, procedure, as_of, edges(bands), edges(age_bands))
        if format == "json":
            content = json.dumps(dataset, indent=1, ensure_ascii=False).encode()
        else:
            from redress.reporting.documents import render

            content = render(dataset, format, publication=publication)
        if output:
            Path(output).write_bytes(content)
            self.stdout.write(f"Wrote {output}")
        elif format in {"json", "html"}:
            self.stdout.write(content.decode())
        else:
            raise CommandError(f"Give --output for a {format} file")
