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
