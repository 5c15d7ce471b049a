"""The public online form: a start page, one question per page, Check your answers, and the
confirmation with the reference number. No one signs in; the session holds a random token for
the person's draft, and nothing personal ever appears in an address."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError, InterfaceError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from redress.accounts.decorators import case_reader_required
from redress.cases.models import Representation
from redress.configuration import statements
from redress.configuration.models import Council
from redress.errors import service_unavailable
from redress.notifications import reminders

from . import files, throttle, tracking
from .files import MAX_FILES, save_attachment
from .forms import AddInformationForm, CodeForm, TrackForm, UploadForm
from .models import Attachment, Draft
from .questions import BY_SLUG, Question, route
from .submission import add_information, noting_documents, submit, summary

log = logging.getLogger(__name__)

DRAFT, SEEN, YOUNG, SENT, TIMED_OUT = "intake_draft", "intake_seen", "intake_young", "intake_sent", "intake_timed_out"
RESUME_SALT = "redress.intake.resume"
SEEN_EVERY = 60  # seconds


class TimedOut(Exception):
    pass


def current_draft(request) -> Draft | None:
    """This visitor's draft, unless they have done nothing for longer than the idle limit: then
    the form closes (the answers stay saved, and can be picked up from an emailed link)."""
    token = request.session.get(DRAFT)
    if not token:
        return None
    now, seen = time.time(), request.session.get(SEEN, 0)
    # The time is noted at most once a minute, as each note is a write of the session to the
    # database; so the form closes up to a minute after the idle limit, never before it.
    if now - seen > settings.INTAKE_IDLE_MINUTES * 60 + SEEN_EVERY:
        del request.session[DRAFT]
        request.session[TIMED_OUT] = token
        raise TimedOut
    if now - seen >= SEEN_EVERY:
        request.session[SEEN] = now
    return noting_documents(Draft.objects.filter(token=token)).first()


def with_draft(view):
    """Give the view the visitor's draft; send a timed-out visitor to the page that says so, and
    someone who has already sent their form to its confirmation."""

    def wrapped(request, *args, **kwargs):
        try:
            draft = current_draft(request)
        except TimedOut:
            return redirect("intake:timed-out")
        if draft and draft.case_id:
            request.session[SENT] = draft.case.reference
            request.session.pop(DRAFT, None)
            return redirect("intake:confirmation")
        return view(request, draft, *args, **kwargs)

    return wrapped


def _posted(request):
    # A page of optional questions left blank still counts as answered.
    return request.POST if request.method == "POST" else None


def timeout_warning() -> dict:
    minutes = settings.INTAKE_IDLE_MINUTES
    return {"minutes": minutes, "warn": min(5, max(1, minutes // 2))}


def _answers(request, draft: Draft | None) -> dict:
    return draft.answers if draft else {"_young": request.session.get(YOUNG, False)}


def _start_draft(request, answers: dict) -> Draft:
    draft = Draft.objects.create(answers=answers)
    request.session[DRAFT], request.session[SEEN] = draft.token, time.time()
    return draft


def first_unanswered(answers: dict, before: Question | None = None) -> Question | None:
    for question in route(answers):
        if question == before:
            return None
        if question.slug not in answers:
            return question
    return None


def _url(question: Question) -> str:
    return reverse("intake:question", args=[question.slug])


def _next_url(request, answers: dict, current: Question) -> str:
    missing = first_unanswered(answers)
    if request.GET.get("change") and not missing:
        return reverse("intake:check")
    pages = route(answers)
    later = pages[pages.index(current) + 1 :] if current in pages else []
    return _url(later[0]) if later else reverse("intake:check")


def _back_url(answers: dict, current: Question) -> str:
    pages = route(answers)
    if current in pages and pages.index(current) > 0:
        return _url(pages[pages.index(current) - 1])
    return reverse("intake:start-young" if answers.get("_young") else "intake:start")


def start(request, young: bool = False):
    template = "intake/start_young.html" if young else "intake/start.html"
    return render(request, template, {"idle_minutes": settings.INTAKE_IDLE_MINUTES})


def easy_read(request):
    return render(request, "intake/easy_read_start.html")


@require_GET
def statement(request, which: str):
    """The privacy notice or the accessibility statement, in the council's words (Settings)."""
    council = Council.current()
    if which == "privacy":
        title, text = _("Privacy notice"), council.privacy_notice_text()
    else:
        title, text = _("Accessibility statement"), council.accessibility_statement_text()
    return render(request, "intake/statement.html", {"title": title, "blocks": statements.blocks(text)})


@with_draft
def question(request, draft: Draft | None, slug: str):
    current = BY_SLUG.get(slug)
    if current is None:
        raise Http404
    if current.form is None:
        return redirect(reverse("intake:documents") + ("?change=1" if request.GET.get("change") else ""))
    if "young" in request.GET:
        # The start page for children and young people, or the main one, chose the wording.
        request.session[YOUNG] = request.GET["young"] == "1"
        if draft:
            draft.answers["_young"] = request.session[YOUNG]
            draft.save(update_fields=["answers"])
    answers = _answers(request, draft)
    if current not in route(answers):
        missing = first_unanswered(answers)
        return redirect(_url(missing) if missing else reverse("intake:check"))
    missing = first_unanswered(answers, before=current)
    if missing:
        return redirect(_url(missing))
    form = current.form(
        _posted(request), initial=answers.get(current.slug), young=bool(answers.get("_young")), answers=answers
    )
    if request.method == "POST" and form.is_valid():
        draft = draft or _start_draft(request, answers)
        draft.answers[current.slug] = form.cleaned_data
        draft.updated = timezone.now()
        draft.save()
        return redirect(_next_url(request, draft.answers, current))
    return render(
        request,
        "intake/question.html",
        {
            "form": form,
            "question": current,
            "back_url": _back_url(answers, current),
            "change": request.GET.get("change"),
            "timeout": timeout_warning(),
        },
    )


@with_draft
def documents(request, draft: Draft | None):
    current = BY_SLUG["documents"]
    answers = _answers(request, draft)
    missing = first_unanswered(answers, before=current)
    if missing or draft is None:
        return redirect(_url(missing) if missing else reverse("intake:start"))
    form = UploadForm(_posted(request), request.FILES or None)
    attachments = list(draft.attachments.all())
    if request.method == "POST":
        if "remove" in request.POST:
            # Each Remove button sends its file's number; anything else removes nothing.
            remove = request.POST["remove"]
            if remove.isdecimal():
                draft.attachments.filter(pk=int(remove)).delete()
            return redirect(request.get_full_path())
        if form.is_valid() and form.cleaned_data["file"]:
            if len(attachments) >= MAX_FILES:
                form.add_error("file", _("You can send up to %(count)s files") % {"count": MAX_FILES})
            elif not throttle.allow(request, "upload"):
                form.add_error(
                    "file", _("You have sent a lot of files. Wait an hour and try again, or post them to us.")
                )
            else:
                try:
                    save_attachment(form.cleaned_data["file"], draft=draft)
                except ValidationError as error:
                    form.add_error("file", error)
        if not form.errors:
            if "upload" in request.POST:
                return redirect(request.get_full_path())
            draft.answers["documents"] = {"done": True}
            draft.save(update_fields=["answers"])
            return redirect(_next_url(request, draft.answers, current))
    return render(
        request,
        "intake/documents.html",
        {
            "form": form,
            "question": current,
            "attachments": attachments,
            "back_url": _back_url(answers, current),
            "max_files": MAX_FILES,
            "timeout": timeout_warning(),
        },
    )


@with_draft
def check(request, draft: Draft | None):
    if draft is None:
        # Send pressed again, or the page refreshed, after the form was sent.
        return redirect("intake:confirmation" if request.session.get(SENT) else "intake:start")
    missing = first_unanswered(draft.answers)
    if missing:
        return redirect(_url(missing))
    if request.method == "POST":
        if request.POST.get("website"):
            # A field people cannot see or reach, which form-filling robots complete.
            log.info("An online form was refused as spam")
            return render(request, "intake/refused.html", status=400)
        try:
            # Counting the attempt writes to the database too, so it is inside: a database that
            # is away or locked gives the page below, never a server error.
            case = submit(draft) if throttle.allow(request, "submit") else None
        except (DatabaseError, InterfaceError) as error:
            # The class only: a database message can quote the values being saved.
            log.error("An online form could not be sent: %s", type(error).__name__)
            # The draft is untouched (submit is one transaction), so Send works once it is back.
            return service_unavailable(request, "intake/not_sent.html")
        if case is None:
            return render(request, "intake/too_many.html", status=429)
        request.session[SENT] = case.reference
        request.session.pop(DRAFT, None)
        return redirect("intake:confirmation")
    names = [attachment.name for attachment in draft.attachments.all()]
    pages = route(draft.answers)
    return render(
        request,
        "intake/check.html",
        {
            "rows": summary(draft.answers, names),
            "back_url": _url(pages[-1]),
            "timeout": timeout_warning(),
        },
    )


def confirmation(request, easy: bool = False):
    reference = request.session.get(SENT)
    if not reference:
        return redirect("intake:start")
    # Only what the page shows (its title, the reference and what happens next), of all a case holds.
    case = (
        Representation.objects.select_related("procedure", "submission")
        .only("reference", "kind", "procedure__acknowledgement_days", "submission__advocate_requested")
        .get(reference=reference)
    )
    template = "intake/easy_read_confirmation.html" if easy else "intake/confirmation.html"
    return render(request, template, {"case": case})


def timed_out(request):
    """The form closed after a long time doing nothing. Offer to email a link to carry on, to the
    address the person gave, so that no one else at a shared computer can see their answers."""
    try:
        if current_draft(request):
            return redirect("intake:check")  # not timed out after all: carry on
    except TimedOut:
        pass
    token = request.session.get(TIMED_OUT)
    draft = Draft.objects.filter(token=token, case__isnull=True).first() if token else None
    email = draft.answers.get("your-details", {}).get("email") if draft else ""
    sent = False
    if request.method == "POST" and email:
        link = settings.SITE_URL + reverse("intake:resume", args=[signing.dumps(draft.token, salt=RESUME_SALT)])
        reminders.queue(
            f"resume:{draft.pk}:{int(time.time())}",
            email,
            _("Carry on with your form"),
            _(
                "You asked for a link to carry on with the form you started. It works for %(days)s days:"
                "\n\n%(link)s\n\nIf you did not ask for this, you can ignore this email."
            )
            % {"days": settings.INTAKE_DRAFT_DAYS, "link": link},
        )
        sent = True
        request.session.pop(TIMED_OUT, None)
    return render(
        request,
        "intake/timed_out.html",
        {"can_email": bool(email), "sent": sent, "minutes": settings.INTAKE_IDLE_MINUTES},
    )


def resume(request, signed: str):
    try:
        token = signing.loads(signed, salt=RESUME_SALT, max_age=dt.timedelta(days=settings.INTAKE_DRAFT_DAYS))
    except signing.BadSignature:
        return render(request, "intake/link_expired.html", status=404)
    draft = Draft.objects.filter(token=token, case__isnull=True).first()
    if draft is None:
        return render(request, "intake/link_expired.html", status=404)
    request.session.cycle_key()
    request.session[DRAFT], request.session[SEEN] = draft.token, time.time()
    missing = first_unanswered(draft.answers)
    return redirect(_url(missing) if missing else reverse("intake:check"))


@require_GET
def keep_alive(request):
    """The time-out warning's Continue button: counts as doing something."""
    if request.session.get(DRAFT):
        request.session[SEEN] = time.time()
    return HttpResponse(status=204)


@case_reader_required
def attachment(request, reference: str, pk: int):
    """A file sent with a case, for staff who can see the case."""
    case = get_object_or_404(Representation.objects.visible_to(request.user), reference=reference)
    item = get_object_or_404(Attachment, pk=pk, case=case)
    return files.download(request, item, back_url=f"{case.get_absolute_url()}#files")


# Track your case.
TRACK_PENDING, TRACK_WRONG, TRACK_CASE, TRACK_UNTIL = "track_pending", "track_wrong", "track_case", "track_until"
TRACK_MINUTES = 30


def _locked_page(request, until):
    return render(request, "intake/track_locked.html", {"until": timezone.localtime(until)}, status=429)


def track_start(request):
    """Reference and email address. The answer is the same whether or not they match, so the
    page cannot be used to find out who has complained."""
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(request, "track-request"):
            return render(request, "intake/too_many.html", status=429)
        case, until = tracking.request_code(form.cleaned_data["reference"], form.cleaned_data["email"])
        if until:
            return _locked_page(request, until)
        request.session.cycle_key()
        request.session[TRACK_PENDING] = case.pk if case else None
        request.session[TRACK_WRONG] = 0
        return redirect("tracking:code")
    return render(request, "intake/track_start.html", {"form": form})


def track_code(request):
    if TRACK_PENDING not in request.session:
        return redirect("tracking:start")
    form = CodeForm(request.POST or None)
    pending = request.session[TRACK_PENDING]
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(request, "track-code"):
            return render(request, "intake/too_many.html", status=429)
        case = Representation.objects.filter(pk=pending).first() if pending else None
        until = tracking.locked_until(case) if case else None
        if until:
            return _locked_page(request, until)
        if case and tracking.check_code(case, form.cleaned_data["code"]):
            request.session.cycle_key()
            del request.session[TRACK_PENDING]
            request.session[TRACK_CASE] = case.pk
            request.session[TRACK_UNTIL] = time.time() + TRACK_MINUTES * 60
            return redirect("tracking:case")
        request.session[TRACK_WRONG] = request.session.get(TRACK_WRONG, 0) + 1
        until = tracking.locked_until(case) if case else None
        if until or request.session[TRACK_WRONG] >= tracking.WRONG_TRIES:
            # Without a matching case the lock lives in the session; with one, on the case too.
            del request.session[TRACK_PENDING]
            return _locked_page(request, until or timezone.now() + dt.timedelta(minutes=tracking.LOCK_MINUTES))
        form.add_error("code", _("The code is not right, or it has expired. Check the email and try again."))
    codes_an_hour = throttle.LIMITS["track-email-case"][0]
    return render(request, "intake/track_code.html", {"form": form, "codes_an_hour": codes_an_hour})


def _tracked_case(request) -> Representation | None:
    if request.session.get(TRACK_UNTIL, 0) < time.time():
        request.session.pop(TRACK_CASE, None)
        return None
    pk = request.session.get(TRACK_CASE)
    return Representation.objects.select_related("procedure").filter(pk=pk).first() if pk else None


def track_case(request):
    case = _tracked_case(request)
    if case is None:
        return redirect("tracking:start")
    form = AddInformationForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(request, "add-information"):
            return render(request, "intake/too_many.html", status=429)
        try:
            add_information(case, form.cleaned_data["text"], form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Thank you. We have added your information to your case."))
            return redirect("tracking:case")
    return render(
        request,
        "intake/track_case.html",
        {
            "case": case,
            "form": form,
            "status": tracking.public_status(case),
            "events": tracking.public_events(case),
            "files": case.attachments.all(),
        },
    )


@require_POST
def track_sign_out(request):
    for key in (TRACK_CASE, TRACK_UNTIL, TRACK_PENDING):
        request.session.pop(key, None)
    return render(request, "intake/track_signed_out.html")
