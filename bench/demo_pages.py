"""Every page of the demonstration council, as each of its sign-ins would open it, for timing.

`demo_urls()` runs inside Django against a database filled by `manage.py load_demo_data`; it
returns (user name, address) pairs, the user name None for a visitor who is not signed in.
The routes and who may use each come from the access table (redress/tests/test_access.py), so
a new page is timed as soon as the table has its line; its records are the demo council's own,
chosen among those the person may open. POST-only routes are left out: they change things.
"""

from __future__ import annotations


def _samples(user, name: str) -> list[tuple[object, dict]]:
    """Records for a route's address that this person may open: (record, address) pairs."""
    from django.db.models import Max

    from redress.cases.models import Kind, Representation
    from redress.configuration.models import Lookup, LookupList, ServiceArea
    from redress.correspondence.models import CaseLetter, LetterTemplate
    from redress.imports.models import ImportJob
    from redress.information_rights.models import Bundle, IncludedCase, InformationRequest
    from redress.intake.models import Attachment
    from redress.learning.models import LearningAction
    from redress.ombudsman.models import Document, OmbudsmanCase, Recommendation
    from redress.performance.models import Indicator
    from redress.procedures.models import ClosureDay, Procedure, Stage

    visible = Representation.objects.visible_to(user) if user else Representation.objects.none()
    if name == "cases":
        # Per kind, the newest open case and the newest closed one; and a case at each later stage.
        picked = {}
        for kind in Kind.values:
            for state in (visible.open(), visible.closed()):
                if case := state.filter(kind=kind).order_by("-received", "-pk").first():
                    picked[case.pk] = case
        for stage in (2, 3):
            if case := visible.filter(stage=stage).order_by("-received", "-pk").first():
                picked[case.pk] = case
        return [(case, {"reference": case.reference}) for case in picked.values()]
    if name == "attachments":
        files = Attachment.objects.filter(case__in=visible).select_related("case")[:1]
        return [(f, {"reference": f.case.reference, "pk": f.pk}) for f in files]
    if name in {"letters", "case_letters"}:
        letters = CaseLetter.objects.filter(case__in=visible).select_related("case")[:1]
        if name == "letters":
            return [(letter, {"pk": letter.pk}) for letter in letters]
        return [(letter, {"reference": letter.case.reference, "pk": letter.pk}) for letter in letters]
    if name == "learning_actions":
        actions = LearningAction.objects.for_user(user).select_related("case") if user else []
        return [(a, {"pk": a.pk}) for a in actions if a.can_be_updated_by(user)][:1]
    ombudsman = OmbudsmanCase.objects.visible_to(user) if user else OmbudsmanCase.objects.none()
    if name == "ombudsman_cases":
        # The case with the most stages shows the most.
        case = ombudsman.annotate(last=Max("stages__pk")).order_by("-last", "pk").first()
        return [(case, {"pk": case.pk})] if case else []
    if name == "remedies":
        remedies = Recommendation.objects.filter(case__in=ombudsman)[:1]
        return [(r, {"pk": r.case_id, "recommendation_pk": r.pk}) for r in remedies]
    if name == "documents":
        documents = Document.objects.filter(case__in=ombudsman)[:1]
        return [(d, {"pk": d.case_id, "document_pk": d.pk}) for d in documents]
    if name == "erasure_decisions":
        included = IncludedCase.objects.first()
        return [(included, {"pk": included.request_id, "included_pk": included.pk})] if included else []
    if name == "bundles":
        bundle = Bundle.objects.exclude(file="").first()
        return [(bundle, {"pk": bundle.request_id, "bundle_pk": bundle.pk})] if bundle else []
    if name == "staff":
        from redress.accounts.models import User

        records = User.objects.filter(username="investigator")[:1]
    else:
        records = {
            "imports": ImportJob.objects.order_by("-pk")[:1],
            "indicators": Indicator.objects.all()[:1],
            "letter_templates": LetterTemplate.objects.all()[:1],
            "methods": Lookup.objects.of(LookupList.METHOD)[:1],
            "service_areas": ServiceArea.objects.all()[:1],
            "procedures": Procedure.objects.all()[:1],
            "stages": Stage.objects.all()[:1],
            "closure_days": ClosureDay.objects.all()[:1],
            "information_requests": InformationRequest.objects.all()[:1],
        }.get(name, [])
    return [(record, {"pk": record.pk}) for record in records]


def demo_urls(include_visitor: bool = True) -> list[tuple[str | None, str]]:
    from django.urls import reverse

    from redress.accounts.models import User
    from redress.demo.generate import sign_ins
    from redress.tests.test_access import ACCESS, ROUTES, Named

    users = [User.objects.get(username=row[1]) for row in sign_ins()]
    people = [*users, None] if include_visitor else users
    found = []
    for person in people:
        username = person.username if person else None
        for name in sorted(set(ACCESS) & set(ROUTES)):
            routes = ACCESS[name] if isinstance(ACCESS[name], list) else [ACCESS[name]]
            for route in routes:
                if route.post_only:
                    continue
                if not route.records:
                    records = [None]
                else:
                    # Chosen among the records this person may open, so they are named on each.
                    records = [Named(r, {username}, address) for r, address in _samples(person, route.records)]
                for record in records:
                    if not route.who(person, record):
                        continue
                    kwargs = {**(record.address if record else {}), **route.kwargs}
                    url = reverse(name, kwargs=kwargs) + (f"?{route.query}" if route.query else "")
                    found.append((username, url))
    return found
