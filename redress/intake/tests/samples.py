"""Real files, good and hostile, made in memory: Word documents, OpenDocument text, old Word
files, PDFs, PNG and JPEG photos. Each is built the way its format is written, so the checks
read them as Word, ClamAV or a browser would."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx
from PIL import Image

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def word_document(text: str = "Carers missed four visits in March.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(archive: bytes, change: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The archive with some members' contents changed and others added, compressed as Word does."""
    change, add = change or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, change.get(name, source.read(name)))
        for name, content in add.items():
            target.writestr(name, content)
    return out.getvalue()


def macro_word_document() -> bytes:
    """A .docm renamed .docx: the VBA project and the macro-enabled content type."""
    original = word_document()
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        types = source.read("[Content_Types].xml")
    types = types.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    vba = ole_file({("VBA", "dir"): b"\x01" * 4096, ("_VBA_PROJECT",): b"\xcc\x61" + b"\0" * 4094})
    return rezip(original, change={"[Content_Types].xml": types}, add={"word/vbaProject.bin": vba})


def xxe_word_document(encoding: str = "utf-8") -> bytes:
    original = word_document()
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        body = source.read("word/document.xml").decode()
    declaration = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = body.replace("?>", "?>" + declaration, 1).replace("Carers", "&xxe; Carers")
    return rezip(original, change={"word/document.xml": body.encode(encoding)})


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED, encrypted: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    archive = bytearray(out.getvalue())
    if encrypted:
        # The flag 7-Zip and WinZip set on a member encrypted with a password, in its local header
        # and central directory entry (zipfile writes none itself).
        for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = 0
            while (start := archive.find(signature, start)) != -1:
                archive[start + offset] |= 0x1
                start += 4
    return bytes(archive)


def zip_bomb(declared: int = 2 * 1024**3 - 1) -> bytes:
    """A Word-looking zip whose last member says it unpacks to 2 GiB: a few kilobytes on disk.
    The size is written into the member's central directory entry and local header, as a bomb's is."""
    archive = bytearray(rezip(word_document(), add={"word/media/image1.png": b"\0" * 1000}))
    central = archive.rindex(b"PK\x01\x02")
    struct.pack_into("<I", archive, central + 24, declared)
    (local,) = struct.unpack_from("<I", archive, central + 42)
    struct.pack_into("<I", archive, local + 22, declared)
    return bytes(archive)


def odt(members: dict[str, bytes] | None = None, manifest_extra: bytes = b"") -> bytes:
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        + manifest_extra
        + b"</manifest:file-entry></manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")  # first and stored, as ODF asks
        archive.writestr("content.xml", b'<?xml version="1.0"?><office:document-content/>', zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        for name, content in (members or {}).items():
            archive.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ole_file(streams: dict[tuple[str, ...], bytes]) -> bytes:
    """A Compound File (the container of Word 97-2003 files and of password-protected .docx):
    version 3, 512-byte sectors, every stream at least 4096 bytes so none needs the mini stream."""
    free, end, fat_sector, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    # Directory: the root, then each storage and stream, children chained as right siblings.
    entries = [{"name": "Root Entry", "type": 5, "path": (), "data": b""}]
    for path, data in streams.items():
        for depth in range(1, len(path)):
            if not any(entry["path"] == path[:depth] for entry in entries):
                entries.append({"name": path[depth - 1], "type": 1, "path": path[:depth], "data": b""})
        entries.append({"name": path[-1], "type": 2, "path": path, "data": data.ljust(4096, b"\0")})
    for entry in entries:
        entry["child"] = entry["right"] = none
    for index, entry in enumerate(entries[1:], start=1):
        parent = next(e for e in entries if e["path"] == entry["path"][:-1])
        if parent["child"] == none:
            parent["child"] = index
        else:
            sibling = entries[parent["child"]]
            while sibling["right"] != none:
                sibling = entries[sibling["right"]]
            sibling["right"] = index
    directory_sectors = -(-len(entries) // 4)
    fat = [fat_sector] + [*range(2, directory_sectors + 1), end]
    sector = 1 + directory_sectors
    for entry in entries:
        if entry["type"] == 2:
            count = len(entry["data"]) // 512
            entry["start"] = sector
            fat += [*range(sector + 1, sector + count), end]
            sector += count
        else:
            entry["start"] = end if entry["type"] == 5 else 0
    assert len(fat) <= 128
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("d0cf11e0a1b11ae1"),
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        1,
        1,
        0,
        4096,
        end,
        0,
        end,
        0,
    ) + struct.pack("<109I", 0, *[free] * 108)
    directory = b""
    for entry in entries:
        name = entry["name"].encode("utf-16-le") + b"\0\0"
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name,
            len(name),
            entry["type"],
            1,
            none,
            entry["right"],
            entry["child"],
            b"\0" * 16,
            0,
            0,
            0,
            entry["start"],
            len(entry["data"]),
        )
    directory = directory.ljust(directory_sectors * 512, b"\0")
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return header + fat_bytes + directory + b"".join(entry["data"] for entry in entries if entry["type"] == 2)


def word_97(encrypted: bool = False, macros: bool = False) -> bytes:
    """An old .doc: its WordDocument stream starts with the file information block, whose
    fEncrypted bit says a password protects it."""
    flags = 0x0100 if encrypted else 0
    fib = struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0, 0, flags)
    streams = {("WordDocument",): fib, ("1Table",): b"\0"}
    if macros:
        streams[("Macros", "VBA", "dir")] = b"\x01"
        streams[("Macros", "VBA", "ThisDocument")] = b"Attribute VB_Name"
    return ole_file(streams)


def encrypted_word_document() -> bytes:
    """What Word writes for a .docx with a password to open: the package, encrypted, in a Compound File."""
    return ole_file({("EncryptionInfo",): b"\x04\x00\x04\x00", ("EncryptedPackage",): b"\x10" + b"\x9a" * 64})


def pdf(*objects: bytes, trailer: bytes = b"", head: bytes = b"") -> bytes:
    """A PDF with the catalog as object 1 and the given objects after it, with a real xref table."""
    out = bytearray(head + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", *objects]
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, trailer, xref)
    return bytes(out)


def stream(content: bytes, dictionary: bytes = b"", compress: bool = True) -> bytes:
    data = zlib.compress(content) if compress else content
    filter_ = b"/Filter /FlateDecode " if compress else b""
    return b"<< %s%s/Length %d >>\nstream\n%s\nendstream" % (dictionary, filter_, len(data), data)


def pdf_running_script(name: bytes = b"/JavaScript") -> bytes:
    """Opening it runs a script: the catalog's OpenAction is a JavaScript action."""
    return pdf(b"<< /Type /Action /S " + name + b" /JS (app.alert('hello')) >>").replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction 3 0 R"
    )


def pdf_with_script_in_object_stream() -> bytes:
    """The script action hidden in a compressed object stream, where a search of the bytes misses it."""
    hidden = b"4 0 << /S /JavaScript /JS (app.alert(1)) >>"
    return pdf(stream(hidden, b"/Type /ObjStm /N 1 /First 4 "))


def png(after: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(out, "PNG")
    return out.getvalue() + after


def jpeg(after: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.effect_noise((64, 48), 60).convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue() + after
