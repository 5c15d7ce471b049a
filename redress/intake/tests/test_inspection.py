"""What is inside a file: each hostile sample is refused for its own reason, and the ordinary
files people send (and the things phones add to photos) are not."""

import time
import zipfile

import magic
import pytest
from django.core.exceptions import ValidationError

from redress.intake.inspection import inspect

from . import samples


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        inspect(data, magic.from_buffer(data[:8192], mime=True))
    return refused.value.code


def test_ordinary_files_pass_with_nothing_to_warn_about():
    ordinary = [
        samples.word_document(),
        samples.odt(),
        samples.word_97(),
        samples.pdf(samples.stream(b"BT /F1 12 Tf (Dear Sir) Tj ET")),
        samples.png(),
        samples.jpeg(),
        # Phones put a second picture or a short video after the photo's end.
        samples.jpeg(after=samples.jpeg()),
        samples.jpeg(after=b"\0\0\0\x18ftypmp42" + b"\x11" * 500),
        b"Visit times: 8am and 6pm\n",
    ]
    for data in ordinary:
        assert inspect(data, magic.from_buffer(data[:8192], mime=True)) == []


@pytest.mark.parametrize(
    "sample",
    [
        samples.macro_word_document,  # a .docm renamed .docx
        lambda: samples.rezip(samples.word_document(), add={"word/vbaProject.bin": b"anything"}),
        lambda: samples.word_97(macros=True),
        lambda: samples.odt({"Basic/Standard/Module1.xml": b"<script:module/>"}),
        # A spreadsheet with macros embedded in a Word document.
        lambda: samples.rezip(
            samples.word_document(),
            add={"word/embeddings/oleObject1.bin": samples.ole_file({("_VBA_PROJECT_CUR", "VBA", "dir"): b"\1"})},
        ),
    ],
)
def test_office_files_with_macros_are_refused(sample):
    assert refusal(sample()) == "macros"


@pytest.mark.parametrize(
    "sample",
    [
        samples.encrypted_word_document,
        lambda: samples.word_97(encrypted=True),
        lambda: samples.zip_of({"word/document.xml": b"<w:document/>"}, encrypted=True),
        lambda: samples.odt(manifest_extra=b'<manifest:encryption-data manifest:checksum="x"/>'),
        lambda: samples.pdf(b"<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>", trailer=b"/Encrypt 3 0 R "),
    ],
)
def test_password_protected_files_are_refused(sample):
    assert refusal(sample()) == "password"


def test_a_2_gib_zip_bomb_renamed_docx_is_refused_from_its_directory_without_unpacking():
    bomb = samples.zip_bomb()
    assert len(bomb) < 100_000
    started = time.perf_counter()
    assert refusal(bomb) == "bomb"
    assert time.perf_counter() - started < 1


def test_archives_that_unpack_to_far_more_than_they_hold_are_refused():
    # 20MB of nothing packs into 20KB: no document grows a thousandfold.
    assert refusal(samples.rezip(samples.word_document(), add={"word/media/image1.png": b"\0" * 20_000_000})) == "bomb"
    inner = samples.zip_of({"sheet.xml": b"\0" * 20_000_000})
    assert refusal(samples.rezip(samples.word_document(), add={"word/embeddings/sheet.xlsx": inner})) == "bomb"
    nested = samples.zip_of({"a.txt": b"a"})
    for depth in range(4):
        nested = samples.zip_of({f"level{depth}.zip": nested}, compression=zipfile.ZIP_STORED)
    assert refusal(samples.rezip(samples.word_document(), add={"word/embeddings/x.zip": nested})) == "bomb"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_word_documents_whose_xml_fetches_other_files_are_refused(encoding):
    assert refusal(samples.xxe_word_document(encoding)) == "xml"


@pytest.mark.parametrize(
    "sample",
    [
        # A PDF that is also a web page, whichever way round.
        lambda: samples.pdf(head=b"<html><body><script>alert(document.cookie)</script></body></html>\n"),
        lambda: samples.pdf(b"(<html><script>alert(1)</script></html>)"),
        # A PDF carrying a zip after its end.
        lambda: samples.pdf() + samples.zip_of({"run.js": b"alert(1)"}),
        # Photos with a page or a zip after the picture.
        lambda: samples.png(after=b"<script>alert(document.cookie)</script>"),
        lambda: samples.jpeg(after=samples.zip_of({"payload.exe": b"MZ" + b"\0" * 100})),
        lambda: samples.jpeg(after=b"<html><body onload=alert(1)>"),
    ],
)
def test_files_that_are_two_things_at_once_are_refused(sample):
    assert refusal(sample()) == "polyglot"


def test_pdfs_that_can_run_scripts_or_programs_or_carry_files_are_flagged_not_refused():
    def found(data):
        return inspect(data, "application/pdf")

    assert found(samples.pdf_running_script()) == ["scripts"]
    assert found(samples.pdf_running_script(b"/J#61vaScript")) == ["scripts"]  # a name spelt in escapes
    assert found(samples.pdf_with_script_in_object_stream()) == ["scripts"]
    assert found(samples.pdf(b"<< /S /Launch /F (cmd.exe) >>")) == ["launch"]
    attached = samples.pdf(
        b"<< /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>", samples.stream(b"MZ", b"/Type /EmbeddedFile ")
    )
    assert found(attached) == ["embedded_files"]
    # Opening at the first page is an OpenAction too, and harmless.
    assert found(samples.pdf(b"[2 0 R /Fit]").replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction 3 0 R")) == []
