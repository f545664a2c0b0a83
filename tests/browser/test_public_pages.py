"""Real pages in real Chromium, at desktop and phone widths: axe-core finds no serious or
critical accessibility violations, the table of contents works, and screenshots are kept in
test-artifacts/screenshots/ for people to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import screenshot

PAGES = {
    "home": "/",
    "article": "/drugs-devices-supplements/immunomodulators/",
    "drug": "/drugs/adalimumab/",
    "drug-class": "/drug-classes/biologics/",
    "condition": "/conditions/rheumatoid-arthritis/",
    "drugs-a-z": "/drugs/?letter=A",
    "conditions-a-z": "/conditions/?letter=R",
    "drug-classes": "/drug-classes/",
    "editorial-policy": "/editorial-process/",
    "search-results": "/search/?q=Humira",
    "not-found": "/no-such-page/",
}


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_violations(live_url, page, name):
    response = page.goto(live_url + PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    screenshot(page, name)
    assert serious_violations(page) == []


def test_table_of_contents_links_jump_to_their_sections(live_url, page):
    page.goto(live_url + PAGES["article"])
    toc_links = page.locator("nav.toc a")
    count = toc_links.count()
    assert count >= 8
    for index in [1, count - 1]:
        link = toc_links.nth(index)
        target = link.get_attribute("href")
        link.click()
        page.wait_for_function("h => location.hash === h", arg=target)
        heading = page.locator(target)
        box = heading.bounding_box()
        assert box is not None
        # The heading is now at (or near) the top of the viewport.
        assert -5 <= box["y"] <= 200, f"{target} is at y={box['y']} after clicking its link"


def test_article_print_view_hides_navigation_and_keeps_the_stamp(live_url, page):
    page.goto(live_url + PAGES["article"])
    page.emulate_media(media="print")
    assert not page.locator("header form").is_visible()
    assert page.locator("time[datetime='2023-05-10']").first.is_visible()
    screenshot(page, "article-print")
