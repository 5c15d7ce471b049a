from redress.audit.registry import ADDED, register

from .models import CaseLetter

register(
    CaseLetter,
    to_case=("case",),
    # The letter's words and files are kept on the letter itself.
    exclude_fields=["text", "word", "pdf"],
    hidden={"case", "produced"},
    phrases={ADDED: "Letter produced: {name}"},
    labels={"kind": "Kind of letter"},
)
