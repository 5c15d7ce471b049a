"""An administrator sets up the council, with every settings page checked for accessibility."""

from playwright.sync_api import expect

from redress.accounts.pickers import staff_label
from redress.configuration.models import ServiceArea
from redress.procedures.models import ClosureDay


def test_administrator_sets_up_service_areas_lists_and_closure_days(journey, administrator, manager):
    page = journey.page
    journey.sign_in("ada")
    journey.click("link", "Settings")

    journey.click("link", "Service areas")
    journey.click("link", "Add a service area")
    page.get_by_label("Name").fill("Adult Services")
    journey.click("button", "Save")
    journey.click("link", "Add a service area")
    page.get_by_label("Name").fill("Mental Health")
    page.get_by_label("Part of").select_option("Adult Services")
    page.get_by_label("Manager").select_option(label=staff_label(manager))
    journey.click("button", "Save")
    expect(page.get_by_role("table")).to_contain_text("Mental Health")
    assert ServiceArea.objects.get(name="Mental Health").path == "Adult Services > Mental Health"

    journey.goto("/settings/lists/concern_category/")
    journey.click("link", "Add an entry")
    page.get_by_label("Label").fill("Letters not answered")
    page.get_by_label("Belongs under").select_option("Communication")
    journey.click("button", "Save")
    expect(page.get_by_text("'Communication > Letters not answered' saved")).to_be_visible()

    journey.goto("/settings/procedures/")
    journey.goto("/settings/procedures/closure-days/")
    page.get_by_label("Day").fill("24")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("What it is").fill("Christmas Eve")
    journey.click("button", "Add closure day")
    assert ClosureDay.objects.get().description == "Christmas Eve"

    journey.goto("/settings/council/")
    journey.goto("/account/staff/")
    journey.click("link", "Add a member of staff")

    journey.goto("/letters/templates/")
    journey.click("link", "Change Stage response letter")
    expect(page.get_by_label("Body")).to_contain_text("{{ next_steps }}")
