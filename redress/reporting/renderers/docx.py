"""The report as a Word document a complaints manager can edit before it goes to committee:
Word's own Title and Heading styles (so the navigation pane and contents work), real tables
with a repeating header row, and charts as pictures with their text alternative."""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..document import Chart, Report, Subheading, Table
from .common import NUMBER_LIKE, heading, logo, numeric_columns, text
from .pdf import heading_pages
from .png_charts import chart_png

FONT = "Arial"
BLACK = RGBColor(0x0B, 0x0C, 0x0C)
TEXT_WIDTH = Cm(17)  # A4 less 2 cm margins
LANDSCAPE_WIDTH = Cm(25.7)
CHARACTERS_PER_CM = 80 / 17  # about how many characters of 11pt Arial fit across a centimetre
BOLD_WIDTH = 1.1  # bold Arial is about a tenth wider


def render_docx(report: Report) -> bytes:
    document = Document()
    _set_up(document, report)
    _cover(document, report)

    document.add_heading("Key facts", level=1)
    _table(document, ["Measure", report.period], [list(fact) for fact in report.key_facts], [False, False])
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    document.add_paragraph("Contents", style="TOC Heading")
    pages = heading_pages(report)
    _contents(document, [(s.heading, _bookmark(s.key), page) for s, page in zip(report.sections, pages)])

    for number, section in enumerate(report.sections, start=1):
        if section.landscape:
            _landscape(document)
        heading = document.add_heading(level=1)
        _bookmarked(heading, _bookmark(section.key), number, section.heading)
        for block in section.blocks:
            if isinstance(block, Table):
                _captioned_table(document, block, LANDSCAPE_WIDTH if section.landscape else TEXT_WIDTH)
            elif isinstance(block, Chart):
                _chart(document, block)
            elif isinstance(block, Subheading):
                document.add_heading(block.text, level=2)
            else:
                document.add_paragraph(str(block))

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _set_up(document, report: Report) -> None:
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subtitle
    properties.author = properties.last_modified_by = report.council
    properties.comments = ""
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.language = "en-GB"
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = part.blob.replace(b"<Company/>", f"<Company>{escape(report.council)}</Company>".encode())

    for name, size in [
        ("Normal", 11),
        ("Title", 26),
        ("Subtitle", 15),
        ("Heading 1", 17),
        ("Heading 2", 13),
        ("TOC Heading", 17),
    ]:
        style = document.styles[name]
        _font(style.element.get_or_add_rPr())
        style.font.size = Pt(size)
        if name != "Normal":
            style.font.color.rgb = BLACK
    document.styles["Caption"].font.size = Pt(11)
    document.styles["Caption"].font.color.rgb = BLACK
    # British English for the spelling checker and screen readers.
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    document.styles["Normal"].element.get_or_add_rPr().append(language)

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    section.different_first_page_header_footer = True  # no running header on the cover
    header = section.header.paragraphs[0]
    header.text = f"{report.council}\t\tInternal: not for publication" if report.internal else report.council
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _landscape(document) -> None:
    """Start landscape pages for a wide table; they run to the end of the document."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)


def _font(rpr) -> None:
    """Arial, replacing the theme fonts that would otherwise win over a named font."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _cover(document, report: Report) -> None:
    image = logo(report.logo_path)
    if image and image[1] != "image/svg+xml":  # Word cannot take an SVG without a PNG fallback
        picture = document.add_paragraph().add_run().add_picture(io.BytesIO(image[0]), height=Cm(2))
        _describe(picture, f"{report.council} logo", report.council)
    council = document.add_paragraph()
    council.paragraph_format.space_before = Pt(120 if not image else 60)
    council.add_run(report.council).bold = True
    document.add_paragraph(report.title, style="Title")
    document.add_paragraph(report.subtitle, style="Subtitle").runs[0].italic = False
    status = document.add_paragraph()
    bold, rest = report.status
    if bold:
        status.add_run(f"{bold} ").bold = True
    status.add_run(rest)
    status.add_run().add_break(WD_BREAK.PAGE)


def _contents(document, entries: list[tuple[str, str, int]]) -> None:
    """A table of contents field whose current result already lists the sections, linked to
    them, with the pages they start on when the report is printed (WeasyPrint lays out the same
    report). Word pages the document its own way, so it is also asked to update the field, and the
    page numbers with it, when the document is opened."""
    style = _contents_style(document)
    for i, (name, bookmark, page) in enumerate(entries):
        paragraph = document.add_paragraph(style=style)
        if i == 0:
            _field_char(paragraph, "begin")
            _instruction(paragraph, 'TOC \\o "1-1" \\h \\z \\u')
            _field_char(paragraph, "separate")
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark)
        link.set(qn("w:history"), "1")
        for run in (paragraph.add_run(name), paragraph.add_run("\t")):
            link.append(run._r)
        paragraph._p.append(link)
        _field(paragraph, f"PAGEREF {bookmark} \\h", str(page), parent=link)
        if i == len(entries) - 1:
            _field_char(paragraph, "end")
    _update_fields_on_opening(document)


def _contents_style(document):
    """Word's own "toc 1" style: the section's name, then its page number at the right margin
    after a row of dots."""
    try:
        return document.styles["toc 1"]
    except KeyError:
        style = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.paragraph_format.space_after = Pt(4)
    style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    return style


# The elements that follow w:updateFields in a settings part (ECMA-376 CT_Settings), so it goes before them.
AFTER_UPDATE_FIELDS = [
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
]  # fmt: skip


def _update_fields_on_opening(document) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    following = next((child for child in settings if child.tag in {qn(f"w:{n}") for n in AFTER_UPDATE_FIELDS}), None)
    if following is None:
        settings.append(update)
    else:
        following.addprevious(update)


def _bookmark(key: str) -> str:
    # Word bookmark names: letters, digits and underscores, at most 40 characters.
    return ("_Report_" + "".join(c if c.isalnum() else "_" for c in key))[:40]


def _bookmarked(paragraph, name: str, number: int, heading: str) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.append(start)
    paragraph.add_run(heading)
    paragraph._p.append(end)


def _captioned_table(document, table: Table, width: int = TEXT_WIDTH) -> None:
    caption = document.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    _table(document, table.headers, table.rows, numeric_columns(table), small=len(table.headers) > 5, width=width)
    if table.note:
        note = document.add_paragraph()
        note.add_run(table.note).font.size = Pt(9)
    else:
        document.add_paragraph()


def _table(
    document, headers: list[str], rows: list[list], numeric: list[bool], small: bool = False, width: int = TEXT_WIDTH
) -> None:
    grid = document.add_table(rows=1 + len(rows), cols=len(headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    for column, column_width in zip(grid.columns, _column_widths(headers, rows, width)):
        column.width = column_width
        for cell in column.cells:
            cell.width = column_width
    for r, values in enumerate([headers, *rows]):
        row = grid.rows[r]
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if r == 0:
            # Repeat the header row at the top of every page the table runs onto.
            properties.append(OxmlElement("w:tblHeader"))
        for c, value in enumerate(values):
            paragraph = row.cells[c].paragraphs[0]
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
            run = paragraph.add_run(heading(value) if r == 0 else text(value))
            run.bold = r == 0 or c == 0
            if small:
                run.font.size = Pt(9)
            if numeric[c]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                row.cells[c]._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
            # A short table stays on one page; a long one at least keeps its header with a row.
            paragraph.paragraph_format.keep_with_next = r == 0 or (len(rows) <= 20 and r < len(rows))


def _column_widths(headers: list[str], rows: list[list], width: int = TEXT_WIDTH) -> list[int]:
    """Every column wide enough for its longest word, and the room left shared out towards
    each column's longest cell, so labels wrap rather than numbers."""
    columns = [[str(h), *(text(row[i]) for row in rows if i < len(row))] for i, h in enumerate(headers)]
    # A heading's longest word, in bold, and a whole number with its percentage ("29 (62%)") must
    # fit on a line: a heading then wraps between words and a number never wraps.
    least = [
        max(
            [BOLD_WIDTH * len(word) for word in heading(header).split(" ")]
            + [len(cell) if NUMBER_LIKE.fullmatch(cell) else max(map(len, cell.split()), default=0) for cell in cells]
        )
        + 2
        for header, *cells in columns
    ]
    extra = [max(map(len, cells)) + 2 - low for cells, low in zip(columns, least)]
    spare = max(0, width / Cm(1) * CHARACTERS_PER_CM - sum(least))
    share = min(1, spare / sum(extra)) if sum(extra) else 0
    characters = [low + more * share for low, more in zip(least, extra)]
    return [int(width * c / sum(characters)) for c in characters]


def _chart(document, chart: Chart) -> None:
    title = document.add_paragraph(chart.title, style="Caption")
    title.paragraph_format.keep_with_next = True
    picture = document.add_paragraph().add_run().add_picture(io.BytesIO(chart_png(chart)), width=TEXT_WIDTH)
    _describe(picture, chart.alt, chart.title)


def _describe(picture, description: str, title: str) -> None:
    """The text alternative Word shows as 'Alt Text' and screen readers read out."""
    properties = picture._inline.docPr
    properties.set("descr", description)
    properties.set("title", title)


def _field(paragraph, instruction: str, placeholder: str, parent=None) -> None:
    """A field and its current result; its runs go at the paragraph's end, or into `parent`
    (a hyperlink in the paragraph)."""
    _field_char(paragraph, "begin", parent)
    _instruction(paragraph, instruction, parent)
    _field_char(paragraph, "separate", parent)
    _run(paragraph, parent).text = placeholder
    _field_char(paragraph, "end", parent)


def _run(paragraph, parent=None):
    run = paragraph.add_run()
    if parent is not None:
        parent.append(run._r)
    return run


def _field_char(paragraph, kind: str, parent=None) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    _run(paragraph, parent)._r.append(char)


def _instruction(paragraph, instruction: str, parent=None) -> None:
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    _run(paragraph, parent)._r.append(code)
