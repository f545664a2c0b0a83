"""The anonymous page cache: what is kept, for whom, and exactly what a change invalidates.

The oracle for "exactly": a change to something invalidates the pages that link to it (its
own page, the lists and records that show it), and no other page. Runs on SQLite and
PostgreSQL with Django's local-memory cache; the two-server test uses Redis."""

import pytest

from django.core.cache import cache

from drugs.models import Condition, Drug, DrugClass
from pages.models import ArticlePage, ContentPage, HomePage, SectionPage
from tests.html import soup

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = ["/search/autocomplete/?q=hum", "/search/autocomplete/?q=rheu"]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_CDN_SECONDS = 0
    # With the page content cache on too: a page rendered afresh must not take stale
    # content from it.
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.ROUTE_CACHE_SECONDS = 60  # and the pages kept by address (portal/cache/routes.py)
    cache.clear()
    yield
    cache.clear()


def library_urls() -> list[str]:
    """Every public page of the demo library a reader can reach, and some suggestions."""
    urls = ["/", "/drugs/", "/conditions/", "/drug-classes/"]
    for letter in ("a", "m", "r"):
        urls += [f"/drugs/?letter={letter}", f"/conditions/?letter={letter}"]
    for model in (HomePage, SectionPage, ArticlePage, ContentPage):
        urls += [page.url for page in model.objects.live().public()]
    for model in (Drug, DrugClass, Condition):
        urls += [record.get_url() for record in model.objects.live()]
    return sorted(set(urls)) + AUTOCOMPLETE


def warm(client, urls) -> dict[str, bytes]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content
    return pages


def stale(client, urls) -> set[str]:
    return {url for url in urls if client.get(url)["X-Cache"] != "HIT"}


def linking_to(pages: dict[str, bytes], url: str) -> set[str]:
    """The pages whose HTML links to `url` (the oracle)."""
    return {
        page_url
        for page_url, content in pages.items()
        if not page_url.startswith("/search/")
        and any(a["href"] == url for a in soup_of(content).find_all("a", href=True))
    }


def soup_of(content: bytes):
    class Response:
        pass

    response = Response()
    response.content = content
    return soup(response)


@pytest.fixture
def warmed(client, page_cache):
    urls = library_urls()
    pages = warm(client, urls)
    assert stale(client, urls) == set(), "every page is served from the cache once rendered"
    return urls, pages


def test_anonymous_readers_get_cached_pages_with_validators(client, page_cache, article):
    first = client.get(article.url)
    again = client.get(article.url)
    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"] and "max-age=0" in again["Cache-Control"]
    revalidated = client.get(article.url, HTTP_IF_NONE_MATCH=again["ETag"])
    assert revalidated.status_code == 304


def test_a_link_with_tracking_parameters_is_the_page_already_cached(client, page_cache, article):
    """Newsletters and social networks tag links, often uniquely per click (fbclid): those
    readers get the cached page rather than a render each."""
    first = client.get(article.url)
    tagged = client.get(f"{article.url}?utm_source=newsletter&utm_medium=email&fbclid=Iw4x9")
    assert (first["X-Cache"], tagged["X-Cache"]) == ("MISS", "HIT")
    assert tagged.content == first.content


def test_query_parameters_a_page_reads_still_make_a_page_of_their_own(client, page_cache):
    m = client.get("/conditions/?letter=M")
    n = client.get("/conditions/?letter=N&utm_campaign=spring")
    assert (m["X-Cache"], n["X-Cache"]) == ("MISS", "MISS")
    assert client.get("/conditions/?utm_campaign=spring&letter=N")["X-Cache"] == "HIT"
    assert m.content != n.content


def test_a_hit_costs_no_query_and_keeps_the_security_headers(
    client, page_cache, article, django_assert_num_queries
):
    first = client.get(article.url)
    with django_assert_num_queries(0):
        again = client.get(article.url)
    assert again["X-Cache"] == "HIT"
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "X-Frame-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ):
        assert again[header] == first[header], header


def test_a_publish_elsewhere_leaves_other_pages_served_from_the_cache(
    client, page_cache, django_capture_on_commit_callbacks
):
    drug = Drug.objects.get(generic_name="adalimumab")
    shown = client.get(drug.get_url()).content.decode()
    unrelated = next(c for c in Condition.objects.live() if f'"{c.get_url()}"' not in shown)
    client.get(unrelated.get_url())
    with django_capture_on_commit_callbacks(execute=True):
        unrelated.name += " (updated)"
        unrelated.save_revision().publish()
    assert client.get(drug.get_url())["X-Cache"] == "HIT"  # its tags are checked, and hold
    assert client.get(drug.get_url())["X-Cache"] == "HIT"
    assert client.get(unrelated.get_url())["X-Cache"] == "MISS"


def test_plain_http_is_sent_to_https_before_the_cache_is_asked(
    client, page_cache, settings, article
):
    settings.SECURE_SSL_REDIRECT = True  # before the client's first request loads middleware
    client.get(article.url, secure=True)
    response = client.get(article.url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert client.get(article.url, secure=True)["X-Cache"] == "HIT"


def test_a_page_rendered_while_a_change_lands_is_not_kept(client, page_cache, article, monkeypatch):
    """The change commits while the old page is rendering: that page must not be stored
    (the next reader would get the old content until it expired)."""
    from portal.cache import tags

    stop = tags.stop

    def change_lands_after_render(token):
        collected = stop(token)
        tags.bump_now({f"page:{article.pk}"})
        return collected

    monkeypatch.setattr(tags, "stop", change_lands_after_render)
    assert client.get(article.url)["X-Cache"] == "MISS"
    monkeypatch.setattr(tags, "stop", stop)
    assert client.get(article.url)["X-Cache"] == "MISS"  # it was not kept
    assert client.get(article.url)["X-Cache"] == "HIT"


def test_an_invalidation_moves_the_generation_before_and_after_the_tags(page_cache, monkeypatch):
    """Before: a render that reads a tag's new version also sees a new generation, so it is
    not stored. After: a hit that re-stored an entry in between is checked again."""
    from portal.cache import tags

    order = []
    incr = cache.incr
    monkeypatch.setattr(cache, "incr", lambda key, *a, **k: order.append(key) or incr(key))
    tags.versions(["page:1", "site"])
    tags.start_generation()
    tags.bump_now({"site", "page:1"})
    assert order[0] == order[-1] == tags.GENERATION_KEY
    assert set(order[1:-1]) == {tags.KEY_PREFIX + "page:1", tags.KEY_PREFIX + "site"}


def test_a_host_not_allowed_gets_a_400_with_the_security_headers(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response


def test_static_files_are_left_to_whitenoise(client, page_cache):
    from django.contrib.staticfiles import finders

    assert finders.find("css/portal.css")
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert "X-Cache" not in response


def test_signed_in_users_are_never_served_or_stored(client, page_cache, article, django_user_model):
    editor = django_user_model.objects.create_user("cache-editor", password="x")
    client.force_login(editor)
    for _ in range(2):
        response = client.get(article.url)
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]
    client.logout()
    assert client.get(article.url)["X-Cache"] == "MISS"  # nothing was kept for the editor


def test_admin_previews_search_results_and_errors_are_not_cached(client, page_cache):
    for url in ["/search/?q=Humira", "/no/such/page/"]:
        client.get(url)
        assert client.get(url).get("X-Cache") != "HIT", url


def test_a_search_does_not_look_for_a_stored_page(client, page_cache, monkeypatch):
    """The results page is never stored (it counts every search), so a search costs no
    page-cache round trip; autocomplete's suggestions are stored and looked up."""
    from django.core.cache import cache

    asked = []
    get_many = cache.get_many
    monkeypatch.setattr(
        cache, "get_many", lambda keys, **kw: asked.extend(keys) or get_many(keys, **kw)
    )
    client.get("/search/", {"q": "Humira"})
    assert not [key for key in asked if key.startswith("pc:page:")]
    client.get(AUTOCOMPLETE[0])
    assert [key for key in asked if key.startswith("pc:page:")]


def test_private_pages_are_not_cached(client, page_cache, article):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    for _ in range(2):
        response = client.get(article.url)
        assert response.get("X-Cache") != "HIT"
        assert "adalimumab" not in response.content.decode().lower()


def test_publishing_a_drug_invalidates_exactly_the_pages_that_show_it(
    client, warmed, django_capture_on_commit_callbacks
):
    urls, pages = warmed
    drug = Drug.objects.get(generic_name="adalimumab")
    drug.summary = "A changed summary that readers must see at once."
    with django_capture_on_commit_callbacks(execute=True):
        drug.save_revision().publish()

    shown_on = linking_to(pages, drug.get_url()) | {drug.get_url()}
    assert {"/drugs/", "/drugs/?letter=a"} <= shown_on
    assert any("/drug-classes/" in url for url in shown_on)
    assert any("/conditions/" in url for url in shown_on)
    assert stale(client, urls) == shown_on | set(AUTOCOMPLETE)
    assert "A changed summary" in client.get(drug.get_url()).content.decode()


def test_publishing_an_article_invalidates_its_section_lists_and_the_records_it_cites(
    client, warmed, django_capture_on_commit_callbacks, article
):
    urls, pages = warmed
    article.title = "Immunomodulators: an updated guide"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    shown_on = linking_to(pages, article.url) | {article.url}
    assert {article.get_parent().url, "/"} <= shown_on
    assert any(url.startswith("/drugs/") and url != "/drugs/" for url in shown_on)
    assert stale(client, urls) == shown_on | set(AUTOCOMPLETE)
    assert "an updated guide" in client.get("/").content.decode()


def test_unpublishing_a_condition_takes_it_off_every_page_at_once(
    client, warmed, django_capture_on_commit_callbacks
):
    urls, pages = warmed
    condition = Condition.objects.get(name="Rheumatoid arthritis")
    url = condition.get_url()
    with django_capture_on_commit_callbacks(execute=True):
        condition.unpublish()

    assert stale(client, urls) == linking_to(pages, url) | {url} | set(AUTOCOMPLETE)
    assert client.get(url).status_code == 404
    assert url not in client.get("/conditions/?letter=r").content.decode()


def test_moving_a_page_invalidates_it_both_parents_and_what_links_to_it(
    client, warmed, django_capture_on_commit_callbacks, article
):
    urls, pages = warmed
    old_url, old_parent = article.url, article.get_parent().specific
    new_parent = SectionPage.objects.live().exclude(pk=old_parent.pk).first()
    with django_capture_on_commit_callbacks(execute=True):
        article.move(new_parent, pos="last-child")

    changed = stale(client, urls)
    assert {old_url, old_parent.url, new_parent.url} <= changed
    assert linking_to(pages, old_url) <= changed
    assert client.get(old_url).status_code != 200  # Wagtail redirects the old address
    untouched = [u for u in urls if u not in changed]
    assert untouched, "pages that never showed the article stay cached"


def test_a_draft_invalidates_nothing(client, warmed, django_capture_on_commit_callbacks, article):
    urls, _ = warmed
    article.title = "A draft title nobody may read yet"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision()
    assert stale(client, urls) == set()
    assert "A draft title" not in client.get(article.url).content.decode()


def test_with_the_cache_off_nothing_is_stored(client, settings, article):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(article.url)
    assert "X-Cache" not in client.get(article.url)


def test_renaming_a_section_reaches_every_page_that_links_to_it(
    client, warmed, django_capture_on_commit_callbacks, article
):
    """Its articles' breadcrumbs name it: they must not keep the old title."""
    urls, pages = warmed
    section = article.get_parent().specific
    section.title = "Medicines and devices"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()

    assert article.url in linking_to(pages, section.url)
    assert stale(client, urls) == linking_to(pages, section.url) | {section.url} | set(AUTOCOMPLETE)
    assert "Medicines and devices" in client.get(article.url).content.decode()
