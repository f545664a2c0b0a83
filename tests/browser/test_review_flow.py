"""The "Medical review" workflow end to end, through the real Wagtail admin in Chromium: the
demo author edits the immunomodulators article and submits it (and cannot publish it, not
even with a crafted POST), the demo reviewer requests changes, the author sees the comment
and resubmits, the reviewer approves with a note, and only then does the public page change
and carry today's review stamp.

The flow publishes the article, so it runs against its own server and database (see
`review_server`) instead of the session's shared `live_url`, whose demo article other
browser tests expect to keep its 10 May 2023 stamp. Desktop width only."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from pages.demo.logins import AUTHOR, REVIEWER
from tests.browser.conftest import ARTIFACTS, VIEWPORTS, demo_server, screenshot

ARTICLE = "/drugs-devices-supplements/immunomodulators/"
SECTION = "Drugs, devices & supplements"
OLD_SUMMARY_START = "Immunomodulators are medicines that adjust your immune system"
OLD_STAMP = ("2023-05-10", "10 May 2023")
CRAFTED = "Crafted: published without review."
FIRST_TRY = "Immunomodulators adjust your immune system. Doses vary; ask your care team."
FIXED = (
    "Immunomodulators adjust your immune system. Doses follow the manufacturer's "
    "prescribing information (see Sources)."
)
COMMENT = "Please cite the dosing source."
NOTE = "Summary now cites the dosing source."
EDIT_URL = re.compile(r"/admin/pages/\d+/edit/$")
STAMP_STYLE = (
    "from wagtail.models import Site; from pages.models import PortalSettings; "
    "print(PortalSettings.for_site(Site.objects.get(is_default_site=True)).stamp_style)"
)


@pytest.fixture(scope="module")
def review_server():
    """A server of its own (the flow publishes the article, which the read-only tests on
    live_url must not see)."""
    with demo_server() as server:
        yield server


class Session:
    """One person's browser context (desktop width): signed in, or anonymous."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.context = browser.new_context(viewport=VIEWPORTS["desktop"])
        self.page = self.context.new_page()
        self.page.viewport_name = "desktop"  # read by conftest.screenshot

    def sign_in(self, username: str, password: str):
        page = self.page
        page.goto(self.base_url + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(self.base_url + "/admin/")
        return page

    def close(self):
        self.context.close()


def public_article(browser, base_url: str, shot: str = "") -> dict:
    """What an anonymous reader sees: the summary, the header's review date, the stamp."""
    reader = Session(browser, base_url)
    try:
        page = reader.page
        response = page.goto(base_url + ARTICLE)
        assert response.status == 200
        if shot:
            screenshot(page, shot)
            stamp = ARTIFACTS / f"{shot}-stamp-desktop.png"
            page.locator("section.review-stamp").screenshot(path=str(stamp))
        return {
            "summary": page.locator("header.article-header p.lead").inner_text(),
            "header_date": page.locator("header.article-header time").get_attribute("datetime"),
            "header_text": page.locator("header.article-header time").inner_text(),
            "stamp": " ".join(page.locator("section.review-stamp").inner_text().split()),
            "html": page.content(),
        }
    finally:
        reader.close()


def assert_still_old(browser, base_url: str, shot: str = "") -> None:
    seen = public_article(browser, base_url, shot)
    assert seen["summary"].startswith(OLD_SUMMARY_START), seen["summary"]
    assert (seen["header_date"], seen["header_text"]) == OLD_STAMP
    assert OLD_STAMP[1] in seen["stamp"]
    for text in (CRAFTED, FIRST_TRY, FIXED):
        assert text not in seen["summary"]


def open_footer_menu(page) -> None:
    page.get_by_role("button", name="More actions").click()
    # Let the dropdown finish fading in, so screenshots show it as people see it.
    page.wait_for_function(
        """() => [...document.querySelectorAll("footer .tippy-box")]
            .some((box) => getComputedStyle(box).opacity === "1")"""
    )


def publish_controls(page) -> list[str]:
    """Every button, link or submit input in the document, hidden menus included, whose
    text or value mentions publishing."""
    return page.evaluate(
        """() => [...document.querySelectorAll("button, a, input[type=submit]")]
            .map((el) => (el.value || el.textContent || "").trim())
            .filter((text) => /publish/i.test(text))"""
    )


def take_workflow_action(page, action: str, label: str, comment: str) -> None:
    """Choose a footer workflow action whose form asks for words, fill them in, confirm."""
    open_footer_menu(page)
    page.get_by_role("button", name=action, exact=True).click()
    dialog = page.get_by_role("dialog").filter(has=page.get_by_label(label))
    expect(dialog).to_be_visible()
    dialog.get_by_label(label).fill(comment)
    dialog.get_by_role("button", name=action, exact=True).click()
    expect(page).not_to_have_url(EDIT_URL)
    expect(page.get_by_text("Page 'Immunomodulators' has been updated.")).to_be_visible()


def test_an_article_goes_live_only_after_medical_review(browser, review_server):
    base = review_server.url
    assert_still_old(browser, base)

    # 1. The author finds the article in the page explorer, edits its summary and submits it.
    author = Session(browser, base)
    page = author.sign_in(AUTHOR.username, AUTHOR.password)
    page.goto(base + "/admin/pages/")
    page.get_by_role("link", name=f"Explore child pages of '{SECTION}'").click()
    page.get_by_role("link", name="Immunomodulators", exact=True).click()
    expect(page).to_have_url(EDIT_URL)
    edit_url = page.url
    summary = page.get_by_role("textbox", name="Summary")
    expect(summary).to_have_value(re.compile("^" + re.escape(OLD_SUMMARY_START)))

    # No "Publish" anywhere in the editor, the footer's action menu included.
    open_footer_menu(page)
    footer = page.get_by_role("navigation", name="Actions (footer)")
    expect(footer.get_by_role("button", name="Submit to Medical review")).to_be_visible()
    expect(footer).not_to_contain_text("Publish")
    expect(page.get_by_role("button", name=re.compile("publish", re.I))).to_have_count(0)
    expect(page.locator("[name='action-publish']")).to_have_count(0)
    assert publish_controls(page) == []
    screenshot(page, "review-flow-1-author-actions")
    page.keyboard.press("Escape")

    # A crafted POST of the edit form with action-publish (the page's own CSRF token and the
    # author's session) saves a draft at most: it does not go live.
    status = page.evaluate(
        """async ([text]) => {
            const form = document.getElementById('page-edit-form');
            const data = new FormData(form);
            data.set('summary', text);
            data.append('action-publish', 'action-publish');
            const response = await fetch(form.action, {method: 'POST', body: data});
            return response.status;
        }""",
        [CRAFTED],
    )
    assert status == 200  # redirected back to the editor, not refused with an error page
    assert_still_old(browser, base)

    page.goto(edit_url)  # the editor again: the crafted POST was saved as a draft only
    expect(summary).to_have_value(CRAFTED)
    summary.fill(FIRST_TRY)
    open_footer_menu(page)
    page.get_by_role("button", name="Submit to Medical review").click()
    expect(page).not_to_have_url(EDIT_URL)
    expect(
        page.get_by_text("Page 'Immunomodulators' has been submitted for medical review.")
    ).to_be_visible()
    author.close()

    # 2. Submitted is not published.
    assert_still_old(browser, base, shot="review-flow-2-public-while-in-review")

    # 3. The reviewer finds it awaiting review and requests changes.
    reviewer = Session(browser, base)
    page = reviewer.sign_in(REVIEWER.username, REVIEWER.password)
    awaiting = page.get_by_role("region", name="Awaiting your review")
    expect(awaiting.get_by_text("Sam Writer")).to_be_visible()
    awaiting.get_by_role("link", name="Immunomodulators").first.click()
    expect(page).to_have_url(edit_url)
    expect(page.get_by_role("textbox", name="Summary")).to_have_value(FIRST_TRY)
    take_workflow_action(page, "Request changes", "What needs to change", COMMENT)
    reviewer.close()
    assert_still_old(browser, base)

    # 4. The author sees the comment in the editor's workflow status, fixes the text and
    # resubmits.
    author = Session(browser, base)
    page = author.sign_in(AUTHOR.username, AUTHOR.password)
    expect(page.get_by_text("Changes requested at Medical reviewer approval")).to_be_visible()
    page.goto(edit_url)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="View details").click()
    status_dialog = page.get_by_role("dialog", name="Medical review")
    expect(status_dialog).to_contain_text("Changes requested by Amina Okafor")
    expect(status_dialog).to_contain_text(COMMENT)
    screenshot(page, "review-flow-3-author-sees-comment")
    status_dialog.get_by_role("button", name="Close dialog").click()
    page.get_by_role("textbox", name="Summary").fill(FIXED)
    open_footer_menu(page)
    assert publish_controls(page) == []
    page.get_by_role("button", name=re.compile("^Resubmit to ")).click()
    expect(page).not_to_have_url(EDIT_URL)
    expect(
        page.get_by_text("Page 'Immunomodulators' has been submitted for medical review.")
    ).to_be_visible()
    author.close()
    assert_still_old(browser, base)

    # 5. The reviewer approves, with a note of what changed.
    reviewer = Session(browser, base)
    page = reviewer.sign_in(REVIEWER.username, REVIEWER.password)
    page.goto(edit_url)
    expect(page.get_by_role("textbox", name="Summary")).to_have_value(FIXED)
    open_footer_menu(page)
    screenshot(page, "review-flow-4-reviewer-actions")
    page.keyboard.press("Escape")
    take_workflow_action(page, "Approve with a note of what changed", "Note for readers", NOTE)
    reviewer.close()

    # 6. Now the public page shows the new summary and today's stamp.
    today = datetime.datetime.now(datetime.UTC).date()  # the server's TIME_ZONE is UTC
    today_words = f"{today.day} {today:%B %Y}"  # Django's "j F Y"
    stamp_style = review_server.run("shell", "-v0", "-c", STAMP_STYLE).strip()
    assert stamp_style in {"named", "institutional"}
    seen = public_article(browser, base, shot="review-flow-5-public-after-approval")
    assert seen["summary"] == FIXED
    assert seen["header_date"] == today.isoformat()
    assert seen["header_text"] == today_words
    assert today_words in seen["stamp"]
    assert f"What changed at this review: {NOTE}" in seen["stamp"]
    if stamp_style == "named":
        assert f"Reviewed by Dr Amina Okafor, MD on {today_words}." in seen["stamp"]
    else:  # "institutional", the default
        assert "Last reviewed by a medical professional of" in seen["stamp"]
        assert "Amina" not in seen["stamp"]
    assert f'<time datetime="{today.isoformat()}">{today_words}</time>' in seen["html"]
