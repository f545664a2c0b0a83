"""The Content Security Policy in real Chromium: the public site under its strict policy and the
Wagtail admin under its own, with every violation the browser reports collected (the
`securitypolicyviolation` event in every frame, and the console's CSP errors). Editors sign
in, browse, edit an article's StreamField and rich text, preview it and edit a drug with its
brand names without a single violation; readers browse and use the search autocomplete
without one. Also the sign-in throttling as people meet it: the admin's own sign-in page
saying sign-in is paused.

Runs against a server of its own with django-axes on (AXES_ENABLED=1). Screenshots go to
test-artifacts/screenshots/csp-*."""

import re

import pytest
from playwright.sync_api import expect

from pages.demo.logins import AUTHOR, PASSWORD, USERNAME
from tests.browser.conftest import ARTIFACTS, VIEWPORTS, demo_server

ARTICLE = "/drugs-devices-supplements/immunomodulators/"
NOTE = "Checked in the editor under the content security policy."
REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__reportCsp({
        page: location.pathname,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
    });
});
"""


@pytest.fixture(scope="module")
def csp_server():
    """The demo on a server of its own, with sign-in throttling on as in production."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AXES_ENABLED", "1")
        with demo_server() as server:
            env.delenv("AXES_ENABLED")
            yield server


class CspWatch:
    """Every CSP violation in a browser context, whichever page or frame reported it."""

    def __init__(self, context):
        self.reported: list[dict] = []
        self.console: list[str] = []
        context.expose_binding("__reportCsp", lambda source, item: self.reported.append(item))
        context.add_init_script(REPORTER)
        context.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or message.text.startswith("Refused to"):
            self.console.append(message.text)

    def take(self) -> list:
        found = [*self.reported, *self.console]
        self.reported.clear()
        self.console.clear()
        return found

    def assert_none(self, page, step: str):
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # let late reports arrive
        found = self.take()
        assert found == [], f"CSP violations at {step}: {found}"


def shot(page, name: str):
    """What the person sees (the viewport), kept in test-artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"csp-{name}-{page.viewport_name}.png"))


def admin_session(browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    watch = CspWatch(context)
    page = context.new_page()
    page.viewport_name = "desktop"
    return context, watch, page


def sign_in(page, base: str, username: str, password: str):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_the_admin_works_under_its_policy_without_violations(browser, csp_server):
    base = csp_server.url
    context, watch, page = admin_session(browser)
    try:
        response = page.goto(base + "/admin/login/")
        policy = response.headers["content-security-policy"]
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        watch.assert_none(page, "sign-in page")

        sign_in(page, base, USERNAME, PASSWORD)
        page.wait_for_url(base + "/admin/")
        expect(page.get_by_role("region", name="Reviews overdue")).to_be_visible()
        watch.assert_none(page, "dashboard")
        shot(page, "admin-dashboard")

        # The page explorer, from the root down to the article.
        page.goto(base + "/admin/pages/")
        page.get_by_role("link", name=re.compile("^Explore child pages of")).first.click()
        section = "Explore child pages of 'Drugs, devices & supplements'"
        page.get_by_role("link", name=section).click()
        watch.assert_none(page, "page explorer")
        shot(page, "admin-explorer")
        page.get_by_role("link", name="Immunomodulators", exact=True).click()
        expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
        watch.assert_none(page, "page editor")

        # The StreamField works: a "Note from us" block is added at the top of the body and
        # its rich text (Draftail) takes typing.
        body = page.locator("[data-contentpath='body']")
        blocks = body.locator("[data-streamfield-child]")
        before = blocks.count()
        body.get_by_role("button", name="Insert a block").first.click()
        page.locator(".w-combobox__option").filter(has_text="Note from us").click()
        expect(blocks).to_have_count(before + 1)
        note = blocks.first
        expect(note.get_by_label("Heading")).to_have_value("A note from us")
        editor = note.locator(".Draftail-Editor [contenteditable='true']")
        editor.click()
        page.keyboard.type(NOTE)
        expect(editor).to_contain_text(NOTE)
        watch.assert_none(page, "adding a StreamField block")
        shot(page, "admin-editor-new-block")

        # The live preview panel shows the unsaved note in the article's own page.
        page.get_by_role("button", name="Toggle preview").click()
        preview = page.frame_locator("#w-preview-iframe")
        expect(preview.locator("h1")).to_contain_text("Immunomodulators", timeout=20_000)
        expect(preview.get_by_text(NOTE)).to_be_attached(timeout=20_000)
        watch.assert_none(page, "preview panel")
        shot(page, "admin-preview")

        # A drug record (snippet): its brand names are an InlinePanel, started by an inline
        # script that the admin's policy allows.
        page.goto(base + "/admin/snippets/drugs/drug/")
        page.get_by_role("link", name="adalimumab", exact=True).click()
        expect(page).to_have_url(re.compile(r"/admin/snippets/drugs/drug/edit/\d+/$"))
        brand_names = page.locator("[id$='brand_names-FORMS'] > [id^='inline_child_brand_names-']")
        add_brand = page.get_by_role("button", name="Add brand name")
        # The URL changes before the form is parsed: count the brand names once the button
        # that follows them is there, or a slow machine counts none.
        expect(add_brand).to_be_visible()
        before = brand_names.count()
        add_brand.click()
        expect(brand_names).to_have_count(before + 1)
        watch.assert_none(page, "drug editor")
        shot(page, "admin-drug-editor")

        # A signed-in editor on the public site gets the strict policy with Wagtail's user bar.
        page.goto(base + ARTICLE)
        expect(page.locator("wagtail-userbar, [data-wagtail-userbar]").first).to_be_attached()
        watch.assert_none(page, "public article with the user bar")
    finally:
        context.close()


def test_public_pages_report_no_violations_under_the_strict_policy(csp_server, page):
    base = csp_server.url
    watch = CspWatch(page.context)
    response = page.goto(base + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy + ";"
    assert "unsafe-inline" not in policy and "nonce-" not in policy
    watch.assert_none(page, "home page")

    # The policy is enforced and the watch sees it: a script injected at run time is refused.
    ran = page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__injected = true";
            document.body.append(script);
            return window.__injected === true;
        }"""
    )
    assert ran is False
    page.wait_for_timeout(300)
    assert any("script-src" in str(found) for found in watch.take())

    # The article, with its JSON-LD blocks (data, which the policy does not block).
    page.goto(base + ARTICLE)
    assert page.locator("script[type='application/ld+json']").count() >= 1
    expect(page.locator("h1")).to_contain_text("Immunomodulators")
    watch.assert_none(page, "article")
    shot(page, "public-article")

    page.goto(base + "/drugs/")
    page.get_by_role("link", name="adalimumab").first.click()
    watch.assert_none(page, "drug page")

    # Search with the autocomplete: typing opens the suggestions (static JavaScript fetching
    # from our own origin).
    page.goto(base + "/search/?q=immunomodulators")
    box = page.locator("#search-page-q")
    box.fill("")
    box.press_sequentially("Humi", delay=60)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox.get_by_role("option").filter(has_text="Humira")).to_have_count(1)
    watch.assert_none(page, "search autocomplete")
    shot(page, "public-search-autocomplete")


def test_five_wrong_passwords_pause_sign_in_on_the_admin_sign_in_page(browser, csp_server):
    base = csp_server.url
    context, watch, page = admin_session(browser)
    try:
        for attempt in range(1, 6):
            sign_in(page, base, AUTHOR.username, f"not-the-password-{attempt}")
            page.wait_for_load_state("load")
        messages = page.locator(".messages")
        expect(messages).to_contain_text("Too many failed sign-in attempts")
        expect(messages).to_contain_text("wait 15 minutes")
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        watch.assert_none(page, "sign-in paused")
        shot(page, "admin-sign-in-paused")

        # The right password does not get in while the pause lasts.
        sign_in(page, base, AUTHOR.username, AUTHOR.password)
        page.wait_for_load_state("load")
        expect(page.locator(".messages")).to_contain_text("Too many failed sign-in attempts")
        assert page.url.startswith(base + "/admin/login/")
    finally:
        context.close()
