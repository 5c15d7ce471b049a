from redress.imports.models import ImportKind

from ._base import ImportCommand


class Command(ImportCommand):
    help = "Import Ombudsman cases (CSV or XLSX). Import the complaints they concern first."
    kind = ImportKind.OMBUDSMAN
