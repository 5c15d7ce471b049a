"""Labels an import writes differently from the council ("White British", "Adult Services >
Older People Team") mapped onto the council's own entries, and remembered for the next file."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.cases.models import Representation
from redress.configuration.models import SERVICE_AREA_LIST, LabelAlias, Lookup, LookupList, ServiceArea
from redress.imports.labels import Labels, MappingFileError, keep_alias, read_mapping
from redress.imports.models import ImportJob

BRITISH = "White: English, Welsh, Scottish, Northern Irish or British"
HEADER = "reference,kind,procedure,received,service_area,su_ethnicity"


def rows(*references: str) -> bytes:
    lines = [f"{ref},complaint,adult,2025-05-01,Adult Services > Older People Team,White British" for ref in references]
    return "\n".join([HEADER, *lines, ""]).encode()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def british(db):
    return Lookup.objects.get(
        list_name=LookupList.ETHNICITY, label="English, Welsh, Scottish, Northern Irish or British"
    )


@pytest.fixture
def older_people(area):
    return area("Adult Services > Assessment & Care Management > Older People Team")


def upload(client, content: bytes, name: str = "cases.csv"):
    client.post("/imports/", {"kind": "representations", "file": SimpleUploadedFile(name, content)})
    return ImportJob.objects.latest("pk")


def select(page: str, label: str) -> str:
    """The name of the select whose label is `label`, and its options as the page shows them."""
    match = re.search(rf'<label class="govuk-label[^"]*" for="id_(label-\d+)">{re.escape(label)}</label>', page)
    assert match, f"no choice for {label}"
    return match[1]


def options(page: str, name: str) -> dict[str, str]:
    html = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)[1]
    found = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)
    return {unescape(text): value for value, text in found}


def counts() -> tuple[int, int]:
    return Lookup.objects.of(LookupList.ETHNICITY).count(), ServiceArea.objects.count()


def test_the_preview_offers_each_new_label_as_new_or_the_same_as_an_existing_one(
    client, officer, british, older_people
):
    client.force_login(officer)
    job = upload(client, rows("ASC-1"))
    page = client.get(f"/imports/{job.pk}/").content.decode()
    ethnicity = options(page, select(page, "White British"))
    assert "Add as a new ethnicity category" in ethnicity
    assert ethnicity["Same as: White: English, Welsh, Scottish, Northern Irish or British"] == str(british.pk)
    area = options(page, select(page, "Adult Services &gt; Older People Team"))
    assert area[f"Same as: {older_people.path}"] == str(older_people.pk)
    assert "Add as a new service area" in area


def test_confirming_the_mapping_imports_with_it_and_the_next_file_needs_none(client, officer, british, older_people):
    client.force_login(officer)
    before = counts()
    job = upload(client, rows("ASC-1"))
    page = client.get(f"/imports/{job.pk}/").content.decode()
    answers = {
        select(page, "White British"): british.pk,
        select(page, "Adult Services &gt; Older People Team"): older_people.pk,
    }
    # "Adult Services" already exists, so the only new area is the team.
    assert client.post(f"/imports/{job.pk}/confirm/", answers).status_code == 302
    case = Representation.objects.get()
    assert case.su_ethnicity == british and case.service_area == older_people
    assert counts() == before
    assert LabelAlias.objects.get(list_name=LookupList.ETHNICITY).lookup == british

    second = upload(client, rows("ASC-2", "ASC-3"), name="more.csv")
    page = client.get(f"/imports/{second.pk}/").content.decode()
    assert "The file is ready to import" in page and "White British</label>" not in page
    client.post(f"/imports/{second.pk}/confirm/")
    assert Representation.objects.filter(su_ethnicity=british, service_area=older_people).count() == 3
    assert counts() == before


def test_a_choice_that_is_not_in_the_list_is_explained_and_the_other_choices_kept(
    client, officer, british, older_people
):
    client.force_login(officer)
    job = upload(client, rows("ASC-1"))
    page = client.get(f"/imports/{job.pk}/").content.decode()
    ethnicity, team = select(page, "White British"), select(page, "Adult Services &gt; Older People Team")
    page = client.post(f"/imports/{job.pk}/confirm/", {ethnicity: "999999", team: older_people.pk}).content.decode()
    assert "There is a problem" in page
    assert "Choose whether &#x27;White British&#x27; is a new ethnicity category or the same as one of" in page
    assert f'<option value="{older_people.pk}" selected>' in page
    assert not Representation.objects.exists() and not LabelAlias.objects.exists()
    job.refresh_from_db()
    assert job.status == "checked"


def test_leaving_every_label_new_adds_them_as_before(client, officer, british):
    client.force_login(officer)
    job = upload(client, rows("ASC-1"))
    client.post(f"/imports/{job.pk}/confirm/", {})
    case = Representation.objects.get()
    assert case.su_ethnicity.label == "White British" and case.service_area.path == "Adult Services > Older People Team"
    assert not LabelAlias.objects.exists()


def test_aliases_are_found_whatever_the_case_even_in_strict_mode(british, older_people):
    keep_alias(LookupList.ETHNICITY, "White British", british.pk)
    keep_alias(SERVICE_AREA_LIST, "Adults > Older People", older_people.pk)
    labels = Labels(strict=True)
    assert labels.lookup(LookupList.ETHNICITY, "WHITE BRITISH") == british.pk
    assert labels.service_area("adults>older people") == older_people.pk
    assert not labels.new


def test_a_new_team_under_an_aliased_directorate_is_added_there(area):
    adults = area("Adult Services")
    keep_alias(SERVICE_AREA_LIST, "Adults", adults.pk)
    labels = Labels(strict=False)
    team = ServiceArea.objects.get(pk=labels.service_area("Adults > Shared Lives"))
    assert team.path == "Adult Services > Shared Lives"
    assert labels.new == {"Service areas": ["Adults > Shared Lives"]}


# The command line.


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


MAPPING = (
    "list,label,means\n"
    f'ethnicity,White British,"{BRITISH}"\n'
    "service_area,Adult Services > Older People Team,Adult Services > Assessment & Care Management > Older People Team\n"
)


def test_the_command_takes_a_mapping_file_and_keeps_it_for_the_next_file(tmp_path, british, older_people, capsys):
    before = counts()
    mapping = write(tmp_path, "mapping.csv", MAPPING)
    call_command(
        "import_representations", str(write(tmp_path, "a.csv", rows("ASC-1"))), mapping=str(mapping), verbosity=0
    )
    assert "Kept 2 label mappings for later imports." in capsys.readouterr().out
    call_command("import_representations", str(write(tmp_path, "b.csv", rows("ASC-2"))), verbosity=0)
    assert Representation.objects.filter(su_ethnicity=british, service_area=older_people).count() == 2
    assert counts() == before


def test_a_dry_run_uses_the_mapping_but_keeps_nothing(tmp_path, british, older_people, capsys):
    mapping = write(tmp_path, "mapping.csv", MAPPING)
    path = write(tmp_path, "a.csv", rows("ASC-1"))
    call_command("import_representations", str(path), mapping=str(mapping), dry_run=True, verbosity=0)
    out = capsys.readouterr().out
    assert "New ethnicity categories" not in out and "Would keep 2 label mappings" in out
    assert not LabelAlias.objects.exists()


def test_bad_rows_in_the_mapping_file_are_named_and_nothing_is_imported(tmp_path, british, capsys):
    mapping = write(
        tmp_path,
        "mapping.csv",
        "list,label,means\n"
        f'ethnicity,White British,"{BRITISH}"\n'
        "colour,Blue,Green\n"
        "ethnicity,,White: Irish\n"
        "ethnicity,Irish Traveller,Traveller of Mars\n",
    )
    with pytest.raises(CommandError, match="3 error"):
        call_command("import_representations", str(write(tmp_path, "a.csv", rows("ASC-1"))), mapping=str(mapping))
    err = capsys.readouterr().err
    assert "Row 3: list 'colour' is not one of" in err
    assert "Row 4: label is empty" in err
    assert "Row 5: means 'Traveller of Mars' is not one of the council's ethnicity categories" in err
    assert not Representation.objects.exists() and not LabelAlias.objects.exists()


def test_a_good_mapping_is_kept_even_when_the_file_is_refused_for_its_rows(tmp_path, british, older_people):
    mapping = write(tmp_path, "mapping.csv", MAPPING)
    bad = write(tmp_path, "a.csv", rows("ASC-1").decode() + "ASC-2,letter,adult,2025-05-01,,\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_representations", str(bad), mapping=str(mapping), verbosity=0)
    assert not Representation.objects.exists()
    assert LabelAlias.objects.count() == 2


def test_a_mapping_file_without_its_columns_is_refused(tmp_path, db):
    with pytest.raises(MappingFileError, match="missing the column\\(s\\) means"):
        read_mapping(write(tmp_path, "mapping.csv", "list,label\nethnicity,White British\n"))


def test_a_subcategory_may_only_mean_a_subcategory(tmp_path, db):
    category = (
        Lookup.objects.of(LookupList.CONCERN_CATEGORY).filter(parent__isnull=True, children__isnull=False).first()
    )
    sub = category.children.first()
    good = read_mapping(
        write(
            tmp_path, "good.csv", f'list,label,means\nconcern_category,Care > Late,"{category.label} > {sub.label}"\n'
        )
    )
    assert good[0].pk == sub.pk
    with pytest.raises(MappingFileError, match="Row 2: .* at the same level as the label"):
        read_mapping(write(tmp_path, "bad.csv", f'list,label,means\nconcern_category,Care > Late,"{category.label}"\n'))


def test_the_ombudsman_command_takes_a_mapping_too(tmp_path, db, capsys):
    with pytest.raises(CommandError, match="There is no mapping file"):
        call_command(
            "import_ombudsman", str(write(tmp_path, "o.csv", "reference\n")), mapping=str(tmp_path / "none.csv")
        )
