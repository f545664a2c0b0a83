"""The page content cache: an article's rendered content is kept for every reader, signed
in or not, and the changes that invalidate pages invalidate it at once (portal/cache/
fragments.py). Previews never use it. Runs on SQLite and PostgreSQL with Django's
local-memory cache; tests/portal/test_page_cache.py runs its invalidation oracle with it on."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

from drugs.models import BrandName, Drug, DrugClass
from pages.models import PortalSettings
from pages.review.models import ReviewerProfile
from portal.cache import fragments as fragment_cache
from tests.drugs.factories import make_drug
from tests.html import json_ld_of_type, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600  # conftest empties the local cache per test


def main_of(response) -> str:
    assert response.status_code == 200
    return str(soup(response).find("main"))


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries.captured_queries)


def test_the_second_reader_gets_the_same_content_without_rendering_it(client, fragments, article):
    client.get("/")  # the site lookup is then kept
    first, rendered = queries_for(client, article.url)
    again, kept = queries_for(client, article.url)
    assert main_of(again) == main_of(first)
    assert kept <= 4 < rendered, (kept, rendered)
    assert soup(again).find("script", type="application/ld+json"), "structured data kept"


def test_signed_in_readers_share_it(client, fragments, article, django_user_model):
    anonymous = main_of(client.get(article.url))
    client.force_login(django_user_model.objects.create_user("fragment-reader", password="x"))
    with CaptureQueriesContext(connection) as queries:
        signed_in = main_of(client.get(article.url))
    assert signed_in == anonymous
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "drugs_drug" not in sql and "drugs_condition" not in sql, "nothing re-rendered"


def test_a_new_brand_on_a_cited_drug_shows_at_once(
    client, fragments, article, django_capture_on_commit_callbacks
):
    assert "Zentavra" not in main_of(client.get(article.url))
    drug = Drug.objects.get(generic_name="adalimumab")
    drug.brand_names.add(BrandName(name="Zentavra", mark="®"))
    drug.save_revision()  # a draft: readers keep the published content
    assert "Zentavra" not in main_of(client.get(article.url))
    with django_capture_on_commit_callbacks(execute=True):
        drug.save_revision().publish()
    assert "Zentavra" in main_of(client.get(article.url))


def test_a_drug_filed_under_a_cited_class_joins_its_list_at_once(
    client, fragments, article, django_capture_on_commit_callbacks
):
    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    assert "filedamab" not in main_of(client.get(article.url))
    with django_capture_on_commit_callbacks(execute=True):
        make_drug("filedamab", brands=["Filedra"], classes=[tnf])
    assert "filedamab" in main_of(client.get(article.url))


def test_publishing_the_article_replaces_its_content(
    client, fragments, article, django_capture_on_commit_callbacks
):
    client.get(article.url)
    article.summary = "A rewritten opening that readers must see at once."
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "A rewritten opening" in main_of(client.get(article.url))


def test_a_preview_shows_the_draft_and_leaves_nothing_behind(client, fragments, article):
    live = main_of(client.get(article.url))
    article.title = "Immunomodulators: a draft nobody may read yet"
    draft = article.save_revision().as_object()

    preview = draft.make_preview_request()
    assert "a draft nobody may read yet" in main_of(preview)
    assert main_of(client.get(article.url)) == live


def test_a_private_page_is_not_shown_from_it(
    client, fragments, article, django_capture_on_commit_callbacks
):
    assert "adalimumab" in main_of(client.get(article.url))
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type="password", password="x")
    response = client.get(article.url)
    assert "adalimumab" not in response.content.decode().lower()


def test_a_page_served_from_it_is_still_invalidated_by_what_it_shows(
    client, fragments, settings, article, django_user_model, django_capture_on_commit_callbacks
):
    """The page cache stores the page with the tags the kept content named: a change to a
    cited drug must reach a page that was stored from a fragment hit."""
    settings.PAGE_CACHE_SECONDS = 600
    client.force_login(django_user_model.objects.create_user("fragment-editor", password="x"))
    client.get(article.url)  # renders the content and keeps it; no page is stored
    client.logout()
    assert client.get(article.url)["X-Cache"] == "MISS"  # the page around a kept fragment
    assert client.get(article.url)["X-Cache"] == "HIT"

    drug = Drug.objects.get(generic_name="adalimumab")
    drug.brand_names.add(BrandName(name="Zentavra", mark="®"))
    with django_capture_on_commit_callbacks(execute=True):
        drug.save_revision().publish()
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert "Zentavra" in main_of(response)


def test_with_it_off_each_reader_gets_a_fresh_render(client, settings, article):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get(article.url)  # the site lookup is then kept
    _, first = queries_for(client, article.url)
    _, again = queries_for(client, article.url)
    assert again == first > 4
    assert not [key for key in cache._cache if "fragment" in key]  # noqa: SLF001


def test_content_rendered_while_a_change_lands_is_not_kept(
    client, fragments, article, monkeypatch, django_capture_on_commit_callbacks
):
    """The request read the site, settings and page before the change; what it renders
    from them must not be kept as if it were current."""
    site_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    key_for = fragment_cache.key_for

    def change_then_key(*args):
        with django_capture_on_commit_callbacks(execute=True):
            site_settings.organisation_name = "Riverside Health Library"
            site_settings.save()
        return key_for(*args)

    monkeypatch.setattr(fragment_cache, "key_for", change_then_key)
    client.get(article.url)  # read before the change, rendered after it
    monkeypatch.setattr(fragment_cache, "key_for", key_for)
    publisher = json_ld_of_type(client.get(article.url), "MedicalWebPage")["publisher"]
    assert publisher["name"] == "Riverside Health Library"


def test_a_renamed_reviewer_is_named_at_once(
    client, fragments, article, django_user_model, django_capture_on_commit_callbacks
):
    site_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.stamp_style = "named"
    site_settings.save()
    user = django_user_model.objects.create_user("stamp-reviewer", password="x")
    profile = ReviewerProfile.objects.create(user=user, display_name="Dr Ada Reviewer")
    article.reviewed_by = profile
    article.save_revision().publish()
    assert "Dr Ada Reviewer" in main_of(client.get(article.url))

    with django_capture_on_commit_callbacks(execute=True):
        profile.display_name = "Dr Ada Lovelace-Reviewer"
        profile.save()
    assert "Dr Ada Lovelace-Reviewer" in main_of(client.get(article.url))


def test_an_unpublished_policy_page_leaves_the_stamp_at_once(
    client, fragments, article, django_capture_on_commit_callbacks
):
    policy = PortalSettings.for_site(Site.objects.get(is_default_site=True)).editorial_policy_page
    assert f'href="{policy.url}"' in str(soup(client.get(article.url)).find(id="review"))
    with django_capture_on_commit_callbacks(execute=True):
        policy.unpublish()
    assert "editorial process" not in main_of(client.get(article.url))


def test_each_site_gets_its_own_addresses(client, fragments, settings, article):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example"]
    default = Site.objects.get(is_default_site=True)
    Site.objects.create(hostname="other.example", port=80, root_page=default.root_page)
    here = json_ld_of_type(client.get(article.url), "MedicalWebPage")["url"]
    there = json_ld_of_type(client.get(article.url, HTTP_HOST="other.example"), "MedicalWebPage")
    assert "other.example" not in here
    assert there["url"].startswith("http://other.example/")
