"""The GOV.UK timeout warning for signed-in staff, with the idle limit cut to seconds."""

from playwright.sync_api import expect


def test_staff_are_warned_before_being_signed_out_and_can_stay_signed_in(journey, officer, settings):
    settings.SESSION_IDLE_MINUTES = 0.2  # signed out after 12 seconds doing nothing, warned 6 before
    page = journey.page
    journey.sign_in("olivia")
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    expect(dialog.locator("[aria-live]")).to_contain_text("We will sign you out in")
    journey.check()  # axe, with the dialog open

    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    # The warning comes again after another 6 seconds doing nothing, by when the session would
    # have ended had the button not kept it going on the server.
    expect(dialog).to_be_visible(timeout=10_000)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    assert "/account/signed-out/" not in page.url

    page.wait_for_url("**/account/signed-out/", timeout=15_000)
    expect(page.get_by_text("because you did nothing for 0.2 minutes")).to_be_visible()
    journey.check()
