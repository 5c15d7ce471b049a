"""Checking what people upload: the type is read from the file's content, never its name, and
every file can be passed to a virus scanner before it is kept."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
from pathlib import Path

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Attachment, Scan, StoredFile

log = logging.getLogger(__name__)

# Content types people may send, by what the file really is.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.oasis.opendocument.text": "OpenDocument",
    "text/plain": "text",
}
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


def check_upload(upload) -> str:
    """The file's real content type, or a ValidationError in the words GOV.UK uses."""
    if upload.size == 0:
        raise ValidationError(_("The selected file is empty"), code="empty")
    if upload.size > max_bytes():
        raise ValidationError(
            _("The selected file must be smaller than %(size)sMB") % {"size": settings.ATTACHMENT_MAX_MB}, code="size"
        )
    kind = content_type(upload)
    if kind not in ALLOWED_TYPES:
        raise ValidationError(_("The selected file must be %(types)s") % {"types": TYPES_IN_WORDS}, code="type")
    return kind


def clamav(path: Path) -> str:
    """Scan with ClamAV's clamdscan when it is installed; otherwise the file is kept unscanned and
    staff are told so."""
    scanner = shutil.which("clamdscan")
    if not scanner:
        return Scan.NOT_SCANNED
    # The path is one we made (a random name under MEDIA_ROOT), never the person's file name.
    command = [scanner, "--no-summary", "--fdpass", str(path)]
    result = subprocess.run(command, capture_output=True, timeout=120)  # noqa: S603
    if result.returncode == 0:
        return Scan.CLEAN
    if result.returncode == 1:
        return "infected"
    raise ScanUnavailable(f"clamdscan exited with {result.returncode}")


def save_attachment(upload, model: type[StoredFile] = Attachment, **owner) -> StoredFile:
    """Check, store and scan an upload. Nothing is kept if it is refused."""
    kind = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = model(
        name=Path(upload.name).name[:255], content_type=kind, size=upload.size, sha256=digest.hexdigest(), **owner
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
