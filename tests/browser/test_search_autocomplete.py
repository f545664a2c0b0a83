"""Search autocomplete in real Chromium against the real /search/autocomplete/ endpoint, at
desktop and phone widths: the WAI-ARIA combobox works from the keyboard and the mouse, is
announced, passes axe-core with the list open, and the forms still work with JavaScript off.
Screenshots of the open list are kept in test-artifacts/screenshots/."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot

TYPING_DELAY_MS = 60  # between key presses, like a quick typist


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def viewport_screenshot(page, name: str):
    """What the person sees (the open list), not the whole page: readable at phone width."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.viewport_name}.png"))


def open_suggestions(page, input_selector: str, text: str):
    """Type text into the search box like a person and wait for the listbox to open."""
    box = page.locator(input_selector)
    box.click()
    box.press_sequentially(text, delay=TYPING_DELAY_MS)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    return box, listbox


def humira_option(listbox):
    option = listbox.get_by_role("option").filter(has_text="Humira")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("adalimumab")
    expect(option).to_contain_text("Brand")
    return option


def test_keyboard_picks_a_brand_suggestion_and_lands_on_the_drug_page(live_url, page):
    page.goto(live_url + "/")
    box, listbox = open_suggestions(page, "#home-search", "Humi")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    expect(listbox).to_have_attribute("role", "listbox")
    options = listbox.get_by_role("option")
    assert 1 <= options.count() <= 8
    option = humira_option(listbox)
    option_id = option.get_attribute("id")
    assert option_id and page.locator(f"[id='{option_id}']").count() == 1

    # The polite status announces the count.
    status = page.locator("#home-search-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(re.compile(r"^\d+ suggestions? available\s*$"))

    assert box.get_attribute("aria-activedescendant") is None
    for _ in range(options.count()):
        box.press("ArrowDown")
        if box.get_attribute("aria-activedescendant") == option_id:
            break
    expect(box).to_have_attribute("aria-activedescendant", option_id)
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_be_focused()  # focus never leaves the text box
    viewport_screenshot(page, "autocomplete-open")

    box.press("Enter")
    page.wait_for_url(live_url + "/drugs/adalimumab/")
    expect(page.locator("h1")).to_contain_text("adalimumab", ignore_case=True)


def test_no_serious_accessibility_violations_with_the_list_open(live_url, page):
    page.goto(live_url + "/")
    box, listbox = open_suggestions(page, "#home-search", "Humi")
    box.press("ArrowDown")  # with a highlighted option too
    assert serious_violations(page) == []
    expect(listbox).to_be_visible()  # axe looked at the open list

    page.goto(live_url + "/search/?q=Humira")
    assert serious_violations(page) == []
    # The results page's own form, edited, opens its own list.
    box = page.locator("#search-page-q")
    box.fill("")
    box, listbox = open_suggestions(page, "#search-page-q", "re")  # brands and conditions
    box.press("ArrowDown")
    viewport_screenshot(page, "autocomplete-results-page-open")
    assert serious_violations(page) == []
    expect(listbox).to_be_visible()


def test_escape_closes_then_clears_and_tab_closes(live_url, page):
    page.goto(live_url + "/")
    box, listbox = open_suggestions(page, "#home-search", "Humi")
    box.press("ArrowDown")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None
    expect(box).to_have_value("Humi")
    box.press("ArrowDown")  # reopens with the first suggestion highlighted
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-option-0$"))
    box.press("Escape")
    box.press("Escape")
    expect(box).to_have_value("")
    expect(listbox).to_be_hidden()

    box, listbox = open_suggestions(page, "#home-search", "Humi")
    box.press("Tab")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_enter_without_a_highlighted_suggestion_searches(live_url, page):
    page.goto(live_url + "/")
    box, listbox = open_suggestions(page, "#home-search", "Humi")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Humi$"))


def test_clicking_a_suggestion_in_the_header_search_opens_it(live_url, page):
    # The not-found page has two search forms: the header's and its own.
    page.goto(live_url + "/no-such-page/")
    ids = page.locator("[id]").evaluate_all("nodes => nodes.map(n => n.id)")
    assert len(ids) == len(set(ids)), "duplicate ids on the page"
    box, listbox = open_suggestions(page, "#site-search", "Humi")
    assert listbox.get_attribute("id") == "site-search-listbox"
    expect(page.locator("#not-found-search-listbox")).to_be_hidden()
    viewport_screenshot(page, "autocomplete-header-open")
    humira_option(listbox).click()
    page.wait_for_url(live_url + "/drugs/adalimumab/")


def test_suggests_classes_and_conditions_and_says_when_there_are_none(live_url, page):
    page.goto(live_url + "/")
    box, listbox = open_suggestions(page, "#home-search", "rheum")
    expect(listbox.get_by_role("option").filter(has_text="Rheumatoid arthritis")).not_to_have_count(
        0
    )
    expect(listbox).to_contain_text("Condition")

    box.fill("")
    box, listbox = open_suggestions(page, "#home-search", "TNF")
    expect(listbox).to_contain_text("Drug class")

    box.fill("")
    box.press_sequentially("qzxqzx", delay=TYPING_DELAY_MS)
    expect(page.locator("#home-search-status")).to_have_text(re.compile(r"^No suggestions\s*$"))
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    # Odd input never breaks the box: the list stays shut and typing goes on.
    box.fill("")
    box.press_sequentially('%"<sc', delay=TYPING_DELAY_MS)
    expect(box).to_have_value('%"<sc')


def test_typing_is_debounced_and_answers_are_cached(live_url, page):
    asked = []
    page.on(
        "request",
        lambda request: "/search/autocomplete/" in request.url and asked.append(request.url),
    )
    page.goto(live_url + "/")
    box, listbox = open_suggestions(page, "#home-search", "adalim")
    expect(listbox.get_by_role("option").first).to_contain_text("adalimumab")
    assert len(asked) == 1, asked  # one request for six quick key presses
    box.press("Backspace")
    box.press("m")  # back to "adalim": answered from the cache
    expect(listbox).to_be_visible()
    page.wait_for_timeout(400)
    assert [url for url in asked if url.endswith("q=adalim")] == [asked[0]]


def test_forms_work_without_javascript(live_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.viewport_name = "nojs"
    try:
        page.goto(live_url + "/")
        box = page.locator("#home-search")
        assert box.get_attribute("role") is None  # no combobox that could never open
        expect(page.locator("#home-search-listbox")).to_be_hidden()
        box.fill("Humira")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q=Humira$"))
        expect(page.locator("main")).to_contain_text("adalimumab", ignore_case=True)
        screenshot(page, "autocomplete-no-js-results")
    finally:
        context.close()
