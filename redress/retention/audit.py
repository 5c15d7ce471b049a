from redress.audit.registry import ADDED, CHANGED, register

from .models import Anonymisation, LegalHold

register(
    LegalHold,
    to_case=("case",),
    hidden={"case", "placed"},
    phrases={ADDED: "Legal hold placed", CHANGED: "Legal hold changed"},
    labels={"released_by": "Released by", "released": "Released"},
)
register(
    Anonymisation,
    to_case=("case",),
    hidden={"case", "at"},
    phrases={ADDED: "Personal details removed (anonymised)"},
    labels={"by": "Anonymised by"},
)
