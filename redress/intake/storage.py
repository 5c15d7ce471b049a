from django.conf import settings
from django.core.files.storage import FileSystemStorage


def attachment_storage() -> FileSystemStorage:
    """Attachments sit in MEDIA_ROOT/attachments, which no web server serves: staff download
    them through a view that checks they may see the case."""
    return FileSystemStorage(location=settings.MEDIA_ROOT / "attachments", base_url=None)
