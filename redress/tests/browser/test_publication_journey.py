"""A complaints officer maps an old spreadsheet's label onto the council's list, chooses the
words a compliment may be quoted in, and publishes the report with those words only."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from redress.cases.models import Representation

CENSUS = "White: English, Welsh, Scottish, Northern Irish or British"
HEADER = "reference,kind,procedure,received,service_area,outcome,closed,stage1_response,su_ethnicity,summary\n"
ROWS = (
    "OLD-1,complaint,adult,2025-06-02,Adult Services > Reablement,not_upheld,2025-06-20,2025-06-20,White British,\n"
    "OLD-2,compliment,adult,2025-07-01,Adult Services > Reablement,,,,,"
    '"Thank you to Jo Bloggs, 4 Elm Road, 07700 900123, for caring for my father, who has dementia"\n'
)


def test_officer_maps_a_label_chooses_a_quote_and_publishes_only_those_words(journey, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = tmp_path / "old.csv"
    upload.write_text(HEADER + ROWS)
    page = journey.page
    journey.sign_in("olivia")

    journey.click("link", "Import")
    page.get_by_label("Representations").check()
    page.get_by_label("Upload a file").set_input_files(str(upload))
    journey.click("button", "Upload and check")
    expect(page.get_by_role("heading", name="The file is ready to import")).to_be_visible()
    page.get_by_label("White British").select_option(label=f"Same as: {CENSUS}")
    journey.click("button", "Import 2 rows")
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    complaint = Representation.objects.get(reference="OLD-1")
    assert complaint.su_ethnicity.label == "English, Welsh, Scottish, Northern Irish or British"

    journey.goto("/cases/OLD-2/")
    journey.click("link", "Choose words to quote")
    page.get_by_label("Words the annual report may quote").fill("The care my father received was wonderful.")
    page.get_by_label("These words identify no one and the person agreed to be quoted").check()
    journey.click("button", "Choose words to quote")
    expect(page.get_by_text("The care my father received was wonderful.").first).to_be_visible()

    journey.click("link", "Reports")
    page.get_by_label("Financial year").select_option("2025/26")
    page.get_by_label("Adult social care").check()
    page.get_by_label("Version for publication").check()
    journey.click("button", "Show the report")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF of the").click()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(info.value.path().read_bytes())).pages)
    assert "The care my father received was wonderful." in text
    for private in ["Bloggs", "Elm Road", "07700", "dementia"]:
        assert private not in text
    assert "Not yet written" not in text
