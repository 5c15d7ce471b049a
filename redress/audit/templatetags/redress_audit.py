from auditlog.models import LogEntry
from django import template

register = template.Library()

ACTIONS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Changed",
    LogEntry.Action.DELETE: "Deleted",
    LogEntry.Action.ACCESS: "Viewed",
}


@register.simple_tag
def audit_rows(entry: LogEntry) -> list[dict]:
    """One row per changed field, in words a complaints officer would use."""
    what = entry.content_type.model_class()._meta.verbose_name
    action = f"{ACTIONS.get(entry.action, 'Changed')} {what}"
    if entry.action == LogEntry.Action.ACCESS:
        return [{"action": "Viewed the case", "field": "", "old": "", "new": ""}]
    rows = []
    for field, values in sorted(entry.changes_display_dict.items()):
        if isinstance(values, dict):  # many-to-many: {"type": "add", "objects": [...]}
            old, new = "", f"{values.get('type', '')}: {', '.join(map(str, values.get('objects', [])))}"
        else:
            old, new = values
        rows.append({"action": action, "field": field, "old": _blank(old), "new": _blank(new)})
    return rows or [{"action": action, "field": "", "old": "", "new": ""}]


def _blank(value) -> str:
    return "(blank)" if value in ("None", "", None) else value
