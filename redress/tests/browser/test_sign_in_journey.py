"""Signing in: the code from the authenticator app, recovery codes, a lost phone, and the
council's identity provider (a real OpenID Connect provider run locally)."""

from playwright.sync_api import expect

from redress.accounts import two_factor
from redress.accounts.tests.authenticator import next_code
from redress.accounts.tests.identity_provider import identity_provider, use_provider


def test_an_officer_uses_a_recovery_code_then_gets_new_ones_and_an_administrator_resets_a_lost_phone(
    journey, officer, administrator
):
    page = journey.page
    journey.sign_in("olivia")  # the first sign-in sets up the app
    journey.click("button", "Sign out Olivia Okafor")

    journey.goto("/account/sign-in/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill("correct horse battery staple")
    journey.click("button", "Sign in")
    page.get_by_label("Enter the code from your authenticator app").fill("000000")
    journey.click("button", "Sign in")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The code is wrong or has already been used")
    summary.get_by_role("link").click()
    expect(page.locator("#id_code")).to_be_focused()

    page.wait_for_timeout(1100)  # the wait after a wrong code
    code = two_factor.new_recovery_codes(officer, by=officer)[0]
    page.get_by_label("Enter the code from your authenticator app").fill(code)
    journey.click("button", "Sign in")
    expect(page.get_by_text("You used a recovery code. You have 9 left")).to_be_visible()

    journey.click("link", "Two-factor authentication")
    expect(page.locator("#codes-left")).to_have_text("9 of 10")
    page.get_by_label("Code from your authenticator app").fill(next_code(officer.totpdevice_set.get()))
    journey.click("button", "Get new recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    journey.click("button", "Sign out Olivia Okafor")

    # She loses her phone; the administrator resets her app.
    journey.sign_in("ada")
    journey.goto(f"/account/staff/{officer.pk}/")
    expect(page.locator("#two-factor-status")).to_have_text("Set up.")
    journey.click("link", "Reset two-factor authentication for Olivia Okafor")
    journey.click("button", "Reset two-factor authentication")
    expect(page.get_by_text("Two-factor authentication reset: Olivia Okafor")).to_be_visible()
    journey.click("button", "Sign out Ada Adams")

    journey.goto("/account/sign-in/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill("correct horse battery staple")
    journey.click("button", "Sign in")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()


def test_staff_sign_in_through_the_councils_identity_provider_and_strangers_are_turned_away(
    journey, live_server, settings, officer
):
    officer.email = "olivia.okafor@northbridge.example"
    officer.save()
    page = journey.page
    with identity_provider(f"{live_server.url}/account/sign-in/council/callback/") as issuer:
        use_provider(settings, issuer)
        journey.goto("/cases/")  # sent to sign in first
        page.get_by_role("button", name="Sign in with Northbridge council account").click()
        at_the_provider(journey, "Olivia.Okafor@northbridge.example")
        expect(page.get_by_role("heading", name="Cases")).to_be_visible()
        expect(page.get_by_text("Signed in as Olivia Okafor")).to_be_visible()
        journey.click("button", "Sign out Olivia Okafor")

        page.context.clear_cookies()  # someone else at the same computer
        page.get_by_role("button", name="Sign in with Northbridge council account").click()
        at_the_provider(journey, "stranger@northbridge.example")
        expect(page.get_by_role("heading", name="There is no Redress account for you")).to_be_visible()
        expect(page.get_by_text("stranger@northbridge.example")).to_be_visible()


def at_the_provider(journey, email):
    """The provider's own sign-in and consent pages (not Redress's, so not checked with axe)."""
    page = journey.page
    page.get_by_placeholder("Enter any login").fill(email)
    page.get_by_placeholder("and password").fill("any password")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: url.startswith(journey.base_url))
    journey.check()
