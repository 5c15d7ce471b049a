"""find_person finds a person by each key in each kind of record, and not their namesakes."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from redress.correspondence.models import CaseLetter
from redress.information_rights.search import find_person
from redress.intake.models import Attachment
from redress.ombudsman import workflow
from redress.procedures.models import Procedure

BORN = dt.date(1980, 4, 1)


def references(matches) -> set[str]:
    return {m.case.reference for m in matches}


@pytest.fixture
def cases(make_case, person, jane):
    namesake = person("Jane", "Smith", date_of_birth=dt.date(1990, 7, 7), email="j.smith@other.example")
    tom = person("Tom", "Brown", email="tom@example.org")
    return {
        "own": make_case(complainant=jane, service_user=jane, reference="ASC-2026-00001"),
        "for her": make_case(complainant=tom, service_user=jane, reference="ASC-2026-00002"),
        "namesake": make_case(complainant=namesake, reference="ASC-2026-00003"),
        "janet": make_case(complainant=person("Janet", "Smith", email="ajane.smith@example.org")),
        "smithson": make_case(complainant=person("Jane", "Smithson", date_of_birth=BORN)),
        "no birth": make_case(complainant=person("JANE", " smith ")),
    }


def test_an_email_address_finds_only_that_persons_cases_whoever_made_them(cases):
    matches = find_person(email="  JANE.Smith@Example.org ")
    assert references(matches) == {"ASC-2026-00001", "ASC-2026-00002"}
    assert all(m.strong for m in matches)
    roles = {m.case.reference: m.roles for m in matches}
    assert roles["ASC-2026-00001"] == {"Made the complaint", "The person it is about"}
    assert roles["ASC-2026-00002"] == {"The person it is about"}
    # The representative's own case details are someone else's: only Jane was matched in it.
    assert next(m for m in matches if m.case.reference == "ASC-2026-00002").people == {cases["own"].complainant_id}


def test_a_name_with_a_date_of_birth_leaves_out_the_namesake_born_on_another_day(cases):
    matches = find_person(name="jane  smith", date_of_birth=BORN)
    found = references(matches)
    assert {"ASC-2026-00001", "ASC-2026-00002"} <= found
    assert "ASC-2026-00003" not in found  # the other Jane Smith
    assert cases["smithson"].reference not in found and cases["janet"].reference not in found
    # Someone of the name with no date of birth recorded is shown for checking, not chosen.
    unsure = next(m for m in matches if m.case == cases["no birth"])
    assert not unsure.strong and "no date of birth is recorded" in unsure.differs
    assert all(m.strong for m in matches if m.case != cases["no birth"])


def test_a_name_alone_matches_whole_names_and_chooses_nothing_in_advance(cases):
    matches = find_person(name="Jane Smith")
    assert references(matches) == {
        "ASC-2026-00001",
        "ASC-2026-00002",
        "ASC-2026-00003",
        cases["no birth"].reference,
    }
    assert not any(m.strong for m in matches)
    assert find_person(name="Jane Smi") == [] and find_person(name="Smith") == []


def test_a_date_of_birth_alone_finds_no_one(cases):
    assert find_person(date_of_birth=BORN) == []


def test_a_reference_finds_the_case_and_an_ombudsman_reference_the_complaints_it_is_about(cases):
    assert references(find_person(reference="asc-2026-00002")) == {"ASC-2026-00002"}
    ombudsman = workflow.open_case(
        reference="25 000 111", procedure=Procedure.objects.get(code="adult"), received=dt.date(2026, 4, 1)
    )
    ombudsman.complaints.add(cases["own"])
    matches = find_person(reference="25 000 111")
    assert references(matches) == {"ASC-2026-00001"}
    assert matches[0].found_in == {"an Ombudsman case"} and matches[0].strong


def test_the_words_of_a_letter_find_a_case_recorded_under_another_name(make_case, person, jane):
    maiden = make_case(complainant=person("Jane", "Jones"), reference="ASC-2026-00009")
    CaseLetter.objects.create(
        case=maiden,
        kind="acknowledgement",
        subject="Your complaint",
        text="Dear Jane Smith, thank you for your complaint.",
        word=ContentFile(b"x", name="a.docx"),
        pdf=ContentFile(b"x", name="a.pdf"),
    )
    match = next(m for m in find_person(name="Jane Smith") if m.case == maiden)
    assert match.found_in == {"a letter"} and match.matched_on == {"name"} and not match.strong


def test_an_uploaded_files_name_and_the_online_forms_answers_find_a_case(make_case, person):
    case = make_case(complainant=person("J", "S"), reference="ASC-2026-00010")
    Attachment.objects.create(
        case=case,
        file=ContentFile(b"scan", name="f"),
        name="Statement from Jane Smith.pdf",
        content_type="application/pdf",
        size=4,
        sha256="0" * 64,
        scan="clean",
    )
    from redress.intake.models import Submission

    other = make_case(complainant=person("A", "B"), reference="ASC-2026-00011")
    Submission.objects.create(case=other, answers=[{"question": "Email", "answer": "jane.smith@example.org"}])
    assert next(m for m in find_person(name="jane smith") if m.case == case).found_in == {
        "an upload or the online form"
    }
    assert references(find_person(email="jane.smith@example.org")) == {"ASC-2026-00011"}


def test_the_audit_trail_finds_a_person_by_the_email_and_name_their_record_had_before(make_case, jane):
    case = make_case(complainant=jane, reference="ASC-2026-00012")
    jane.email, jane.last_name = "jane.new@example.org", "Patel"
    jane.save()
    for match in (find_person(email="jane.smith@example.org"), find_person(name="Jane Smith", date_of_birth=BORN)):
        assert references(match) == {case.reference}
        assert match[0].found_in == {"the case's people", "the audit trail"} and match[0].strong


def test_a_date_of_birth_since_corrected_still_confirms_the_person(make_case, jane):
    case = make_case(complainant=jane)
    jane.date_of_birth = dt.date(1980, 4, 2)
    jane.save()
    matches = find_person(name="Jane Smith", date_of_birth=BORN)
    assert references(matches) == {case.reference} and matches[0].strong
    assert find_person(name="Jane Smith", date_of_birth=dt.date(1999, 1, 1)) == []
