"""Playwright on Debian's Chromium, with an axe accessibility check for every page visited."""

import json
import re
import shutil
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, sync_playwright

from conftest import PASSWORD
from redress.accounts.tests.authenticator import code_from_key, next_code

AXE_SOURCE = (Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js").read_text()
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    # The hook sees every test in the session, not only this folder's: mark only the journeys, so
    # `-m "not browser"` runs the unit tests.
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Journey:
    """A person's browser, which checks every page it lands on with axe."""

    def __init__(self, page: Page, base_url: str, checker: Page | None = None):
        self.page = page
        self.base_url = base_url
        self.checker = checker
        self.checked: list[str] = []

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        """Fail on any WCAG 2.2 AA violation axe finds on the current page."""
        self.page.wait_for_load_state()
        target = self.page
        if self.checker:
            # axe cannot run where JavaScript is off, so it checks a copy of the page exactly as
            # served (scripts removed) in a page where it can.
            html = re.sub(r"<script\b.*?</script>", "", self.page.content(), flags=re.S)
            html = html.replace("<head>", f'<head><base href="{self.page.url}">', 1)
            self.checker.set_content(html)
            target = self.checker
        # Evaluated through the DevTools protocol, so the page's own CSP stays in force.
        target.evaluate(AXE_SOURCE)
        result = target.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert violations == [], f"{self.page.url}: {json.dumps(violations, indent=1)}"
        self.checked.append(self.page.url)

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        """Password, then a code from the authenticator app, as the person's phone would show it;
        at a first sign-in the app is set up from the key on the page first."""
        self.goto("/account/sign-in/")
        self.page.get_by_label("User name").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in", exact=True).click()
        self.check()
        if self.page.get_by_role("heading", name="Set up two-factor authentication").is_visible():
            code = code_from_key(self.page.locator("#secret-key").inner_text())
            self.page.get_by_label("Code from your authenticator app").fill(code)
            self.click("button", "Continue")
            self.click("button", "Continue")  # past the recovery codes
        else:
            code = next_code(TOTPDevice.objects.get(user__username=username, confirmed=True))
            self.page.get_by_label("Enter the code from your authenticator app").fill(code)
            self.click("button", "Sign in")

    def click(self, role: str, name: str) -> None:
        self.page.get_by_role(role, name=name).click()
        self.check()


@pytest.fixture
def journey(request, chromium, live_server, transactional_db):
    # Parametrise with indirect=True and False to run a journey with JavaScript switched off.
    javascript = getattr(request, "param", True)
    context = chromium.new_context(locale="en-GB", timezone_id="Europe/London", java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(15_000)
    checker_context = None if javascript else chromium.new_context(locale="en-GB")
    yield Journey(page, live_server.url, checker_context.new_page() if checker_context else None)
    context.close()
    if checker_context:
        checker_context.close()
