from redress.audit.registry import register

from .models import Task

register(
    Task,
    to_case=("case",),
    hidden={"case", "created", "created_by"},
    # Its str() starts with the case's reference, which the case's own page need not repeat.
    name=lambda text: text.partition(" task: ")[2] or text,
)
