"""The "due for review" notice in real Chromium, at desktop and phone widths. The demo's
review fell due on 10 May 2026 (pages/demo/review.py), so the live demo shows it: in the
notice colours, visible under the title without scrolling, and read by axe-core with no
serious or critical violation. Screenshots go to test-artifacts/screenshots/."""

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_public_pages import serious_violations

NOTE_BACKGROUND = "rgb(255, 247, 224)"  # --note-bg, not the green of a current review


@pytest.mark.parametrize(
    "name,path",
    [
        ("article-due", "/drugs-devices-supplements/immunomodulators/"),
        ("drug-due", "/drugs/adalimumab/"),
    ],
)
def test_a_page_past_its_review_date_shows_a_readable_notice(live_url, page, name, path):
    assert page.goto(live_url + path).status == 200
    header_line = page.locator(".reviewed-tag--due.reviewed-tag--header")
    assert header_line.is_visible()
    box = header_line.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"], "seen without scrolling"
    assert "Due for review" in header_line.inner_text()
    notice = page.locator("section.review-stamp--due")
    assert "This page is due for review." in notice.inner_text()
    background = notice.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == NOTE_BACKGROUND
    header_line.locator("a").click()  # "About this review" goes to the notice
    assert page.evaluate("location.hash") == "#review"
    screenshot(page, name)
    assert serious_violations(page) == []
