from django import template

from redress.audit.readable import TrailEntry, readable

register = template.Library()


@register.simple_tag
def audit_entries(history, subject=None) -> list[TrailEntry]:
    """The trail of `subject` (the case whose page it is) in words a complaints officer would use."""
    return readable(history, subject)
