"""What a reader is told about a page's medical review, on the day it falls due and after.

The demo article and every record it names were reviewed on 10 May 2023, and fell due for
review again on 10 May 2026 (pages/demo/review.py). From that day on, their stamps must say
so, they leave "Recently reviewed", and no cached page may go on saying otherwise. The
clock fixture (tests/clock.py) moves the portal's time; nothing depends on today's date.
Runs on SQLite and PostgreSQL."""

import datetime
import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import WorkflowState

from drugs.models import Condition, Drug, DrugClass
from pages.models import ArticlePage, SectionPage
from pages.review.rules import current_workflow_state
from tests.html import json_ld_of_type, soup, text
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, person, submit

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
BEFORE_DUE = datetime.datetime(2026, 5, 9, 23, 0, tzinfo=UTC)  # the evening before
DUE_DAY = datetime.datetime(2026, 5, 10, 0, 0, 5, tzinfo=UTC)  # just after midnight
TODAY = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # the "today"
NOTICE = "This page is due for review. It was last reviewed on 10 May 2023"
UNDER_WAY = "A new medical review is under way."


def record_urls() -> list[str]:
    return [
        Drug.objects.get(generic_name="adalimumab").get_url(),
        DrugClass.objects.get(slug="tnf-inhibitors").get_url(),
        Condition.objects.get(slug="rheumatoid-arthritis").get_url(),
    ]


def stamp(response):
    assert response.status_code == 200
    found = soup(response).select_one("section#review")
    assert found is not None, "no review stamp"
    return found


def words(element) -> str:
    """The element's text as read: one space between words, none before a full stop."""
    spaced = " ".join(element.get_text(" ").split())
    return re.sub(r"\( ", "(", re.sub(r" ([.,)])", r"\1", spaced))


def listed(response, heading_id):
    section = soup(response).find(attrs={"aria-labelledby": heading_id})
    return section


def item_for(response, url):
    """The list item on a listing page that links to `url`, or None."""
    for link in soup(response).select("main li a[href]"):
        if link["href"] == url:
            return link.find_parent("li")
    return None


@pytest.fixture
def author():
    return person("sam", AUTHORS, first_name="Sam", last_name="Writer")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CDN_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.ROUTE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def fresh_article(slug: str, reviewed_on, due) -> ArticlePage:
    """Another article, reviewed on `reviewed_on` and due again on `due`."""
    section = SectionPage.objects.get(slug="drugs-devices-supplements")
    article = section.add_child(
        instance=ArticlePage(title=f"Article {slug}", slug=slug, summary="A reviewed article.")
    )
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed_on=reviewed_on, next_review_due=due
    )
    return ArticlePage.objects.get(pk=article.pk)


# --- The stamp ------------------------------------------------------------------------------


def test_an_article_past_its_review_date_says_so_in_a_notice(client, article, clock):
    clock.travel_to(TODAY)
    response = client.get(article.url)
    found = stamp(response)
    assert NOTICE in words(found)
    assert "review-stamp--due" in found["class"]
    assert "Medically reviewed" not in text(response), "no green 'reviewed' claim anywhere"
    assert not found.select('img[src*="reviewed"]'), "not the green reviewed shield"
    header = soup(response).select_one(".article-header .reviewed-tag")
    assert words(header).startswith("Due for review. Last reviewed 10 May 2023.")
    assert "reviewed-tag--due" in header["class"]
    assert header.find("a", href="#review"), "the header line links to the notice"


def test_before_its_due_date_the_stamp_is_the_usual_one(client, article, clock):
    clock.travel_to(BEFORE_DUE)
    response = client.get(article.url)
    found = stamp(response)
    assert words(found).startswith("Medically reviewed")
    assert "Next review due 10 May 2026." in words(found)
    assert "due for review" not in words(found).lower()
    assert "review-stamp--due" not in found["class"]


def test_the_notice_shows_from_the_day_the_review_falls_due(client, article, clock):
    clock.travel_to(DUE_DAY)
    found = stamp(client.get(article.url))
    assert NOTICE in words(found)
    assert "review was due on 10 May 2026" in words(found)


@pytest.mark.parametrize("which", [0, 1, 2], ids=["drug", "drug class", "condition"])
def test_record_pages_past_their_review_date_say_so(client, clock, which):
    url = record_urls()[which]
    clock.travel_to(BEFORE_DUE)
    before = client.get(url)
    assert words(stamp(before)).startswith("Medically reviewed")
    clock.travel_to(TODAY)
    response = client.get(url)
    found = stamp(response)
    assert NOTICE in words(found)
    assert "review-stamp--due" in found["class"]
    header = soup(response).select_one(".record__header .reviewed-tag")
    assert header is not None and words(header).startswith("Due for review.")
    assert "Medically reviewed" not in text(response)


def test_structured_data_keeps_the_true_review_date(client, article, clock):
    clock.travel_to(TODAY)
    assert json_ld_of_type(client.get(article.url), "MedicalWebPage")["lastReviewed"] == (
        "2023-05-10"
    )
    drug = client.get(record_urls()[0])
    assert json_ld_of_type(drug, "Drug")["subjectOf"]["lastReviewed"] == "2023-05-10"


def test_the_demo_keeps_its_2023_review_history(article):
    assert (article.last_reviewed_on, article.next_review_due) == (
        datetime.date(2023, 5, 10),
        datetime.date(2026, 5, 10),
    )
    assert Drug.objects.get(generic_name="adalimumab").last_reviewed_on == datetime.date(
        2023, 5, 10
    )


# --- Listings -------------------------------------------------------------------------------


def test_an_overdue_article_is_not_listed_as_recently_reviewed(client, home, article, clock):
    clock.travel_to(TODAY)
    response = client.get(home.url)
    assert "Recently reviewed" not in text(response)
    item = item_for(response, article.url)
    assert item is not None, "the home page still offers the library's articles"
    assert words(item.select_one(".reviewed-tag")).startswith("Due for review")
    assert "reviewed-tag--due" in item.select_one(".reviewed-tag")["class"]


def test_recently_reviewed_lists_only_articles_whose_review_is_current(
    client, home, article, clock
):
    current = fresh_article("fresh", datetime.date(2026, 11, 2), datetime.date(2029, 11, 2))
    clock.travel_to(TODAY)
    response = client.get(home.url)
    section = listed(response, "reviewed-heading")
    assert section is not None and words(section.find("h2")) == "Recently reviewed"
    links = {a["href"] for a in section.find_all("a", href=True)}
    assert current.url in links
    assert article.url not in links, "an overdue article is not 'recently reviewed'"
    assert "Due for review" not in words(section)


def test_before_its_due_date_the_article_is_recently_reviewed(client, home, article, clock):
    clock.travel_to(BEFORE_DUE)
    section = listed(client.get(home.url), "reviewed-heading")
    assert section is not None and words(section.find("h2")) == "Recently reviewed"
    assert article.url in {a["href"] for a in section.find_all("a", href=True)}


def test_a_section_marks_its_overdue_articles(client, article, clock):
    clock.travel_to(TODAY)
    current = fresh_article("fresh", datetime.date(2026, 11, 2), datetime.date(2029, 11, 2))
    response = client.get(article.get_parent().url)
    overdue_tag = item_for(response, article.url).select_one(".reviewed-tag")
    assert words(overdue_tag).startswith("Due for review")
    current_tag = item_for(response, current.url).select_one(".reviewed-tag")
    assert words(current_tag) == "Reviewed 2 November 2026"


def test_search_results_say_which_items_are_due_for_review(client, article, clock):
    clock.travel_to(BEFORE_DUE)
    before = item_for(client.get("/search/", {"q": "adalimumab"}), article.url)
    assert words(before.select_one(".reviewed-tag")) == "Reviewed 10 May 2023"
    clock.travel_to(TODAY)
    response = client.get("/search/", {"q": "adalimumab"})
    tag = item_for(response, article.url).select_one(".reviewed-tag")
    assert words(tag) == "Due for review (last reviewed 10 May 2023)"
    assert "reviewed-tag--due" in tag["class"]
    drug = item_for(client.get("/search/", {"q": "adalimumab"}), record_urls()[0])
    assert words(drug.select_one(".reviewed-tag")).startswith("Due for review")


def listing_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_review_states_costs_no_query_per_article(client, home, article, clock):
    clock.travel_to(TODAY)
    section_url = article.get_parent().url
    client.get(home.url)  # the site lookup is then kept
    before = (listing_queries(client, home.url), listing_queries(client, section_url))
    for i in range(4):
        fresh_article(f"more-{i}", datetime.date(2026, 11, 2), datetime.date(2029, 11, 2))
    after = (listing_queries(client, home.url), listing_queries(client, section_url))
    assert after == before


# --- A review under way ---------------------------------------------------------------------


def test_a_review_under_way_is_noted_until_it_is_cancelled(client, article, author, clock):
    clock.travel_to(TODAY)
    assert UNDER_WAY not in words(stamp(client.get(article.url)))
    submit(article, author)
    found = stamp(client.get(article.url))
    assert UNDER_WAY in words(found) and NOTICE in words(found)
    reviewer = person("amina", REVIEWERS, profile=True)
    act(article, reviewer, "reject", comment="Please check the doses.")
    assert UNDER_WAY in words(stamp(client.get(article.url))), "sent back: still under way"
    WorkflowState.objects.for_instance(article).active().get().cancel(user=author)
    assert UNDER_WAY not in words(stamp(client.get(article.url)))


def test_a_record_under_review_says_so_too(client, author, clock):
    clock.travel_to(TODAY)
    drug = Drug.objects.get(generic_name="adalimumab")
    drug.save_revision(user=author)
    submit(drug, author)
    assert UNDER_WAY in words(stamp(client.get(drug.get_url())))


def test_cached_pages_note_a_review_starting_and_ending(
    client, page_cache, article, author, clock, django_capture_on_commit_callbacks
):
    clock.travel_to(TODAY)
    drug = Drug.objects.get(generic_name="adalimumab")
    for url in (article.url, drug.get_url()):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        submit(article, author)
        drug.save_revision(user=author)
        submit(drug, author)
    for url in (article.url, drug.get_url()):
        assert UNDER_WAY in words(stamp(client.get(url))), url
    with django_capture_on_commit_callbacks(execute=True):
        current_workflow_state(article).cancel(user=author)
        current_workflow_state(drug).cancel(user=author)
    for url in (article.url, drug.get_url()):
        assert UNDER_WAY not in words(stamp(client.get(url))), url


# --- Caches ---------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["article", "drug", "home", "section"])
def test_a_page_cached_the_evening_before_shows_the_notice_the_next_morning(
    client, page_cache, article, home, clock, which
):
    url = {
        "article": article.url,
        "drug": record_urls()[0],
        "home": home.url,
        "section": article.get_parent().url,
    }[which]
    clock.travel_to(BEFORE_DUE)
    first = client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    assert "Due for review" not in text(first)
    clock.travel_to(DUE_DAY)
    response = client.get(url)
    assert response["X-Cache"] == "MISS", "the stored page did not outlive the due date"
    assert "Due for review" in text(response)


def test_a_page_far_from_its_due_date_keeps_the_usual_lifetime(client, page_cache, article, clock):
    clock.travel_to(datetime.datetime(2025, 1, 1, 12, tzinfo=UTC))
    client.get(article.url)
    clock.advance(seconds=590)
    assert client.get(article.url)["X-Cache"] == "HIT"


def test_content_kept_for_signed_in_readers_does_not_outlive_the_due_date(
    client, settings, article, author, clock
):
    """The page content cache (portal/cache/fragments.py) serves signed-in readers too."""
    settings.FRAGMENT_CACHE_SECONDS = 3600
    client.force_login(author)
    clock.travel_to(BEFORE_DUE)
    assert NOTICE not in words(stamp(client.get(article.url)))
    clock.travel_to(DUE_DAY)
    assert NOTICE in words(stamp(client.get(article.url)))


def test_the_due_date_begins_at_midnight_where_the_library_is(
    client, page_cache, settings, article, clock
):
    """In London, 10 May begins at 23:00 UTC on the 9th (summer time): so does the notice."""
    settings.TIME_ZONE = "Europe/London"
    clock.travel_to(datetime.datetime(2026, 5, 9, 22, 30, tzinfo=UTC))
    assert "Due for review" not in text(client.get(article.url))
    assert client.get(article.url)["X-Cache"] == "HIT"
    clock.travel_to(datetime.datetime(2026, 5, 9, 23, 0, 5, tzinfo=UTC))
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert NOTICE in words(stamp(response))
