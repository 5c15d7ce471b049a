"""The lists officers choose from: entries are added, renamed, reordered and retired, never deleted."""

from redress.configuration.models import Lookup

from .pages import row_headings


def entry(list_name, label, parent=None):
    return Lookup.objects.get(list_name=list_name, label=label, parent__label=parent)


def test_administrator_adds_a_method_of_receipt_which_is_in_use_at_once(admin_client):
    response = admin_client.post("/settings/lists/method/add/", {"label": "Text message", "order": 9})
    assert response.status_code == 302 and response.url == "/settings/lists/method/"
    assert entry("method", "Text message").active
    page = admin_client.get("/settings/lists/method/").content.decode()
    assert "&#x27;Text message&#x27; saved" in page and row_headings(page)[-1] == "Text message"


def test_administrator_renames_and_reorders_an_entry(admin_client):
    letter = entry("method", "Letter")
    admin_client.post(f"/settings/lists/method/{letter.pk}/", {"label": "Letter or fax", "order": 99, "active": "on"})
    letter.refresh_from_db()
    assert (letter.label, letter.order, letter.active) == ("Letter or fax", 99, True)
    assert row_headings(admin_client.get("/settings/lists/method/").content.decode())[-1] == "Letter or fax"


def test_administrator_takes_an_entry_out_of_use_and_it_is_no_longer_offered(admin_client):
    letter = entry("method", "Letter")
    response = admin_client.post(f"/settings/lists/method/{letter.pk}/", {"label": "Letter", "order": 3})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.active is False
    form = admin_client.get("/cases/new/complaint/").content.decode()
    assert ">Letter<" not in form and ">Email<" in form


def test_a_duplicate_label_is_refused_whatever_its_capitals(admin_client):
    page = admin_client.post("/settings/lists/method/add/", {"label": "EMAIL", "order": 1}).content.decode()
    assert '<a href="#id_label">&#x27;EMAIL&#x27; is already in this list</a>' in page
    assert Lookup.objects.filter(list_name="method", label__iexact="email").count() == 1


def test_a_subcategory_is_added_under_its_category_and_listed_beneath_it(admin_client):
    communication = entry("concern_category", "Communication")
    response = admin_client.post(
        "/settings/lists/concern_category/add/",
        {"label": "Letters not answered", "parent": communication.pk, "order": 5},
    )
    assert response.status_code == 302
    added = entry("concern_category", "Letters not answered", "Communication")
    assert added.path == "Communication > Letters not answered"
    rows = row_headings(admin_client.get("/settings/lists/concern_category/").content.decode())
    position = rows.index("Communication")
    assert rows[position + 1 : position + 5] == [
        "Communication: Attitude of staff",
        "Communication: Method/quality of communication",
        "Communication: Information not provided",
        "Communication: Letters not answered",
    ]
    assert rows[position + 5] == "Financial issues"


def test_a_subcategory_label_must_differ_only_within_its_own_category(admin_client):
    standard = entry("concern_category", "Standard of Service")
    page = admin_client.post(
        "/settings/lists/concern_category/add/", {"label": "quality of care", "parent": standard.pk, "order": 5}
    ).content.decode()
    assert "&#x27;quality of care&#x27; is already under &#x27;Standard of Service&#x27;" in page
    communication = entry("concern_category", "Communication")
    admin_client.post(
        "/settings/lists/concern_category/add/", {"label": "Quality of care", "parent": communication.pk, "order": 5}
    )
    assert Lookup.objects.filter(list_name="concern_category", label__iexact="quality of care").count() == 2


def test_a_category_with_subcategories_cannot_be_put_under_another(admin_client):
    communication = entry("concern_category", "Communication")
    protection = entry("concern_category", "Protection")
    page = admin_client.post(
        f"/settings/lists/concern_category/{communication.pk}/",
        {"label": "Communication", "parent": protection.pk, "order": 1, "active": "on"},
    ).content.decode()
    assert "An entry with its own sub-entries cannot be put under another" in page
    communication.refresh_from_db()
    assert communication.parent is None


def test_only_main_entries_of_the_same_list_are_offered_as_parents(admin_client):
    page = admin_client.get("/settings/lists/ethnicity/add/").content.decode()
    assert ">White</option>" in page
    assert ">Irish</option>" not in page and ">Communication</option>" not in page


def test_flat_lists_have_no_parent_to_choose(admin_client):
    assert 'name="parent"' not in admin_client.get("/settings/lists/method/add/").content.decode()


def test_a_missing_label_and_an_order_that_is_not_a_number_are_explained(admin_client):
    page = admin_client.post("/settings/lists/method/add/", {"label": "", "order": "first"}).content.decode()
    assert "Enter the label" in page and "The order must be a whole number" in page
    assert Lookup.objects.filter(list_name="method").count() == 5


def test_an_unknown_list_or_an_entry_from_another_list_is_not_found(admin_client):
    assert admin_client.get("/settings/lists/favourite_colours/").status_code == 404
    email = entry("method", "Email")
    assert admin_client.get(f"/settings/lists/ethnicity/{email.pk}/").status_code == 404


def test_a_complaints_officer_cannot_add_or_change_entries(officer_client):
    assert officer_client.post("/settings/lists/method/add/", {"label": "Fax", "order": 9}).status_code == 404
    email = entry("method", "Email")
    response = officer_client.post(f"/settings/lists/method/{email.pk}/", {"label": "E-mail", "order": 0})
    assert response.status_code == 404
    assert not Lookup.objects.filter(label__in=["Fax", "E-mail"]).exists()
