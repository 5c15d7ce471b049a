"""The annual report in each downloadable format, all rendered from one Report."""

from __future__ import annotations

from .document import Report

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {"html": "html", "pdf": "pdf", "docx": "docx", "xlsx": "xlsx"}


def render(dataset: dict, format: str, *, publication: bool = False, age_bands: tuple[int, ...]) -> bytes:
    """The report of a dataset counted in these age bands (see build_report)."""
    from .build import build_report

    return render_report(build_report(dataset, publication=publication, age_bands=age_bands), format)


def render_report(report: Report, format: str) -> bytes:
    """The report as a file of the format; json is its figures, as the page's download gives them."""
    # Each renderer is imported only when asked for: WeasyPrint and matplotlib are slow to load.
    if format == "json":
        import json

        from .renderers.figures import report_figures

        return json.dumps(report_figures(report), indent=1, ensure_ascii=False).encode()
    if format == "html":
        from .renderers.html import render_html

        return render_html(report, standalone=True).encode()
    if format == "pdf":
        from .renderers.pdf import render_pdf

        return render_pdf(report)
    if format == "docx":
        from .renderers.docx import render_docx

        return render_docx(report)
    if format == "xlsx":
        from .renderers.xlsx import render_xlsx

        return render_xlsx(report)
    raise ValueError(f"No renderer for {format!r}; choose from json, {', '.join(EXTENSIONS)}")


def deliver(command, make_content, format: str, output: str | None) -> None:
    """Write a command's document to `output`, or print json and html when none is given; the checks
    come before `make_content` runs, so a wrong path never costs the time of a PDF."""
    from pathlib import Path

    from django.core.management.base import CommandError

    if not output and format not in {"json", "html"}:
        raise CommandError(f"Give --output for a {format} file")
    if output and not Path(output).parent.is_dir():
        raise CommandError(f"Cannot write {output}: there is no folder {Path(output).parent}")
    content = make_content()
    if not output:
        command.stdout.write(content.decode())
        return
    try:
        Path(output).write_bytes(content)
    except OSError as error:
        raise CommandError(f"Cannot write {output}: {error.strerror or error}") from None
    command.stdout.write(f"Wrote {output}")
