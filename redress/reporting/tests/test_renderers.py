"""Each format of the annual report, opened as the person receiving it would open it."""

import base64
import io
import re
import zipfile

import lxml.html
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from redress.reporting.document import Chart, Report, Section, Subheading, Table
from redress.reporting.documents import CONTENT_TYPES, EXTENSIONS, render, render_report
from redress.reporting.renderers.charts import chart_svg
from redress.reporting.renderers.html import render_html
from redress.reporting.renderers.xlsx import cell_value, sheet_names

YEARS = ["2021/22", "2022/23", "2023/24"]
MONTHS = [f"{m} 2023" for m in ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")] + [
    f"{m} 2024" for m in ("Jan", "Feb", "Mar")
]
COMPLIMENTS = [14, 9, 12, 20, 11, 8, 15, 17, 22, 10, 13, 16]
COMPLAINTS = [18, 17, 21, 15, 16, 19, 20, 14, 12, 22, 17, 16]


def council_report(publication: bool = False, logo_path: str = "") -> Report:
    outcomes = Table(
        "Outcomes of complaints, this year and the two before",
        ["Outcome", *YEARS],
        [
            ["Upheld", 31, 28, 37],
            ["Partially upheld", 40, 44, 52],
            ["Not upheld", 88, 97, 1103],
            ["Still open", 0, 2, 11],
        ],
        note="Outcomes as known on 30 April 2024.",
        key="outcomes",
    )
    responses = Table(
        "Responses by stage",
        ["Stage", "Responded", "Still open", "Within target", "Within agreed extension", "Mean days", "Median days"],
        [
            ["Stage 1", 196, 11, "151 of 196 (77%)", "170 of 196 (87%)", 14.6, 12],
            ["Stage 2", 9, 1, "6 of 9 (67%)", "8 of 9 (89%)", 41.3, 38.5],
        ],
        note="Response times are in working days from the start of the stage.",
        key="timeliness",
    )
    return Report(
        title="Adult social care complaints annual report 2023/24",
        council="Barsetshire County Council",
        subtitle="1 April 2023 to 31 March 2024",
        period="2023/24",
        key_facts=[
            ("Complaints received", "1,207 (last year 1,181)"),
            ("Stage 1 responses within target", "151 of 196 (77%)"),
            ("Financial remedies paid", "£1250.00"),
        ],
        sections=[
            Section("Introduction", "introduction").add("This report covers complaints about adult social care."),
            Section("Outcomes", "outcomes").add(
                "89 of 207 (43%) complaints were well-founded.",
                outcomes,
                Chart(
                    "Outcomes of complaints",
                    "bar",
                    ["Upheld", "Partially upheld", "Not upheld", "Still open"],
                    {"2023/24": [37, 52, 1103, 11]},
                    alt="Bar chart of this year's outcomes: upheld 37, partially upheld 52, not upheld 1103, open 11.",
                ),
            ),
            Section("Timeliness", "timeliness").add(Subheading("Responses"), responses),
            Section("Compliments", "compliments").add(
                Table(
                    "Compliments and complaints received each month",
                    ["Month", "Compliments", "Complaints"],
                    [[m, a, b] for m, a, b in zip(MONTHS, COMPLIMENTS, COMPLAINTS)],
                    key="compliments-by-month",
                ),
                Chart(
                    "Compliments and complaints each month",
                    "line",
                    MONTHS,
                    {"Compliments": COMPLIMENTS, "Complaints": COMPLAINTS},
                    alt="Line chart of compliments and complaints each month, between 8 and 22 a month.",
                ),
            ),
            Section("Remedies paid", "remedies").add(
                Table(
                    "Financial remedies", ["Remedy", "Amount"], [["Paid at our own stages", "£1250.00"]], key="remedies"
                )
            ),
        ],
        publication=publication,
        logo_path=logo_path,
    )


REPORT = council_report()
CHARTS = [block for section in REPORT.sections for block in section.blocks if isinstance(block, Chart)]


@pytest.fixture(scope="module")
def pdf():
    return PdfReader(io.BytesIO(render_report(REPORT, "pdf")))


@pytest.fixture(scope="module")
def word():
    return render_report(REPORT, "docx")


@pytest.fixture(scope="module")
def page():
    return lxml.html.fromstring(render_report(REPORT, "html").decode())


def test_pdf_text_has_the_headings_and_the_numbers_from_the_tables(pdf):
    text = "\n".join(p.extract_text() for p in pdf.pages)
    for heading in ["Key facts", "Contents", "Outcomes", "Timeliness", "Responses", "Remedies paid"]:
        assert heading in text
    for number in ["1,103", "151 of 196 (77%)", "38.5", "£1250.00", "Outcomes as known on 30 April 2024."]:
        assert number in text


def test_pdf_pages_are_numbered_with_a_running_header(pdf):
    assert len(pdf.pages) >= 3
    last = len(pdf.pages)
    assert f"Page 2 of {last}" in pdf.pages[1].extract_text()
    assert "Barsetshire County Council" in pdf.pages[1].extract_text()


def test_key_facts_have_a_page_of_their_own(pdf):
    key_facts = pdf.pages[1].extract_text()
    assert "151 of 196 (77%)" in key_facts
    assert "Introduction" not in key_facts


def test_pdf_is_tagged_with_title_author_and_language_for_assistive_technology(pdf):
    catalog = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert pdf.metadata.title == "Adult social care complaints annual report 2023/24"
    assert pdf.metadata.author == "Barsetshire County Council"
    assert b"pdfuaid:part" in pdf.xmp_metadata.stream.get_data()


def test_pdf_charts_are_figures_with_their_alt_text(pdf):
    alts = []

    def walk(element):
        element = element.get_object()
        if isinstance(element, dict):
            if element.get("/S") == "/Figure":
                alts.append(element.get("/Alt"))
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    assert [chart.alt for chart in CHARTS] == alts


def test_pdf_internal_version_says_on_every_page_it_is_not_for_publication(pdf):
    assert all("not for publication" in p.extract_text() for p in pdf.pages)


def test_pdf_cover_shows_the_council_logo(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 90), "#00703c").save(logo)
    cover = PdfReader(io.BytesIO(render_report(council_report(logo_path=str(logo)), "pdf"))).pages[0]
    assert len(cover.images) == 1
    assert "Barsetshire County Council" in cover.extract_text()


def test_pdf_never_fetches_files_or_urls_named_in_the_report(tmp_path, caplog):
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
        '<image href="file:///etc/hostname" width="10" height="10"/>'
        '<image href="http://example.invalid/track.png" width="10" height="10"/></svg>'
    )
    report = council_report(publication=True, logo_path=str(logo))
    report.sections[0].add('<img src="file:///etc/passwd"> is shown as text')
    assert "&lt;img src=" in render_html(report, standalone=True)
    render_report(report, "pdf")
    assert "disallowed protocol: file:///etc/hostname" in caplog.text
    assert "disallowed protocol: http://example.invalid/track.png" in caplog.text


def test_unreadable_logo_is_left_out():
    html = render_html(council_report(logo_path="/nowhere/logo.png"), standalone=True)
    assert 'logo"' not in html


def test_standalone_html_is_a_whole_document_in_english(page):
    assert page.tag == "html" and page.get("lang") == "en"
    assert page.findtext(".//title") == REPORT.title
    assert page.xpath("//meta[@name='author']/@content") == [REPORT.council]
    assert [h.text_content() for h in page.iter("h1")] == [REPORT.title]
    assert [h.text_content() for h in page.iter("h2")] == [
        "Key facts",
        "Contents",
        *(s.heading for s in REPORT.sections),
    ]
    assert [h.text_content() for h in page.iter("h3")] == ["Responses"]
    assert "@page" in page.findtext(".//style")


def test_every_table_has_a_caption_and_scoped_headers(page):
    tables = page.xpath("//table")
    assert [t.findtext("caption") for t in tables] == [t.caption for t in REPORT.tables()]
    for table, source in zip(tables, REPORT.tables()):
        assert [th.text for th in table.xpath("thead//th[@scope='col']")] == source.headers
        assert [th.text for th in table.xpath("tbody//th[@scope='row']")] == [str(row[0]) for row in source.rows]


def test_number_columns_are_right_aligned_and_text_columns_are_not(page):
    outcomes = page.get_element_by_id("report-table-outcomes")
    assert outcomes.xpath("tbody/tr[3]/td[3]")[0].text == "1,103"
    assert all("govuk-table__cell--numeric" in td.get("class") for td in outcomes.xpath("tbody//td"))
    assert all("govuk-table__header--numeric" in th.get("class") for th in outcomes.xpath("thead//th")[1:])
    responses = page.get_element_by_id("report-table-timeliness")
    assert all("numeric" in td.get("class") for td in responses.xpath("tbody//td"))
    month = page.get_element_by_id("report-table-compliments-by-month").xpath("thead//th")[0]
    assert "numeric" not in month.get("class")


def test_every_chart_is_an_svg_image_with_its_alt_text(page):
    images = page.xpath("//figure/img")
    assert [img.get("alt") for img in images] == [chart.alt for chart in CHARTS]
    for image, chart in zip(images, CHARTS):
        prefix = "data:image/svg+xml;base64,"
        assert image.get("src").startswith(prefix)
        svg = base64.b64decode(image.get("src")[len(prefix) :]).decode()
        assert svg.startswith("<svg role='img' aria-label=") and f"<title>{chart.alt}</title>" in svg.replace(
            "&#x27;", "'"
        )


def test_bars_are_labelled_with_their_values():
    svg = chart_svg(CHARTS[0])
    for value in ["37", "52", "1,103", "11"]:
        assert f">{value}<" in svg


def test_contents_links_to_every_section(page):
    links = page.xpath("//nav//a")
    assert [a.text for a in links] == [s.heading for s in REPORT.sections]
    for link in links:
        assert page.xpath(f"//h2[@id='{link.get('href')[1:]}']")


def test_preview_fragment_fits_in_a_govuk_page():
    fragment = render_html(REPORT, standalone=False)
    assert "<html" not in fragment and "<style" not in fragment
    tree = lxml.html.fromstring(fragment)
    assert tree.xpath("//h1[contains(@class, 'govuk-heading-l')]")
    assert tree.xpath("//table[contains(@class, 'govuk-table')]")
    assert tree.xpath("//dl[contains(@class, 'govuk-summary-list')]")
    assert tree.xpath("//td[contains(@class, 'govuk-table__cell--numeric')]")
    assert all(p.get("class").startswith("govuk-body") for p in tree.iter("p"))


def test_word_headings_use_the_built_in_styles(word):
    document = Document(io.BytesIO(word))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Key facts", *(s.heading for s in REPORT.sections)]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == ["Responses"]
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [REPORT.title]


def test_word_contents_is_a_field_listing_the_sections(word):
    document = Document(io.BytesIO(word))
    body = document.element.body
    anchors = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))]
    bookmarks = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    assert len(anchors) == len(REPORT.sections) and anchors == bookmarks
    fields = [t.text.split() for t in body.iter(qn("w:instrText"))]
    assert fields == [["TOC", "\\o", '"1-1"', "\\h", "\\z", "\\u"]] + [["PAGEREF", b, "\\h"] for b in bookmarks]


def _outline_pages(pdf) -> dict[str, int]:
    pages, stack = {}, list(pdf.outline)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        else:
            pages.setdefault(item.title, pdf.get_destination_page_number(item) + 1)
    return pages


def test_word_contents_has_page_numbers_without_updating_the_field(word, pdf):
    document = Document(io.BytesIO(word))
    entries = [p.text for p in document.paragraphs if p.style.name.lower() == "toc 1"]
    names, numbers = zip(*(entry.split("\t") for entry in entries))
    assert list(names) == [s.heading for s in REPORT.sections]
    pages = [int(n) for n in numbers]
    assert pages == sorted(pages) and pages[0] > 2  # after the cover and the key facts
    assert pages[-1] > pages[0]
    # The pages the sections start on when printed, as the PDF's own outline has them.
    printed = _outline_pages(pdf)
    assert pages == [printed[s.heading] for s in REPORT.sections]


def test_word_updates_the_contents_when_opened(word):
    settings = zipfile.ZipFile(io.BytesIO(word)).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings
    # Word refuses settings out of the schema's order: updateFields comes before compat.
    assert settings.index("w:updateFields") < settings.index("<w:compat")


def test_word_tables_hold_the_numbers_with_a_bold_repeating_header(word):
    document = Document(io.BytesIO(word))
    key_facts, *tables = document.tables
    assert [c.text for c in key_facts.rows[1].cells] == ["Complaints received", "1,207 (last year 1,181)"]
    assert len(tables) == len(REPORT.tables())
    outcomes = tables[0]
    assert [c.text for c in outcomes.rows[3].cells] == ["Not upheld", "88", "97", "1,103"]
    header = outcomes.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert all(t.caption in captions for t in REPORT.tables())
    assert "Outcomes as known on 30 April 2024." in [p.text for p in document.paragraphs]


def test_word_charts_are_pictures_described_by_their_alt_text(word):
    document = Document(io.BytesIO(word))
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert descriptions == [chart.alt for chart in CHARTS]


def test_word_footer_numbers_pages_and_properties_name_the_council(word):
    document = Document(io.BytesIO(word))
    footer = document.sections[0].footer._element
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert document.sections[0].page_width == 7560310  # A4
    properties = document.core_properties
    assert (properties.title, properties.author) == (REPORT.title, REPORT.council)
    app = zipfile.ZipFile(io.BytesIO(word)).read("docProps/app.xml").decode()
    assert "<Company>Barsetshire County Council</Company>" in app


def test_spreadsheet_has_contents_then_a_sheet_per_table():
    book = load_workbook(io.BytesIO(render_report(REPORT, "xlsx")))
    names = ["outcomes", "timeliness", "compliments-by-month", "remedies"]
    assert book.sheetnames == ["Contents", *names]
    contents = book["Contents"].iter_rows(min_row=6, values_only=True)
    assert [row[:2] for row in contents] == [(n, t.caption) for n, t in zip(names, REPORT.tables())]
    assert book["Contents"]["A6"].hyperlink.location == "'outcomes'!A1"


def test_spreadsheet_is_written_in_memory_with_its_tables_and_properties(monkeypatch):
    # openpyxl's own save writes each sheet to a temporary file first, slower than the sheets.
    def no_files(*args, **kwargs):
        raise AssertionError("a temporary file was written")

    monkeypatch.setattr("openpyxl.worksheet._writer.create_temporary_file", no_files)
    book = load_workbook(io.BytesIO(render_report(REPORT, "xlsx")))
    assert book.properties.title == REPORT.title and book.properties.creator == REPORT.council
    assert book.properties.modified is not None
    assert [table.ref for table in book["outcomes"].tables.values()] == ["A3:D7"]


def test_spreadsheet_numbers_are_numbers_under_bold_frozen_headers():
    book = load_workbook(io.BytesIO(render_report(REPORT, "xlsx")))
    outcomes = book["outcomes"]
    assert outcomes["A1"].value == "Outcomes of complaints, this year and the two before" and outcomes["A1"].font.b
    assert [c.value for c in outcomes[3]] == ["Outcome", *YEARS] and all(c.font.b for c in outcomes[3])
    assert outcomes.freeze_panes == "B4"
    assert outcomes["D6"].value == 1103 and outcomes["D6"].data_type == "n"
    assert outcomes["A9"].value == "Outcomes as known on 30 April 2024."
    responses = book["timeliness"]
    assert responses["F4"].value == 14.6 and responses["D4"].value == "151 of 196 (77%)"
    remedies = book["remedies"]
    assert remedies["B4"].value == 1250 and remedies["B4"].number_format == '"£"#,##0.00'
    assert outcomes.column_dimensions["A"].width >= len("Partially upheld")


@pytest.mark.parametrize(
    "written, stored",
    [
        (1207, 1207),
        ("1,207", 1207),
        ("£1,250.00", 1250.0),
        ("68%", 0.68),
        ("45 of 66 (68%)", "45 of 66 (68%)"),
        ("fewer than 5", "fewer than 5"),
        ("–", "–"),
    ],
)
def test_spreadsheet_stores_amounts_and_percentages_as_numbers_and_the_rest_as_written(written, stored):
    assert cell_value(written)[0] == stored


def test_sheet_names_are_short_unique_and_allowed_by_excel():
    tables = [Table("Who made the complaint: by relationship [all] / 2023?", ["A"], []) for _ in range(3)]
    tables.append(Table("x", ["A"], [], key="Contents"))
    names = sheet_names(tables)
    assert len({n.lower() for n in names}) == 4 and "contents" not in {n.lower() for n in names}
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)


def test_every_format_has_a_content_type_and_unknown_formats_are_refused():
    assert set(CONTENT_TYPES) == set(EXTENSIONS) == {"html", "pdf", "docx", "xlsx"}
    with pytest.raises(ValueError):
        render_report(REPORT, "odt")


def test_render_builds_the_report_from_the_dataset(monkeypatch):
    calls = []

    def build_report(dataset, *, publication=False, age_bands=()):
        calls.append((dataset, publication, age_bands))
        return REPORT

    monkeypatch.setattr("redress.reporting.build.build_report", build_report)
    html = render({"year": "2023/24"}, "html", publication=True, age_bands=(16, 65)).decode()
    assert calls == [({"year": "2023/24"}, True, (16, 65))]
    assert html.startswith("<!DOCTYPE html>") and REPORT.title in html
