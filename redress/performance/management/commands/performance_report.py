from django.core.management.base import BaseCommand, CommandError

from redress.reporting.documents import deliver

FORMATS = ["json", "html", "pdf", "docx", "xlsx"]


def _whole_number(text: str, name: str, low: int, high: int) -> int:
    try:
        number = int(text)
    except ValueError:
        raise CommandError(f"--{name} must be a whole number from {low} to {high}, not {text!r}") from None
    if not low <= number <= high:
        raise CommandError(f"--{name} must be from {low} to {high}, not {number}")
    return number


class Command(BaseCommand):
    help = (
        "Produce the quarterly adult social care performance report (ASCOF and local indicators) for a "
        "financial year and quarter, showing only what was known at that quarter."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help="2023 means 1 April 2023 to 31 March 2024")
        parser.add_argument("--quarter", required=True, help="1 (April to June) to 4 (January to March)")
        parser.add_argument("--format", default="json", help=f"one of {', '.join(FORMATS)} (json when omitted)")
        parser.add_argument("--output", help="file to write; standard output for json or html when omitted")

    def handle(self, *args, year, quarter, format, output, **options):
        year = _whole_number(str(year), "year", 2000, 2100)
        quarter = _whole_number(str(quarter), "quarter", 1, 4)
        if format not in FORMATS:
            raise CommandError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
        deliver(self, lambda: self._content(year, quarter, format), format, output)

    def _content(self, year: int, quarter: int, format: str) -> bytes:
        from redress.performance.report import build_performance_report
        from redress.reporting.documents import render_report

        return render_report(build_performance_report(year, quarter), format)
