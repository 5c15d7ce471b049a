import datetime as dt
import threading
from pathlib import Path

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from redress.cases.models import Consent, Kind, Representation
from redress.intake.models import Attachment, Draft, Submission
from redress.intake.submission import submit
from redress.notifications.models import OutboxMessage
from redress.tests.outage import database_down, lock_writes

from .helpers import PDF, daughter_for_mother, fill_in

pytestmark = pytest.mark.django_db


def test_a_daughter_complaining_for_her_mother_lands_in_the_triage_queue_with_her_answers(client, officer, send):
    check = fill_in(client, daughter_for_mother(), files=[("care rota.pdf", PDF)])
    page = check.content.decode()
    assert "Check your answers before sending" in page
    assert "Margaret" in page and "care rota.pdf" in page and "Large print letters please" in page

    response = send()
    assert response.url == "/feedback/sent/"
    case = Representation.objects.get()
    assert case.kind == Kind.COMPLAINT and case.procedure.code == "adult"
    assert str(case.complainant) == "Susan Hughes" and str(case.service_user) == "Margaret Hughes"
    assert case.relationship.label == "Son/Daughter" and case.consent == Consent.GIVEN
    assert case.method.label == "Online form"
    assert (case.su_sex, case.su_age, case.su_ethnicity.label, case.su_disability) == ("female", 84, "Irish", "yes")
    assert case.acknowledgement_due and not case.triaged
    assert Representation.objects.awaiting_triage().filter(pk=case.pk).exists()
    assert case.attachments.get().name == "care rota.pdf"

    confirmation = client.get(response.url).content.decode()
    assert case.reference in confirmation

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["susan.hughes@example.com"] and case.reference in mail.outbox[0].subject
    assert "/track/" in mail.outbox[0].body

    client.force_login(officer)
    detail = client.get(case.get_absolute_url()).content.decode()
    assert "Online form" in detail and "Carers missed four morning visits" in detail
    assert "Large print letters please" in detail and "care rota.pdf" in detail


def test_answers_are_kept_when_going_back(client):
    fill_in(client, daughter_for_mother())
    page = client.get("/feedback/their-name/").content.decode()
    assert 'value="Margaret"' in page


def test_changing_an_answer_from_check_your_answers_returns_there(client):
    fill_in(client, daughter_for_mother())
    response = client.post("/feedback/outcome/?change=1", {"outcome": "A new care agency."})
    assert response.url == "/feedback/check-your-answers/"
    assert "A new care agency." in client.get(response.url).content.decode()


def test_a_page_cannot_be_skipped(client):
    client.post("/feedback/what/", {"kind": "complaint"})
    assert client.get("/feedback/your-details/").url == "/feedback/service/"


def test_errors_are_summarised_and_nothing_is_lost(client):
    client.post("/feedback/what/", {"kind": "complaint"})
    client.post("/feedback/service/", {"service": "adult"})
    client.post("/feedback/who/", {"who": "myself"})
    client.post("/feedback/advocate/", {"advocate": "no"})
    response = client.post("/feedback/your-details/", {"first_name": "Sam", "last_name": "", "email": "sam@"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter your last name" in page and "Enter an email address in the correct format" in page
    assert 'value="Sam"' in page
    assert Draft.objects.get().answers["who"] == {"who": "myself"}


def test_a_reply_needs_some_way_to_contact_the_person(client):
    client.post("/feedback/what/", {"kind": "complaint"})
    client.post("/feedback/service/", {"service": "adult"})
    client.post("/feedback/who/", {"who": "myself"})
    client.post("/feedback/advocate/", {"advocate": "no"})
    page = client.post("/feedback/your-details/", {"first_name": "Sam", "last_name": "Lee"}).content.decode()
    assert "Enter an email address, phone number or postal address so we can reply" in page
    client.post("/feedback/your-details/", {"first_name": "Sam", "last_name": "Lee", "phone": "01632 960001"})
    page = client.post("/feedback/contact/", {"preferred": "email"}).content.decode()
    assert "You have not given us an email address" in page


def test_consent_that_cannot_be_given_needs_a_reason(client):
    answers = daughter_for_mother()
    answers["consent"] = {"consent": "cannot_give", "reason": ""}
    with pytest.raises(AssertionError, match="Tell us why they cannot agree"):
        fill_in(client, answers)


def test_a_refresh_or_second_press_of_send_creates_one_case(client, send):
    fill_in(client, daughter_for_mother())
    first, second = send(), send()
    assert first.url == second.url == "/feedback/sent/"
    assert Representation.objects.count() == 1
    assert client.get("/feedback/sent/").status_code == 200
    assert len(mail.outbox) == 1


def test_submitting_the_same_draft_twice_returns_the_first_case():
    draft = Draft.objects.create(answers={"_young": False, **daughter_for_mother(), "documents": {"done": True}})
    assert submit(draft.pk) == submit(draft.pk)
    assert Representation.objects.count() == Submission.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_two_presses_at_the_same_moment_create_one_case():
    draft = Draft.objects.create(answers={"_young": False, **daughter_for_mother(), "documents": {"done": True}})
    results, start = [], threading.Barrier(2)

    def press():
        start.wait()
        results.append(submit(draft.pk).pk)
        connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and Representation.objects.count() == 1


def test_sending_while_the_database_is_locked_keeps_the_answers_and_sends_once_it_is_back(client, send):
    fill_in(client, daughter_for_mother())
    with connection.execute_wrapper(lock_writes):
        response = send()
    assert response.status_code == 503 and response["Retry-After"] == "300"
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page and "Your form has not been sent" in page
    assert "We saved your answers" in page and 'action="/feedback/check-your-answers/"' in page
    assert not Representation.objects.exists() and not mail.outbox
    assert Draft.objects.get().answers["their-name"]["first_name"] == "Margaret"

    # The database is back: the page's Send button (or Send on Check your answers) sends it.
    assert "Margaret" in client.get("/feedback/check-your-answers/").content.decode()
    assert send().url == "/feedback/sent/"
    assert send().url == "/feedback/sent/"  # pressed again: the same case, not another
    assert Representation.objects.count() == 1 and len(mail.outbox) == 1


def test_sending_while_the_database_is_down_gives_the_problem_page_and_loses_nothing(client, send):
    fill_in(client, daughter_for_mother())
    client.raise_request_exception = False  # as a live server, with DEBUG off, answers
    with database_down():
        response = send()
        assert client.get("/feedback/sent/").status_code == 503
    assert response.status_code == 503 and response["Retry-After"] == "300"
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page and "Try again in a few minutes." in page
    assert "we saved the answers you had given" in page and "Complain, compliment or comment" in page

    assert "Margaret" in client.get("/feedback/check-your-answers/").content.decode()
    assert send().url == "/feedback/sent/"
    assert Representation.objects.count() == 1 and len(mail.outbox) == 1


def test_a_robot_filling_the_hidden_field_is_refused(client):
    fill_in(client, daughter_for_mother())
    response = client.post("/feedback/check-your-answers/", {"website": "http://spam.example"})
    assert response.status_code == 400 and not Representation.objects.exists()


def test_sending_is_rate_limited_per_connection(client, send):
    from redress.intake import throttle

    monkey_limit = {"submit": (1, 60)}
    original = dict(throttle.LIMITS)
    throttle.LIMITS.update(monkey_limit)
    try:
        fill_in(client, daughter_for_mother())
        assert send().status_code == 302
        client.get("/feedback/")
        fill_in(client, daughter_for_mother())
        response = send()
        assert response.status_code == 429 and "Too many attempts" in response.content.decode()
        assert Representation.objects.count() == 1
    finally:
        throttle.LIMITS.clear()
        throttle.LIMITS.update(original)


def test_rate_limits_are_on_unless_switched_off_for_a_load_test(client, send, settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from redress.intake import throttle
    from redress.intake.models import Throttle

    assert settings.PUBLIC_RATE_LIMITS is True
    allowed = throttle.LIMITS["track-request"][0]
    assert [throttle.allow_for("track-request", "198.51.100.7") for _ in range(allowed + 1)][-1] is False

    settings.PUBLIC_RATE_LIMITS = False
    assert all(throttle.allow_for("track-request", "198.51.100.8") for _ in range(allowed + 5))
    assert not Throttle.objects.filter(count__gt=allowed + 1).exists()  # nothing counted while off
    with pytest.raises(SystemCheckError, match="PUBLIC_RATE_LIMITS is off"):
        call_command("check", "--deploy", "--fail-level", "ERROR", "--tag", "security")


def test_rate_limits_setting_reads_off_only_when_set(monkeypatch):
    from redress.settings import env_bool

    monkeypatch.delenv("PUBLIC_RATE_LIMITS", raising=False)
    assert env_bool("PUBLIC_RATE_LIMITS", True) is True
    monkeypatch.setenv("PUBLIC_RATE_LIMITS", "off")
    assert env_bool("PUBLIC_RATE_LIMITS", True) is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections")
@pytest.mark.django_db(transaction=True)
def test_many_people_sending_at_once_each_get_one_case_under_their_own_reference(settings):
    from django.test import Client

    settings.PUBLIC_RATE_LIMITS = False  # they all come from one address here
    people = 8
    browsers = []
    for n in range(people):
        answers = daughter_for_mother()
        answers["your-details"] = {**answers["your-details"], "email": f"person{n}@example.com"}
        answers["what"] = {"kind": ("complaint", "comment")[n % 2]}
        browsers.append(Client())
        fill_in(browsers[-1], answers)
    # Everyone presses Send at the same moment, and each presses it twice.
    start, shown, errors = threading.Barrier(people * 2), [], []

    def press(n: int) -> None:
        try:
            start.wait()
            response = browsers[n].post("/feedback/check-your-answers/", {"website": ""})
            assert response.status_code == 302, response.status_code
            page = browsers[n].get(response.url).content.decode()
            reference = page.split("Your reference number is<br><strong>")[1].split("<")[0]
            shown.append((n, reference))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(n % people,)) for n in range(people * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    cases = {case.reference: case.complainant.email for case in Representation.objects.select_related("complainant")}
    assert len(cases) == Representation.objects.count() == Submission.objects.count() == people
    # Each reference shown is the case of the person shown it; each person saw one, twice.
    assert all(cases[reference] == f"person{n}@example.com" for n, reference in shown)
    assert len(shown) == people * 2 and len(set(shown)) == len({reference for _, reference in shown}) == people
    assert sorted(message.to[0] for message in mail.outbox) == sorted(f"person{n}@example.com" for n in range(people))


def test_a_compliment_skips_the_complaint_questions(client, send):
    answers = {
        "what": {"kind": "compliment"},
        "service": {"service": "adult"},
        "your-details": {"first_name": "Tom", "last_name": "Ng", "email": "tom@example.com"},
        "contact": {"preferred": "email"},
        "what-happened": {"what_happened": "The reablement team were wonderful with Dad."},
        "staff": {"staff_named": "Priya in reablement"},
    }
    check = fill_in(client, answers).content.decode()
    assert "What would you like to happen?" not in check and "Who are you contacting us about?" not in check
    send()
    case = Representation.objects.get()
    assert case.kind == Kind.COMPLIMENT and case.staff_named == "Priya in reablement"
    assert case.reference.startswith("CMP-")
    assert Representation.objects.awaiting_triage().filter(pk=case.pk).exists()
    assert "compliment" in mail.outbox[0].subject


def test_a_young_person_is_asked_in_plain_words_and_offered_an_advocate(client, send):
    answers = {
        "what": {"kind": "complaint"},
        "service": {"service": "children"},
        "who": {"who": "myself"},
        "advocate": {"advocate": "wanted"},
        "your-details": {"first_name": "Jay", "last_name": "Brooks", "email": "jay@example.com"},
        "contact": {"preferred": "email"},
        "what-happened": {"what_happened": "My social worker keeps changing and nobody tells me."},
        "outcome": {"outcome": "To keep the same social worker."},
        "equality": {"answer": "no"},
    }
    client.get("/feedback/what/?young=1")
    client.post("/feedback/what/", answers["what"])
    client.post("/feedback/service/", answers["service"])
    client.post("/feedback/who/", answers["who"])
    advocate = client.get("/feedback/advocate/").content.decode()
    assert "Would you like an advocate to help you?" in advocate and "someone who is on your side" in advocate
    fill_in(client, answers, young=True)
    send()
    case = Representation.objects.get()
    assert case.child_or_young_person and case.procedure.code == "children"
    assert case.submission.advocate_requested and case.submission.young_person
    assert "advocate" in mail.outbox[0].body


def test_the_form_closes_after_an_hour_doing_nothing_and_can_carry_on_from_an_emailed_link(
    client, django_capture_on_commit_callbacks
):
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0), tick=False) as traveller:
        fill_in(client, daughter_for_mother())
        traveller.move_to(dt.datetime(2026, 11, 23, 11, 5))
        response = client.get("/feedback/check-your-answers/")
        assert response.url == "/feedback/timed-out/"
        page = client.get(response.url).content.decode()
        assert "We closed the form to protect your information" in page
        # Nothing of the answers is shown on the shared computer.
        assert "Margaret" not in client.get("/feedback/check-your-answers/", follow=True).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/feedback/timed-out/")
        link = next(line for line in mail.outbox[-1].body.splitlines() if "/feedback/carry-on/" in line)

        # The next morning, well within the week the answers are kept.
        traveller.move_to(dt.datetime(2026, 11, 24, 9, 0))
        other_browser = type(client)()
        response = other_browser.get(link.replace("http://testserver", "").replace("http://127.0.0.1:8000", ""))
        assert response.url == "/feedback/check-your-answers/"
        assert "Margaret" in other_browser.get(response.url).content.decode()


def test_keep_alive_stops_the_form_closing(client):
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0), tick=False):
        fill_in(client, daughter_for_mother())
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 58), tick=False):
        assert client.get("/feedback/keep-alive/").status_code == 204
    with time_machine.travel(dt.datetime(2026, 11, 23, 11, 30), tick=False):
        assert client.get("/feedback/check-your-answers/").status_code == 200


def test_a_renamed_executable_is_refused(client):
    fill_in(client, daughter_for_mother())
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
    response = client.post("/feedback/documents/", {"file": SimpleUploadedFile("letter.pdf", program), "upload": "1"})
    assert response.status_code == 200
    assert "The selected file must be a PDF, Word document, JPG, PNG or text file" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_empty_or_too_large_file_is_refused(client, settings):
    settings.ATTACHMENT_MAX_MB = 1
    fill_in(client, daughter_for_mother())
    empty = client.post("/feedback/documents/", {"file": SimpleUploadedFile("a.pdf", b""), "upload": "1"})
    assert "The selected file is empty" in empty.content.decode()
    big = PDF + b"0" * (1024 * 1024)
    large = client.post("/feedback/documents/", {"file": SimpleUploadedFile("b.pdf", big), "upload": "1"})
    assert "The selected file must be smaller than 1MB" in large.content.decode()
    assert not Attachment.objects.exists()


def flag_eicar(path):
    return "infected" if b"EICAR" in path.read_bytes() else "clean"


def test_the_virus_scanner_hook_refuses_an_infected_file_and_keeps_nothing(client, settings):
    settings.ATTACHMENT_SCANNER = "redress.intake.tests.test_online_form.flag_eicar"
    fill_in(client, daughter_for_mother())
    infected = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    response = client.post("/feedback/documents/", {"file": SimpleUploadedFile("notes.txt", infected), "upload": "1"})
    assert "The selected file contains a virus" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    client.post("/feedback/documents/", {"file": SimpleUploadedFile("notes.txt", b"Visit times\n"), "upload": "1"})
    assert Attachment.objects.get().scan == "clean"


def test_without_clamav_files_are_kept_and_marked_not_scanned(client, settings):
    settings.CLAMD_SOCKET = ""
    fill_in(client, daughter_for_mother(), files=[("rota.pdf", PDF)])
    assert Attachment.objects.get().scan == "not_scanned"


def test_attachments_are_served_only_to_staff_who_can_see_the_case(client, officer, investigator, send):
    fill_in(client, daughter_for_mother(), files=[("care rota.pdf", PDF)])
    send()
    case, attachment = Representation.objects.get(), Attachment.objects.get()
    url = f"/case-files/{case.reference}/{attachment.pk}/"
    assert client.get(url).status_code == 302  # the public are sent to sign in
    client.force_login(investigator)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert not str(attachment.file.path).startswith(str(settings_static_root()))


def settings_static_root():
    from django.conf import settings

    return settings.STATIC_ROOT


def test_an_officer_triages_an_online_compliment_out_of_the_queue(client, officer, send):
    answers = {
        "what": {"kind": "compliment"},
        "service": {"service": "adult"},
        "your-details": {"first_name": "Tom", "last_name": "Ng", "email": "tom@example.com"},
        "contact": {"preferred": "email"},
        "what-happened": {"what_happened": "Thank you to the hospital discharge team."},
    }
    fill_in(client, answers)
    send()
    case = Representation.objects.get()
    client.force_login(officer)
    assert case.reference in client.get("/cases/?queue=awaiting-triage").content.decode()
    page = client.get(f"/cases/{case.reference}/triage/").content.decode()
    assert "Record it as a compliment" in page
    today = timezone.localdate()
    client.post(
        f"/cases/{case.reference}/triage/",
        {
            "decision": "record",
            "safeguarding": "no",
            "date_day": today.day,
            "date_month": today.month,
            "date_year": today.year,
        },
    )
    case.refresh_from_db()
    assert case.triaged and case.kind == Kind.COMPLIMENT
    assert case.reference not in client.get("/cases/?queue=awaiting-triage").content.decode()


def test_forms_never_sent_are_forgotten_after_a_week_with_their_files(client, settings):
    from redress.intake.retention import forget_abandoned

    fill_in(client, daughter_for_mother(), files=[("care rota.pdf", PDF)])
    stored = Attachment.objects.get().file.path
    assert forget_abandoned(timezone.now() + dt.timedelta(days=6)) == 0
    assert forget_abandoned(timezone.now() + dt.timedelta(days=8)) == 1
    assert not Draft.objects.exists() and not Attachment.objects.exists()
    assert not Path(stored).exists()


def test_answers_left_behind_on_another_route_are_not_sent(client, send):
    answers = daughter_for_mother()
    fill_in(client, answers)
    client.post("/feedback/who/?change=1", {"who": "myself"})
    check = client.get("/feedback/check-your-answers/").content.decode()
    assert "Margaret" not in check
    send()
    case = Representation.objects.get()
    assert case.service_user == case.complainant and case.consent == Consent.NOT_NEEDED
    assert case.relationship.label == "Service user"


def test_with_gov_uk_notify_set_up_the_reference_is_also_texted(client, send, settings, monkeypatch):
    from notifications_python_client.notifications import NotificationsAPIClient

    settings.NOTIFY_API_KEY = "test-11111111-1111-1111-1111-111111111111-22222222-2222-2222-2222-222222222222"
    settings.NOTIFY_SMS_TEMPLATE_ID = "33333333-3333-3333-3333-333333333333"
    texts = []
    # GOV.UK Notify is an outside service: the request it would receive is recorded instead.
    monkeypatch.setattr(NotificationsAPIClient, "send_sms_notification", lambda self, **kw: texts.append(kw))
    fill_in(client, daughter_for_mother())
    send()
    reference = Representation.objects.get().reference
    assert texts == [
        {
            "phone_number": "07700 900982",
            "template_id": settings.NOTIFY_SMS_TEMPLATE_ID,
            "personalisation": {
                "message": f"Example Council: we have received your complaint. Your reference number is {reference}."
            },
        }
    ]
    assert len(mail.outbox) == 1


def test_sending_takes_few_statements_and_still_writes_the_trail_search_row_and_acknowledgement(
    django_assert_max_num_queries,
):
    # Each statement is paid on every form sent, against a case table of a million rows.
    answers = {"_young": False, **daughter_for_mother(), "documents": {"done": True}}
    submit(Draft.objects.create(answers=answers))  # the year's reference counter, made once
    draft = Draft.objects.create(answers=answers)
    # Before: 36, as the search row was read back and the acknowledgement had a savepoint.
    with django_assert_max_num_queries(26):
        case = submit(draft)
    assert "margaret" in case.search_entry.words
    assert OutboxMessage.objects.filter(case=case, key=f"received:{case.pk}").count() == 1
    for record in (case, case.complainant, case.service_user):
        assert LogEntry.objects.get_for_object(record).filter(action=LogEntry.Action.CREATE).count() == 1
