"""Looking inside what people send for what a virus scanner lets through: macros, passwords,
zip bombs, XML that fetches other files, files that are two things at once, and PDFs that can
run scripts. Everything here only reads the bytes in memory: nothing is unpacked to disk, and an
archive's sizes are read from its directory before any member is read.

inspect() refuses a file with a ValidationError in the words the person sees, or returns what a
PDF can do when opened (ActiveContent codes) so staff are warned before they open it."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import olefile
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ActiveContent

# A document unpacking to more than this, or on unpacking growing more than MAX_RATIO times,
# is a zip bomb: a 10MB Word document holds perhaps 30MB of text and pictures.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000
# A document, a spreadsheet embedded in it, and something embedded in that.
MAX_DEPTH = 3

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ZIP_SIGNATURES = (ZIP, b"PK\x05\x06")
# Web page markup has no place in a PDF or a photo; a browser opening the file as a page runs it.
MARKUP = re.compile(rb"<(?:script|html|body|iframe|object|embed|svg)[\s>/]|<\?php", re.IGNORECASE)
# A document type or entity declaration lets XML fetch other files (XXE) or grow without end.
DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)

REFUSALS = {
    "macros": _(
        "The selected file contains macros. Save it as a Word document (.docx) or PDF without macros "
        "and upload it again."
    ),
    "password": _("The selected file is password protected. Remove the password and upload it again."),
    "bomb": _("The selected file is too large once unpacked. Save it as a PDF and upload it again."),
    "xml": _("The selected document contains instructions to fetch other files. Save it as a PDF and upload it again."),
    "polyglot": _(
        "The selected file has a web page or another file hidden inside it. "
        "Save it again as a new PDF or photo and upload that instead."
    ),
    "unreadable": _("The selected file could not be checked. Save it again as a new file and upload that instead."),
}


def refuse(code: str):
    raise ValidationError(REFUSALS[code], code=code)


def inspect(data: bytes, kind: str) -> list[str]:
    """What a PDF can do when opened, or a ValidationError for a file we do not accept. Runs
    before the allowed types are checked, so a macro-enabled or password-protected Office file
    of any kind is told why."""
    if data.startswith(ZIP):
        check_archive(data)
    elif data.startswith(OLE):
        check_ole(data)
    elif kind == "application/pdf":
        return check_pdf(data)
    elif kind in ("image/png", "image/jpeg"):
        check_image(data, kind)
    elif b"%PDF-" in data[:1024]:
        # PDF readers look for their header anywhere in the first 1024 bytes: what comes before it
        # here (a web page, say) is something else.
        refuse("polyglot")
    return []


# Office documents and other zip files.


def check_archive(data: bytes, depth: int = 1, budget: list[int] | None = None) -> None:
    """Sizes from the central directory first; then each member, read in memory and never more
    than its declared size, for macros, passwords, XML declarations and archives within."""
    budget = budget if budget is not None else [MAX_UNPACKED]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        refuse("unreadable")
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    budget[0] -= unpacked
    if len(members) > MAX_MEMBERS or budget[0] < 0 or (unpacked > 1024 * 1024 and unpacked > MAX_RATIO * len(data)):
        refuse("bomb")
    for member in members:
        name = member.filename.lower()
        if member.flag_bits & 0x1:
            refuse("password")
        # VBA in Word, Excel and PowerPoint's zip formats; Basic and scripts in OpenDocument.
        if name.endswith("vbaproject.bin") or name.startswith(("basic/", "scripts/")):
            refuse("macros")
        try:
            content = archive.read(member)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, zlib.error):
            refuse("unreadable")
        if name == "[content_types].xml" and re.search(rb"macroEnabled|vbaProject", content, re.IGNORECASE):
            refuse("macros")
        if name == "meta-inf/manifest.xml" and b"encryption-data" in content:
            refuse("password")  # OpenDocument encrypts members itself, not with zip's flag
        if DECLARATION.search(as_utf8(content)):
            refuse("xml")
        if content.startswith(ZIP):
            if depth >= MAX_DEPTH:
                refuse("bomb")
            check_archive(content, depth + 1, budget)
        elif content.startswith(OLE):
            check_ole(content)


UTF_16 = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"))


def as_utf8(content: bytes) -> bytes:
    """XML may be written in UTF-16, which would hide a declaration from a search of the bytes."""
    for start, encoding in UTF_16:
        if content.startswith(start):
            return content.decode(encoding, "replace").encode()
    return content


def check_ole(data: bytes) -> None:
    """Old Word files, and the wrapper Office puts round a password-protected .docx."""
    try:
        ole = olefile.OleFileIO(data)
        entries = ole.listdir(streams=True, storages=True)
        word = ole.openstream("WordDocument").read(12) if ole.exists("WordDocument") else b""
    except Exception:  # noqa: BLE001 - a parser of hostile files may fail in any way; the file is refused
        refuse("unreadable")
    names = {part.lower() for entry in entries for part in entry}
    if "encryptedpackage" in names or (len(word) == 12 and int.from_bytes(word[10:12], "little") & 0x0100):
        refuse("password")  # the second: the fEncrypted bit of a Word 97-2003 file's header
    if names & {"macros", "vba", "_vba_project", "_vba_project_cur"}:
        refuse("macros")


# PDFs.

NAME = re.compile(rb"/([^\x00\t\n\x0c\r /\[\]<>(){}%]+)")
ESCAPE = re.compile(rb"#([0-9a-fA-F]{2})")
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
ACTIVE_NAMES = {
    b"JavaScript": ActiveContent.SCRIPTS,
    b"JS": ActiveContent.SCRIPTS,
    b"Launch": ActiveContent.LAUNCH,
    b"EmbeddedFile": ActiveContent.EMBEDDED_FILES,
    b"EmbeddedFiles": ActiveContent.EMBEDDED_FILES,
}


def pdf_names(data: bytes) -> set[bytes]:
    """Every name in the text, with #xx escapes undone: /J#61vaScript is /JavaScript."""
    return {ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name) for name in NAME.findall(data)}


def check_pdf(data: bytes) -> list[str]:
    """Refuses a PDF that is also a web page or a zip, or is encrypted (then nothing in it can be
    checked); otherwise lists what it can do when opened. An /OpenAction that runs a script is
    found by its /JS; one that only opens at a page is harmless."""
    if MARKUP.search(data) or zipfile.is_zipfile(io.BytesIO(data)):
        refuse("polyglot")
    names: set[bytes] = set()
    budget = MAX_UNPACKED
    start = 0
    for stream in STREAM.finditer(data):
        # A stream's own bytes are left out (page drawings and pictures, where any name is
        # chance), except an object stream's, which holds objects, compressed.
        before = data[start : stream.start()]
        names |= pdf_names(before)
        start = stream.end()
        dictionary = pdf_names(before[before.rfind(b"obj") :])
        if b"ObjStm" in dictionary:
            if b"Filter" in dictionary and b"FlateDecode" not in dictionary:
                refuse("unreadable")  # compressed in a way we cannot see inside
            objects = inflate(stream[1], budget) if b"FlateDecode" in dictionary else stream[1]
            budget -= len(objects)
            names |= pdf_names(objects)
    names |= pdf_names(data[start:])
    if b"Encrypt" in names:
        refuse("password")
    return sorted({ACTIVE_NAMES[name].value for name in names & ACTIVE_NAMES.keys()})


def inflate(compressed: bytes, budget: int) -> bytes:
    unpacker = zlib.decompressobj()
    try:
        objects = unpacker.decompress(compressed, budget + 1)
    except zlib.error:
        refuse("unreadable")
    if len(objects) > budget:
        refuse("bomb")
    return objects


# Photos.


def check_image(data: bytes, kind: str) -> None:
    """Refuses a photo carrying web page markup, or a zip or PDF after the picture ends. Other
    data after the end is left: phones add second pictures and short videos there."""
    after = data[png_end(data) if kind == "image/png" else jpeg_end(data) :]
    if (
        MARKUP.search(data)
        or any(signature in after for signature in (*ZIP_SIGNATURES, b"%PDF"))
        or zipfile.is_zipfile(io.BytesIO(data))
    ):
        refuse("polyglot")


def png_end(data: bytes) -> int:
    position = 8
    while position + 8 <= len(data):
        length, chunk = int.from_bytes(data[position : position + 4], "big"), data[position + 4 : position + 8]
        position += 12 + length
        if chunk == b"IEND":
            return position
    return len(data)


def jpeg_end(data: bytes) -> int:
    """Where the end-of-image marker ends: segments are walked, so a thumbnail's end inside
    the metadata does not count, and compressed picture data is skipped marker to marker."""
    position = 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xD9:
            return position + 2
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 1 if marker == 0xFF else 2
            continue
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if marker == 0xDA:
            # Picture data runs to the next marker: 0xFF followed by neither 0 (an escaped 0xFF)
            # nor a restart marker.
            while (position := data.find(b"\xff", position)) != -1 and position + 1 < len(data):
                if data[position + 1] == 0 or 0xD0 <= data[position + 1] <= 0xD7:
                    position += 2
                else:
                    break
            else:
                return len(data)
    return len(data)
