"""A reader's address finds the page Wagtail would find, in a fixed number of queries.

The home page looks a page up by its whole URL path at once (pages/models/home.py) rather
than a level of the tree at a time; these check it finds the same pages, refuses the same
addresses, and follows the tree when it changes."""

import pytest

from django.http import Http404
from django.test import RequestFactory

from wagtail.models import Page

from pages.models import ArticlePage, HomePage, SectionPage

pytestmark = pytest.mark.django_db


def wagtail_route(home, path):
    """Wagtail's own walk down the tree, one level at a time."""
    components = [part for part in path.split("/") if part]
    try:
        return Page.route(home, RequestFactory().get(path), components).page
    except Http404:
        return None


def portal_route(home, path):
    components = [part for part in path.split("/") if part]
    try:
        return home.route(RequestFactory().get(path), components).page
    except Http404:
        return None


def test_every_page_is_found_where_wagtails_walk_finds_it(home):
    paths = [page.url for page in Page.objects.descendant_of(home, inclusive=True)]
    assert len(paths) > 5
    for path in paths:
        expected, found = wagtail_route(home, path), portal_route(home, path)
        assert (found and found.pk, type(found)) == (expected and expected.pk, type(expected))
        assert found is None or type(found) is not Page, "pages come back in their own type"


def test_drafts_and_unknown_addresses_are_not_found_and_live_pages_under_a_draft_are(
    client, home, article
):
    section = article.get_parent().specific
    draft = ArticlePage(title="Not yet", slug="not-yet", summary="s", body=[])
    section.add_child(instance=draft)
    draft.unpublish()
    assert client.get("/drugs-devices-supplements/not-yet/").status_code == 404
    assert wagtail_route(home, "/drugs-devices-supplements/not-yet/") is None

    section.unpublish()  # Wagtail still serves a live page under a section taken down
    assert wagtail_route(home, article.url).pk == article.pk
    assert client.get(article.url).status_code == 200

    # (Some of these never reach the page's route: Wagtail's URL pattern refuses them.)
    for path in [
        "/no-such-section/",
        f"{article.url}extra/",
        "/drugs-devices-supplements//immunomodulators/",
        "/%00/",
        "/" + "a/" * 300,
        "/drugs-devices-supplements/immunomodulators%2F..%2F/",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path


def test_an_article_is_routed_in_two_queries(client, article, django_assert_max_num_queries):
    kept_root = client.get(article.url).wsgi_request._wagtail_site.root_page  # as kept
    assert isinstance(kept_root, HomePage)
    request = RequestFactory().get(article.url)
    with django_assert_max_num_queries(2):
        found = kept_root.route(request, [part for part in article.url.split("/") if part]).page
    assert found.pk == article.pk and isinstance(found, ArticlePage)


def test_no_page_type_but_home_routes_sub_paths_of_its_own():
    """The one-query lookup finds the page whose URL path matches: a page type that answered
    addresses below itself (RoutablePageMixin, its own route) would need Wagtail's walk."""
    from wagtail.models import get_page_models

    own_route = [m for m in get_page_models() if m.route is not Page.route and m is not HomePage]
    assert own_route == []


def test_a_renamed_home_or_section_moves_its_pages_with_it_at_once(
    client, home, article, django_capture_on_commit_callbacks
):
    client.get(article.url)  # the site lookup keeps the root page
    section = article.get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        section.slug = "medicines"
        section.save_revision().publish()
    article.refresh_from_db()
    assert article.url == "/medicines/immunomodulators/"
    assert client.get(article.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        home.slug = "start"
        home.save_revision().publish()
    response = client.get(article.url)
    assert response.status_code == 200
    # The root page the site lookup keeps was renewed: the one-query lookup still applies.
    assert response.wsgi_request._wagtail_site.root_page.url_path == "/start/"
    assert SectionPage.objects.get(pk=section.pk).url_path.startswith("/start/")


def test_the_home_page_shows_a_publish_at_once(client, home, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        home.intro = "A new welcome for readers."
        home.save_revision().publish()
    assert "A new welcome for readers." in client.get("/").content.decode()
    home.intro = "A draft welcome nobody may read yet."
    home.save_revision()
    assert "A draft welcome" not in client.get("/").content.decode()


@pytest.fixture
def kept_routes(settings):
    from django.core.cache import cache

    settings.ROUTE_CACHE_SECONDS = 60
    cache.clear()  # a new invalidation generation: nothing kept from another test
    yield
    cache.clear()


def queries_for(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def warmed_queries(client, url, settings, seconds) -> int:
    """Queries for a page after two requests (the site lookup and the kept page filled)."""
    settings.ROUTE_CACHE_SECONDS = seconds
    client.get(url)
    client.get(url)
    return queries_for(client, url)


def test_the_next_anonymous_reader_of_an_address_is_routed_without_a_query(
    client, article, kept_routes, settings
):
    routed_afresh = warmed_queries(client, article.url, settings, 0)
    # Without the page by path and then in its type:
    assert warmed_queries(client, article.url, settings, 60) == routed_afresh - 2


def test_a_kept_page_follows_a_publish_an_unpublish_and_a_rename_at_once(
    client, article, kept_routes, django_capture_on_commit_callbacks
):
    client.get(article.url)
    client.get(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Medicines that calm the immune system"
        article.save_revision().publish()
    assert "Medicines that calm the immune system" in client.get(article.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    old_url = article.url
    assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.slug = "calming-medicines"
        article.save_revision().publish()
    article.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the kept page
    assert (moved.status_code, moved["Location"]) == (301, article.url)
    assert client.get(article.url).status_code == 200


def test_a_signed_in_editor_is_routed_afresh(admin_client, article, kept_routes, settings):
    """An editor's user bar shows the page's draft state, which a draft saved since would
    change without any invalidation: their pages are never the kept ones."""
    routed_afresh = warmed_queries(admin_client, article.url, settings, 0)
    assert warmed_queries(admin_client, article.url, settings, 60) == routed_afresh


def test_each_reader_gets_a_copy_of_the_kept_page(article, kept_routes):
    """What one request sets on its page (Wagtail and templates do) never reaches the next."""
    from portal.cache import routes, tags

    request = RequestFactory().get(article.url)
    tags.remember_generation(request, tags.start_generation())
    routes.keep(request, "address", article)
    first = routes.find(request, "address")
    first.scribbled_on = True
    second = routes.find(request, "address")
    assert second.pk == article.pk and second is not first
    assert not hasattr(second, "scribbled_on") and not hasattr(article, "scribbled_on")
    assert second.body is not first.body
    assert list(second.body.raw_data) == list(article.body.raw_data)
    list(first.body)  # the first reader renders its blocks; they stay with it
    assert "body" not in routes._kept[1]["address"][0].__dict__

    tags.remember_generation(request, tags.start_generation() + 1)  # after an invalidation
    assert routes.find(request, "address") is None


def test_a_reader_during_a_move_does_not_keep_the_page_at_its_old_address(
    client, article, kept_routes, django_capture_on_commit_callbacks
):
    """In the admin (autocommit) the invalidation before a move lands before the move is
    written; a reader in between finds the page at its old address. Once the move is
    written the old address must not serve it (Wagtail redirects it)."""
    from django.db import connection

    from wagtail.signals import pre_page_move

    from pages.models import SectionPage

    old_url = article.url
    target = SectionPage.objects.exclude(pk=article.get_parent().pk).first()
    during = []
    start = len(connection.run_on_commit)

    def reader(**kwargs):
        # As autocommit would: the invalidations registered so far run at once.
        pending = connection.run_on_commit[start:]
        del connection.run_on_commit[start:]
        for _, callback, _ in pending:
            callback()
        during.append(client.get(old_url).status_code)

    pre_page_move.connect(reader, dispatch_uid="reader-during-move")
    try:
        with django_capture_on_commit_callbacks(execute=True):  # what the move commits
            article.move(target, pos="last-child")
    finally:
        pre_page_move.disconnect(dispatch_uid="reader-during-move")
    assert during == [200]
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"] == ArticlePage.objects.get(pk=article.pk).url


def test_a_full_process_makes_way_for_new_addresses(article, kept_routes, monkeypatch):
    """Past MAX_PAGES addresses, the longest kept make way: a crawler cannot stop the
    pages readers ask for from being kept."""
    from portal.cache import routes, tags

    monkeypatch.setattr(routes, "MAX_PAGES", 2)
    request = RequestFactory().get(article.url)
    tags.remember_generation(request, tags.start_generation())
    for address in ["first", "second", "third"]:
        routes.keep(request, address, article)
    assert routes.find(request, "first") is None
    assert routes.find(request, "second").pk == routes.find(request, "third").pk == article.pk
