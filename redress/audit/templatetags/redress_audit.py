from auditlog.models import LogEntry
from django import template

register = template.Library()

ACTIONS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Changed",
    LogEntry.Action.DELETE: "Deleted",
    LogEntry.Action.ACCESS: "Viewed",
}
CASES = {"representation", "ombudsman case"}


@register.simple_tag
def audit_rows(entry: LogEntry) -> list[dict]:
    """One row per changed field, in words a complaints officer would use."""
    what = entry.content_type.model_class()._meta.verbose_name
    action = f"{ACTIONS.get(entry.action, 'Changed')} {what}"
    if entry.action == LogEntry.Action.ACCESS:
        viewed = "Viewed the case" if what in CASES else f"Opened {what}"
        return [{"action": viewed, "field": "", "old": "", "new": ""}]
    # Many-to-many changes are stored as {"type": "m2m", "operation": "add", "objects": [...]},
    # which the display dictionary cannot show: read them from the raw changes instead.
    model, changed = entry.content_type.model_class(), {}
    for name, values in (entry.changes_dict or {}).items():
        if isinstance(values, dict):
            label = str(model._meta.get_field(name).verbose_name)
            changed[label] = ("", f"{values.get('operation', '')}: {', '.join(map(str, values.get('objects', [])))}")
    rows = []
    for field, values in sorted({**entry.changes_display_dict, **changed}.items()):
        old, new = values
        rows.append({"action": action, "field": field, "old": _blank(old), "new": _blank(new)})
    return rows or [{"action": action, "field": "", "old": "", "new": ""}]


def _blank(value) -> str:
    return "(blank)" if value in ("None", "", None) else value
