"""Erasure on request (UK GDPR Article 17): a decision per case, erase or refuse with one of the
Article 17(3) exceptions, then the erasing itself, then the letter saying what was done."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from redress.ombudsman.models import OmbudsmanCase
from redress.retention.anonymising import anonymise
from redress.retention.models import LegalHold

from .models import Decision, ErasureGround, IncludedCase, InformationRequest, RequestKind


def suggested_refusal(case) -> tuple[str, str] | None:
    """An exception that plainly applies, for the officer to confirm or replace: a legal hold or
    an Ombudsman case still open is a legal claim; a complaint still being handled is the
    council's statutory duty to deal with it."""
    hold = LegalHold.objects.in_force(timezone.localdate()).filter(case=case).first()
    if hold:
        return (ErasureGround.LEGAL_CLAIMS, f"A legal hold keeps the case: {hold.reason}")
    open_ombudsman = OmbudsmanCase.objects.open().filter(complaints=case).first()
    if open_ombudsman:
        return (
            ErasureGround.LEGAL_CLAIMS,
            f"The Ombudsman is still considering the complaint (its reference {open_ombudsman.reference}); "
            "the council needs the records to answer it.",
        )
    if case.closed is None:
        return (
            ErasureGround.LEGAL_OBLIGATION,
            "The case is still open: the council must finish handling it under its complaints procedure.",
        )
    return None


def decide(included: IncludedCase, decision: str, *, by, ground: str = "", explanation: str = "") -> None:
    if decision == Decision.REFUSE and not (ground and explanation.strip()):
        raise ValueError("A refusal needs one of the Article 17(3) reasons and an explanation")
    included.decision = decision
    included.ground = ground if decision == Decision.REFUSE else ""
    included.explanation = explanation.strip()
    included.decided_by = by
    included.decided = timezone.now()
    included.save()


def carry_out(request: InformationRequest, *, by) -> list[IncludedCase]:
    """Erase every case decided for erasure and not yet erased, the way the retention rules do, so
    a case erased on request and one past its retention period look the same afterwards. Returns
    those erased; raises CannotAnonymise (saying which case and why) at the first that cannot be."""
    if request.kind != RequestKind.ERASURE:
        raise ValueError("Only an erasure request erases anything")
    done = []
    to_erase = request.cases.filter(decision=Decision.ERASE, erased__isnull=True, case__isnull=False)
    for included in to_erase.select_related("case"):
        # One case at a time: a failure leaves the cases already erased recorded as erased.
        with transaction.atomic():
            anonymise(included.case, by=by, reason=f"Erasure requested ({request.number})")
            included.erased = timezone.now()
            included.save(update_fields=["erased"])
        done.append(included)
    request.outcome_letter = outcome_letter(request)
    request.save(update_fields=["outcome_letter"])
    return done


ICO = (
    "If you are unhappy with how we have handled your request, you can ask us to look at it again, and you can "
    "complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint, telephone 0303 123 1113. "
    "You may also apply to a court."
)


def outcome_letter(request: InformationRequest) -> str:
    """What to write to the requester (Article 12(4) asks for the reasons for anything refused and
    how to complain to the Information Commissioner)."""
    received = f"{request.received:%-d %B %Y}"
    paragraphs = [f"Dear {request.requester_name},"]
    if request.kind == RequestKind.ACCESS:
        paragraphs.append(
            f"Thank you for your request of {received} for a copy of the information we hold about "
            f"{'the person you act for' if request.for_someone_else else 'you'}. It is enclosed, with an index "
            "listing each record. Some details about other people have been removed where sharing them "
            "would not be fair to them."
        )
    else:
        paragraphs.append(f"Thank you for your request of {received} to erase the information we hold.")
        included = list(request.cases.all())
        erased = [c.case_reference for c in included if c.decision == Decision.ERASE]
        refused = [c for c in included if c.decision == Decision.REFUSE]
        if erased:
            paragraphs.append(f"We have erased the personal information in our records {', '.join(erased)}.")
        for case in refused:
            paragraphs.append(
                f"We have not erased the information in {case.case_reference}, because of "
                f"{case.get_ground_display()[0].lower() + case.get_ground_display()[1:]}: {case.explanation}"
            )
        if not included:
            paragraphs.append("We found no information about you in our complaints records.")
    paragraphs += [ICO, "Yours sincerely,", "Complaints team"]
    return "\n\n".join(paragraphs)
