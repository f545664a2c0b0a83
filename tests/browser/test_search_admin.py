"""The demo author promotes a drug for a search through the real admin in Chromium: Settings
→ Promoted records, the drug chosen with the record chooser, saved; an anonymous reader
then finds it above the results. Also: the search reports are in the author's Reports menu.

It saves a promotion, so it runs against its own server and database. Desktop width only."""

import pytest
from playwright.sync_api import expect

from pages.demo.logins import AUTHOR
from tests.browser.conftest import demo_server, screenshot
from tests.browser.test_review_flow import Session

QUERY = "joint pain"
DESCRIPTION = "A medicine for several kinds of inflammatory arthritis."


@pytest.fixture(scope="module")
def promotion_server():
    with demo_server() as server:
        yield server


def open_menu_item(page, menu: str, item: str) -> None:
    page.get_by_role("button", name=menu).click()
    page.get_by_role("link", name=item).click()


def test_the_demo_author_promotes_a_drug_with_the_chooser(browser, promotion_server):
    base = promotion_server.url
    author = Session(browser, base)
    try:
        page = author.sign_in(AUTHOR.username, AUTHOR.password)
        for report in ("Search terms", "Searches with no results"):
            open_menu_item(page, "Reports", report)
            expect(page.get_by_role("heading", name=report)).to_be_visible()

        open_menu_item(page, "Settings", "Promoted records")
        page.get_by_role("link", name="Add promoted record").first.click()
        page.get_by_role("textbox", name="Search term(s)").fill(QUERY)
        page.get_by_role("button", name="Choose drug", exact=True).click()
        modal = page.locator(".modal-dialog")
        modal.get_by_role("textbox", name="Search term").fill("adalimumab")
        modal.get_by_role("link", name="adalimumab", exact=True).click()
        expect(modal).to_be_hidden()
        chosen = page.locator("[data-chooser-title]").first
        expect(chosen).to_have_text("adalimumab")
        page.get_by_role("textbox", name="Description").fill(DESCRIPTION)
        screenshot(page, "record-promotion-form")
        page.get_by_role("button", name="Create").click()

        expect(page.locator(".messages")).to_contain_text("created")
        row = page.locator("tbody tr", has_text=QUERY)
        expect(row).to_contain_text("Adalimumab")
        expect(row).to_contain_text("Shown")
        screenshot(page, "record-promotion-listing")
    finally:
        author.close()

    reader = Session(browser, base)
    try:
        page = reader.page
        page.goto(f"{base}/search/?q={QUERY.replace(' ', '+')}")
        promoted = page.locator(".search-promotions a").first
        expect(promoted).to_have_text("Adalimumab")
        assert promoted.get_attribute("href") == "/drugs/adalimumab/"
        expect(page.locator(".search-promotions")).to_contain_text(DESCRIPTION)
        screenshot(page, "record-promotion-search")
    finally:
        reader.close()
