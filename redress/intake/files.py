"""Checking what people upload: the type is read from the file's content, never its name, what
is inside is inspected (inspection.py), and every file can be passed to a virus scanner before
it is kept."""

from __future__ import annotations

import hashlib
import logging
import socket
from pathlib import Path

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from redress.audit.trail import record_view

from . import inspection
from .models import ALLOWED_TYPES, Attachment, Scan, StoredFile

log = logging.getLogger(__name__)

TYPES_IN_WORDS = gettext_lazy("a PDF, Word document, JPG, PNG or text file")
MAX_FILES = 10


class ScanUnavailable(Exception):
    """The virus scanner is set up but could not check the file."""


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_MB * 1024 * 1024


def content_type(upload) -> str:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    return magic.from_buffer(head, mime=True)


def check_upload(upload) -> tuple[str, list[str]]:
    """The file's real content type and what it can do when opened (a PDF's ActiveContent), or a
    ValidationError in the words GOV.UK uses."""
    if upload.size == 0:
        raise ValidationError(_("The selected file is empty"), code="empty")
    if upload.size > max_bytes():
        raise ValidationError(
            _("The selected file must be smaller than %(size)sMB") % {"size": settings.ATTACHMENT_MAX_MB}, code="size"
        )
    kind = content_type(upload)
    active_content = inspection.inspect(upload.read(), kind)
    upload.seek(0)
    if kind not in ALLOWED_TYPES:
        raise ValidationError(_("The selected file must be %(types)s") % {"types": TYPES_IN_WORDS}, code="type")
    return kind, active_content


def clamd(command: bytes, chunks=()) -> bytes:
    """One command to ClamAV's daemon over its local socket (CLAMD_SOCKET), and its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(120)
        connection.connect(settings.CLAMD_SOCKET)
        connection.sendall(b"z" + command + b"\0")
        for chunk in chunks:
            connection.sendall(len(chunk).to_bytes(4, "big") + chunk)
        answer = b""
        while not answer.endswith(b"\0") and (part := connection.recv(4096)):
            answer += part
    return answer.rstrip(b"\0")


def clamd_answers() -> bool:
    try:
        return clamd(b"PING") == b"PONG"
    except OSError:
        return False


def clamav(path: Path) -> str:
    """Scan with ClamAV's daemon, streaming the file to it (so it needs no access to MEDIA_ROOT).
    With no CLAMD_SOCKET the file is kept unscanned and staff are told so; with one that does not
    answer, the file is refused."""
    if not settings.CLAMD_SOCKET:
        return Scan.NOT_SCANNED

    def chunks():
        with path.open("rb") as file:
            while chunk := file.read(64 * 1024):
                yield chunk
        yield b""  # a zero length ends the stream

    try:
        answer = clamd(b"INSTREAM", chunks())
    except OSError as error:
        raise ScanUnavailable(f"clamd: {type(error).__name__}") from None
    if answer.endswith(b" OK"):
        return Scan.CLEAN
    if answer.endswith(b" FOUND"):
        return "infected"
    # Too large for clamd's StreamMaxLength, or another error: never the file's content.
    raise ScanUnavailable("clamd: " + answer.decode(errors="replace")[-80:])


def save_attachment(upload, model: type[StoredFile] = Attachment, **owner) -> StoredFile:
    """Check, store and scan an upload. Nothing is kept if it is refused."""
    kind, active_content = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = model(
        name=Path(upload.name).name[:255],
        content_type=kind,
        size=upload.size,
        sha256=digest.hexdigest(),
        active_content=active_content,
        **owner,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        verdict = import_string(settings.ATTACHMENT_SCANNER)(Path(attachment.file.path))
    except ScanUnavailable:
        attachment.file.delete(save=False)
        log.error("Virus scanner unavailable; an upload was refused")
        raise ValidationError(_("We could not check the file for viruses. Try again later."), code="scan") from None
    if verdict not in Scan.values:
        attachment.file.delete(save=False)
        log.warning("An upload was refused by the virus scanner")
        raise ValidationError(_("The selected file contains a virus"), code="virus")
    attachment.scan = verdict
    attachment.save()
    return attachment


def download(request, item: StoredFile, back_url: str):
    """A stored file for staff, always as a download, never shown in the browser, under a name
    ending as what it really is. A PDF that can run scripts shows its warning first."""
    if item.active_content and "confirmed" not in request.GET:
        return render(request, "intake/open_with_care.html", {"file": item, "back_url": back_url})
    record_view(item)
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.download_name, content_type=item.content_type
    )
