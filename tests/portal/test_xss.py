"""Script-injection payloads in search: in what a reader types (echoed in the results page,
its links and the editors' report of searches without results), in the names results show
with their matches highlighted, and in autocomplete's JSON."""

import pytest

from django.urls import reverse

from portal.templatetags.portal_tags import highlighter
from tests.drugs.factories import make_condition, make_drug
from tests.xss import MARK, PAYLOAD, SHORT_PAYLOAD, assert_inert, assert_shown

pytestmark = pytest.mark.django_db


def test_the_check_itself_catches_what_it_should():
    for unsafe in [
        f"<p>{PAYLOAD}</p>",
        f'<a href=" javascript:alert(1)">{MARK}</a>',
        f'<script type="application/ld+json">{{"name": "{PAYLOAD}"}}</script>',
    ]:
        with pytest.raises((AssertionError, ValueError)):
            assert_inert(unsafe)


@pytest.mark.parametrize(
    "value, query, expected",
    [
        ("Salt & pepper", "amp", "Salt &amp; pepper"),  # was 'Salt &<mark>amp</mark>; pepper'
        ("a < b", "lt", "a &lt; b"),
        ("Crohn's disease", "x27", "Crohn&#x27;s disease"),
        ("Crohn's disease", "crohn", "<mark>Crohn</mark>&#x27;s disease"),
        ("<script>", "script", "&lt;<mark>script</mark>&gt;"),
        ('"><img src=x onerror=alert(1)>', "img onerror", None),
        ("Rheumatoid arthritis", "ARTHRITIS rheum", None),
        (None, "x", ""),
        ("a&b", "", "a&amp;b"),
    ],
)
def test_highlight_marks_words_and_escapes_everything_else(value, query, expected):
    html = highlighter(query)(value)
    if expected is not None:
        assert html == expected
    assert_inert(f"<p>{html}</p>")
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")


def test_highlight_marks_longer_words_first():
    assert highlighter("art arthritis")("arthritis") == "<mark>arthritis</mark>"


@pytest.fixture
def hostile_records(db):
    condition = make_condition(f"{SHORT_PAYLOAD} syndrome", synonyms=[f"{MARK} {SHORT_PAYLOAD}"])
    drug = make_drug(
        f"{MARK}umab {SHORT_PAYLOAD}", brands=[f"{MARK}{SHORT_PAYLOAD}"], conditions=[condition]
    )
    return drug, condition


def test_results_show_hostile_names_as_text_with_matches_marked(client, hostile_records):
    response = client.get("/search/", {"q": MARK})
    assert response.status_code == 200
    page = assert_inert(response.content)
    titles = [h.get_text() for h in page.select("main ol h3")]
    assert any(SHORT_PAYLOAD in title for title in titles), titles
    assert page.select("main ol mark")
    assert {mark.get_text().lower() for mark in page.select("main ol mark")} == {MARK}


@pytest.mark.parametrize("query", [PAYLOAD, SHORT_PAYLOAD, f"{MARK} javascript:alert(1)"])
@pytest.mark.parametrize("kind", ["", "drug", "nonsense"])
def test_what_a_reader_types_is_echoed_as_text(client, hostile_records, query, kind):
    response = client.get("/search/", {"q": query, "type": kind, "page": "2"})
    assert response.status_code == 200
    page = assert_inert(response.content)
    assert MARK in page.get_text()
    assert MARK in page.select_one('main input[name="q"]')["value"]


def test_autocomplete_json_holds_hostile_names_as_strings(client, hostile_records):
    drug, condition = hostile_records
    response = client.get("/search/autocomplete/", {"q": MARK})
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    labels = [s["label"] for s in response.json()["suggestions"]]
    assert drug.generic_name in labels
    response = client.get("/search/autocomplete/", {"q": "</script>"})
    assert condition.name in [s["label"] for s in response.json()["suggestions"]]


def test_searches_without_results_are_listed_for_editors_as_text(admin_client, client):
    client.get("/search/", {"q": f"{PAYLOAD} nothingmatches"})
    response = admin_client.get(reverse("search_misses_report"))
    assert response.status_code == 200
    page = assert_inert(response.content)
    assert_shown(page, "nothingmatches")
    assert MARK in page.get_text()
