from redress.imports.models import ImportKind

from ._base import ImportCommand


class Command(ImportCommand):
    help = "Import complaints, compliments, comments, enquiries and service requests (CSV or XLSX)."
    kind = ImportKind.REPRESENTATIONS
