from redress.audit.registry import ADDED, register

from .models import CaseLetter, LetterReview

register(
    CaseLetter,
    to_case=("case",),
    # The letter's words, files and the address it went to are kept on the letter itself.
    exclude_fields=["text", "word", "pdf", "sent_to"],
    hidden={"case", "produced"},
    phrases={ADDED: "Letter produced: {name}"},
    labels={"kind": "Kind of letter", "sent_how": "Sent"},
)
register(
    LetterReview,
    to_case=("letter__case",),
    # The reviewer's comments are kept on the review, shown with the letter.
    exclude_fields=["comment"],
    hidden={"letter", "at"},
    phrases={ADDED: "Quality check: {name}"},
)
