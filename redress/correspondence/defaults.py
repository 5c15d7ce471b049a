"""The letters a council starts with, in plain English; every council edits them."""

TEMPLATES = {
    "acknowledgement": (
        "Your complaint {{ reference }}",
        "Dear {{ complainant_name }}\n\n"
        "Thank you for contacting us on {{ received }}. We have recorded your complaint under the "
        "{{ procedure }} complaints procedure. Your reference is {{ reference }}.\n\n"
        "We would like to talk with you about how we look into your complaint and how long it is likely to take. "
        "Please call us on {{ complaints_phone }} or email {{ complaints_email }}.\n\n"
        "We aim to send you our response by {{ due_date }}. If we need longer, we will tell you why and agree a "
        "new date with you.",
    ),
    "extension": (
        "More time to answer your complaint {{ reference }}",
        "Dear {{ complainant_name }}\n\n"
        "We are sorry that we need more time to finish looking into your complaint. We will now send you our "
        "response by {{ extended_to }}.\n\n"
        "If you are unhappy with this, please contact us on {{ complaints_phone }}. You can also contact the "
        "Local Government and Social Care Ombudsman, www.lgo.org.uk, telephone 0300 061 0614.",
    ),
    "response": (
        "Our response to your complaint {{ reference }}",
        "Dear {{ complainant_name }}\n\n"
        "We have now looked into your complaint of {{ received }} at stage {{ stage }}. "
        "{{ investigating_officer }} looked into it. Below we set out each point you raised, what we found "
        "and why.\n\n"
        "{{ concerns }}\n\n"
        "Overall, your complaint is {{ outcome }}.\n\n"
        "{{ remedies }}\n\n"
        "{{ learning_actions }}\n\n"
        "{{ next_steps }}",
    ),
    "closure": (
        "Your complaint {{ reference }} is now closed",
        "Dear {{ complainant_name }}\n\n"
        "We have closed your complaint {{ reference }}. Thank you for taking the time to tell us about your "
        "experience: it helps us improve our services.\n\n"
        "{{ escalation }}",
    ),
}


# The stage response as first shipped, with a placeholder for the officer to write over: a council
# still using it is moved to the wording above, drafted from what was recorded.
OLD_RESPONSE = (
    "Dear {{ complainant_name }}\n\n"
    "We have now looked into your complaint of {{ received }} at stage {{ stage }}. [Set out how the "
    "complaint was considered, what we found on each point, what we will do, and any apology or remedy.]\n\n"
    "{{ escalation }}"
)


def seed(apps) -> None:
    """Add any default letter that is missing; a council's own wording is never overwritten."""
    LetterTemplate = apps.get_model("correspondence", "LetterTemplate")
    for kind, (subject, body) in TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, procedure=None, defaults={"subject": subject, "body": body})
    LetterTemplate.objects.filter(kind="response", body=OLD_RESPONSE).update(body=TEMPLATES["response"][1])
