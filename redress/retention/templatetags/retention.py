from django import template
from django.utils import timezone

from redress.retention.models import LegalHold, RetentionRules

register = template.Library()


@register.inclusion_tag("retention/includes/case_retention.html", takes_context=True)
def case_retention(context, case):
    """What keeps the case, or that it was anonymised, for its page."""
    today = timezone.localdate()
    anonymisation = getattr(case, "anonymisation", None)
    holds = LegalHold.objects.in_force(today).filter(case=case).select_related("placed_by")
    return {
        "case": case,
        "user": context["user"],
        "anonymisation": anonymisation,
        "holds": [] if anonymisation else list(holds),
        "anonymised_from": RetentionRules.current().anonymised_from(case),
        "csrf_token": context.get("csrf_token"),
    }
