from redress.audit.registry import ADDED, CHANGED, REMOVED, register

from .models import Attachment, Contribution

# No member of staff is signed in on the online form or Track your case.
ONLINE = "The person, online"

register(
    Attachment,
    to_case=("case",),
    exclude_fields=["file", "draft"],
    noun="Document",
    hidden={"case", "uploaded"},
    labels={
        "content_type": "Type of file",
        "size": "Size (bytes)",
        "sha256": "SHA-256 fingerprint",
        "scan": "Virus check",
        "contribution": "Sent with",
        "uploaded_by": "Added by",
    },
    unattended=ONLINE,
)
register(
    Contribution,
    to_case=("case",),
    hidden={"case", "added"},
    phrases={
        ADDED: "Information added through Track your case",
        CHANGED: "Information from Track your case changed",
        REMOVED: "Information from Track your case removed",
    },
    labels={"text": "Information"},
    unattended=ONLINE,
)
