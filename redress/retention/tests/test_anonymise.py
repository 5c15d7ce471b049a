"""Anonymising a closed case: every personal detail goes, from the record, from storage and from
the audit trail, and every figure a report counts stays."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from redress.audit.readable import readable
from redress.audit.trail import history_for_case
from redress.cases.models import CaseEvent, Concern, Contact, Kind, Outcome, Remedy, Representation, Restriction
from redress.configuration.models import Lookup, LookupList
from redress.correspondence.letters import produce_letter
from redress.intake.files import save_attachment
from redress.intake.models import Attachment, Contribution
from redress.intake.tests.helpers import PDF, daughter_for_mother, fill_in
from redress.learning.models import LearningAction
from redress.ombudsman.models import Decision, Document, OmbudsmanCase, Recommendation
from redress.procedures.models import Procedure
from redress.reporting.build import approved_quotes
from redress.reporting.dataset import annual_report_dataset
from redress.retention.anonymising import REMOVED, anonymise, anonymise_due
from redress.retention.models import Anonymisation, RetentionRules
from redress.tasks.models import Task

pytestmark = pytest.mark.django_db

ONLINE_DAY = dt.datetime(2019, 5, 1, 9, tzinfo=dt.UTC)
# What the online form, the officer and the letter wrote about Susan and her mother.
PERSONAL = [
    "Hughes",
    "Margaret",
    "susan.hughes@example.com",
    "07700 900982",
    "Mill Lane",
    "NB1 2AB",
    "1941-07-19",
    "Carers missed four morning visits",
    "Large print",
    "reliable rota",
    "care rota.pdf",
    "phoned the care agency",
    "Susan's neighbour Mr Patel",
    "Mr Patel saw no carer arrive",
    "Staff photo of the rota",
    "Rota photo from Susan",
    "Only by email to the complaints team",
    "Ring Susan about her mother",
]


def scanned_clean(path) -> str:
    return "clean"


def database_text() -> str:
    """Every row of every table, as text, on SQLite and PostgreSQL alike."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own tables
            rows += [repr(row) for row in cursor.fetchall()]
    return "\n".join(rows)


@pytest.fixture
def susans_complaint(client, officer, django_capture_on_commit_callbacks, settings):
    """Susan's complaint about her mother's care, sent online with a photo in May 2019, worked on
    by an officer (a letter, notes, a remedy, a contact restriction, a task) and closed in July 2019."""
    settings.ATTACHMENT_SCANNER = f"{__name__}.scanned_clean"
    with time_machine.travel(ONLINE_DAY, tick=False):
        fill_in(client, daughter_for_mother(), files=[("care rota.pdf", PDF)])
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/feedback/check-your-answers/", {"website": ""})
        case = Representation.objects.get()
        mother = case.service_user
        mother.date_of_birth = dt.date(1941, 7, 19)
        mother.save()
        case.summary = "Carers missed four morning visits; Susan phoned the care agency twice."
        case.save()
        category = Lookup.objects.filter(list_name=LookupList.CONCERN_CATEGORY, parent__isnull=True).first()
        Concern.objects.create(representation=case, category=category, description="Margaret went without food")
        CaseEvent.objects.create(case=case, kind="paused", stage=1, date=ONLINE_DAY.date(), reason="Susan in hospital")
        Remedy.objects.create(
            case=case, kind=Lookup.objects.filter(list_name=LookupList.REMEDY_TYPE).first(), details="Apology to Susan"
        )
        contribution = Contribution.objects.create(case=case, text="Rota photo from Susan")
        Contact.objects.create(
            case=case, kind="visit", with_whom="Susan's neighbour Mr Patel", date=ONLINE_DAY.date(),
            summary="Mr Patel saw no carer arrive", recorded_by=officer,
        )  # fmt: skip
        save_attachment(
            SimpleUploadedFile("rota.pdf", PDF), case=case, description="Staff photo of the rota", uploaded_by=officer
        )
        Restriction.objects.create(
            person=case.complainant,
            terms="Only by email to the complaints team",
            starts=ONLINE_DAY.date(),
            review=ONLINE_DAY.date() + dt.timedelta(days=90),
        )
        letter = produce_letter(case, "acknowledgement", officer)
        Task.objects.create(case=case, assigned_to=officer, due=ONLINE_DAY.date(), what="Ring Susan about her mother")
    Representation.objects.filter(pk=case.pk).update(closed=dt.date(2019, 7, 1), outcome=Outcome.UPHELD)
    case.refresh_from_db()
    files = [Path(settings.MEDIA_ROOT) / a.file.name for a in Attachment.objects.filter(case=case)]
    files += [Path(letter.word.path), Path(letter.pdf.path)]
    assert files and all(f.is_file() for f in files)
    text = database_text()
    assert all(words in text for words in PERSONAL), [w for w in PERSONAL if w not in text]
    return case, files, contribution


def test_the_daily_run_removes_every_personal_detail_from_the_database_and_storage(susans_complaint):
    case, files, _ = susans_complaint
    trail_before = readable(history_for_case(case), case)

    assert anonymise_due(timezone.localdate()) == 1

    text = database_text()
    assert [words for words in PERSONAL if words in text] == []
    assert [f for f in files if f.exists()] == []
    case.refresh_from_db()
    assert str(case.complainant) == str(case.service_user) == "Name not recorded"
    assert not Attachment.objects.exists() and not case.letters.exists()
    assert not Restriction.objects.exists()
    # The fact of every change stays, with who and when; one more says it was anonymised, by the run.
    trail = readable(history_for_case(case), case)
    assert len(trail) == len(trail_before) + 1
    assert [e.when for e in trail[1:]] == [e.when for e in trail_before]
    assert trail[0].what == "Personal details removed (anonymised)" and trail[0].who == "System"
    assert ("Reason", "", "Its retention period ended") in [(c.field, c.before, c.after) for c in trail[0].changes]
    assert any(entry.what == f"Details changed: {REMOVED}" for entry in trail)
    # The person's own address when they used the online form is not kept either.
    assert not LogEntry.objects.filter(actor__isnull=True, remote_addr__isnull=False).exists()
    assert Anonymisation.objects.get(case=case).by is None


def test_what_reports_count_stays(susans_complaint):
    case, _, _ = susans_complaint
    kept = ["reference", "kind", "received", "closed", "outcome", "stage", "procedure_id", "service_area_id"]
    kept += ["method_id", "relationship_id", "consent", "su_sex", "su_age", "su_ethnicity_id", "su_disability"]
    before = Representation.objects.filter(pk=case.pk).values(*kept).get()
    categories = list(case.concerns.values_list("category", "finding"))
    anonymise(case, reason="Its retention period ended")
    assert Representation.objects.filter(pk=case.pk).values(*kept).get() == before
    assert before["su_sex"] == "female" and before["su_age"] == 84
    assert list(case.concerns.values_list("category", "finding")) == categories
    assert case.remedies.count() == 1 and case.events.count() == 1


def test_a_complaints_officer_erasing_a_case_is_named_on_its_trail(susans_complaint, officer):
    case, _, _ = susans_complaint
    anonymise(case, by=officer, reason="Erasure request")
    trail = readable(history_for_case(case), case)
    assert (trail[0].what, trail[0].who) == ("Personal details removed (anonymised)", "Olivia Okafor")


def test_someone_also_part_of_another_case_keeps_their_details_there(susans_complaint, make_case):
    case, _, _ = susans_complaint
    susan = case.complainant
    newer = make_case(complainant=susan, service_user=susan, received=dt.date(2026, 5, 1))
    anonymise(case, reason="Its retention period ended")
    case.refresh_from_db()
    susan.refresh_from_db()
    assert (susan.last_name, susan.email) == ("Hughes", "susan.hughes@example.com")
    assert newer.complainant == susan and case.complainant != susan
    assert str(case.complainant) == "Name not recorded"
    assert Restriction.objects.filter(person=susan).exists()
    # The old case's own trail no longer names her.
    assert "Hughes" not in str([e.changes for e in LogEntry.objects.filter(pk__in=history_for_case(case))])


def test_the_equality_answers_can_be_removed_too(susans_complaint):
    case, _, _ = susans_complaint
    rules = RetentionRules.current()
    rules.keep_equality_monitoring = False
    rules.save()
    anonymise(case, reason="Its retention period ended")
    case.refresh_from_db()
    assert (case.su_sex, case.su_age, case.su_ethnicity, case.su_disability) == ("", None, None, "")
    for entry in LogEntry.objects.filter(pk__in=history_for_case(case)):
        assert (entry.changes or {}).get("su_sex", [None, None])[1] in (None, "", REMOVED)


def shared_data() -> Path:
    root = Path(__file__).resolve().parents[3]
    for shared in (root.parent / "shared", root.parent.parent / "shared"):
        if (shared / "data" / "coventry-adult-1.1").is_dir():
            return shared / "data" / "coventry-adult-1.1"
    pytest.fail("The shared Coventry data is missing")


def test_a_past_years_annual_report_is_the_same_after_its_cases_are_anonymised(officer):
    data = shared_data()
    call_command("import_representations", str(data / "representations.csv"), verbosity=0)
    call_command("import_ombudsman", str(data / "ombudsman.csv"), verbosity=0)
    # Beside the imported year: a compliment quoted in the report, an approved "you said, we did",
    # equality answers, and a decided Ombudsman case with a document.
    adult = Procedure.objects.get(code="adult")
    compliment = Representation.objects.create(
        kind=Kind.COMPLIMENT,
        procedure=adult,
        received=dt.date(2022, 5, 3),
        closed=dt.date(2022, 5, 4),
        summary="Thank you to Dev for helping Mr Ahmed",
        quote="The carers were kind and always on time.",
        quote_approved_by=officer,
    )
    compliment.themes.add(Lookup.objects.filter(list_name=LookupList.COMPLIMENT_THEME).first())
    complaint = Representation.objects.filter(procedure=adult, received__year=2022, closed__isnull=False).first()
    Representation.objects.filter(pk=complaint.pk).update(su_sex="male", su_age=71, su_disability="yes")
    LearningAction.objects.create(
        case=complaint,
        what_will_change="Tell Mr Ahmed's family",
        level="team",
        kind="practice",
        owner=officer,
        due=dt.date(2022, 9, 1),
        status="completed",
        completed=dt.date(2022, 8, 1),
        evidence="Spoke to Mr Ahmed",
        you_said="Visits were late",
        we_did="We changed the rota",
        example_approved_by=officer,
    )
    ombudsman = OmbudsmanCase.objects.filter(procedure=adult).first()
    ombudsman.complaints.add(complaint)
    OmbudsmanCase.objects.filter(pk=ombudsman.pk).update(decided=dt.date(2022, 12, 1), decision=Decision.NOT_UPHELD)
    Recommendation.objects.filter(case=ombudsman).update(completed=dt.date(2022, 12, 20))
    document = Document.objects.create(
        case=ombudsman, kind="other", name="statement.pdf", content_type="application/pdf", size=len(PDF), sha256="0"
    )
    document.file.save("statement", ContentFile(PDF))

    def report():
        return [annual_report_dataset(2022, code, dt.date(2024, 1, 31)) for code in ("adult", "corporate")]

    before, quotes = report(), approved_quotes(2022, adult)
    assert before[0]["complaints"]["received"] == 66 and quotes

    with time_machine.travel(dt.datetime(2031, 6, 15, 9, tzinfo=dt.UTC), tick=False):
        open_complaints = Representation.objects.filter(kind=Kind.COMPLAINT, closed__isnull=True)
        assert anonymise_due(timezone.localdate()) == Representation.objects.count() - open_complaints.count()
    assert report() == before
    assert approved_quotes(2022, adult) == quotes
    compliment.refresh_from_db()
    assert compliment.summary == "" and compliment.quote == "The carers were kind and always on time."
    assert not Path(document.file.path).exists()
    assert Recommendation.objects.filter(case=ombudsman).exclude(details="").count() == 0
