from redress.audit.registry import OPENED, register

from .models import Bundle, IncludedCase, InformationRequest

register(
    InformationRequest,
    noun="Information request",
    labels={"kind": "Kind of request", "extension_months": "Extended by (months)"},
    hidden={"created", "created_by"},
)
register(IncludedCase, noun="Case included", hidden={"request"}, m2m_fields={"people"})
register(Bundle, exclude_fields=["items_done"], hidden={"request"}, phrases={OPENED: "Bundle downloaded: {name}"})
