"""Hostile values in the article editor (create and edit): the editor gets the form back with
error messages, or a saved draft that opens again and previews, never a server error; and the
live article and its earlier revisions are untouched."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from django.urls import reverse

from wagtail.models import Page

from pages.models import ArticlePage, CallToAction, SectionPage
from tests.fuzz import FUZZ, KNOWN_BAD, hostile_text, isolated, post_form
from tests.html import soup
from tests.pages.article_form import article_form, contentstate

pytestmark = pytest.mark.django_db

PAGE_FUZZ = settings(FUZZ, max_examples=15)


FIELDS = [
    "title",
    "slug",
    "seo_title",
    "search_description",
    "go_live_at",
    "expire_at",
    "summary",
    "drug_classes",
    "drugs",
    "conditions",
    "body-count",
    "body-0-type",
    "body-0-order",
    "body-0-deleted",
    "body-0-value-heading",
    "body-0-value-anchor",
    "body-0-value-content-count",
    "body-0-value-content-0-value",
    "body-0-value-content-1-value",
    "body-0-value-content-2-value-drug_class",
    "body-0-value-content-2-value-text",
    "body-0-value-content-2-value-show",
    "body-0-value-content-2-value-list_intro",
    "body-1-value-heading",
    "body-1-value-text",
    "body-2-value",
]
RICH_TEXT_FIELDS = [
    "body-0-value-content-0-value",
    "body-0-value-content-2-value-text",
    "body-1-value-text",
]


link_data = st.one_of(
    st.fixed_dictionaries({"url": hostile_text}),
    st.fixed_dictionaries({"id": hostile_text, "linkType": st.just("page"), "url": hostile_text}),
)
rich_text_value = st.one_of(
    hostile_text.map(lambda words: contentstate(words, {"url": "https://example.org/"})),
    st.builds(contentstate, hostile_text, link_data),
    hostile_text,  # not Draftail's JSON at all
)
changes = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), st.one_of(hostile_text, st.sampled_from(KNOWN_BAD))),
    st.dictionaries(st.sampled_from(RICH_TEXT_FIELDS), rich_text_value, min_size=1),
).filter(bool)


def assert_errors_shown_or_draft_saved(response):
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert soup(response).select(".error-message, .help-critical, .messages .error"), (
            "the form came back without saying what is wrong"
        )


def test_hostile_edits_never_lose_the_live_article(editor, client, article):
    public_before = client.get(article.url).content
    revisions_before = set(article.revisions.values_list("pk", flat=True))
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])

    @PAGE_FUZZ
    @given(changes=changes)
    @example(changes={"title": "<script>alert(1)</script>", "slug": "a\x00b"})
    @example(changes={"body-0-value-content-0-value": "not Draftail's JSON"})
    @example(changes={"body-0-value-content-2-value-drug_class": "not-an-id"})
    @example(changes={"body-2-value": "9" * 30, "body-count": "-1"})
    @example(changes={"go_live_at": "1e400", "drugs": "x"})
    @example(changes={"body-1-value-text": contentstate("x", {"id": "abc", "linkType": "page"})})
    def fuzz(changes):
        with isolated():
            form = article_form(**{"slug": article.slug, **changes})
            response = post_form(editor, edit_url, form)
            assert_errors_shown_or_draft_saved(response)
            live = ArticlePage.objects.get(pk=article.pk)
            assert live.live and live.title == article.title
            assert revisions_before <= set(live.revisions.values_list("pk", flat=True))
            if response.status_code == 302:
                assert editor.get(edit_url).status_code == 200
                preview = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
                assert editor.get(preview).status_code in (200, 400)
            assert client.get(article.url).content == public_before

    fuzz()


def test_hostile_new_articles_are_refused_or_kept_as_drafts(editor, client):
    section = SectionPage.objects.get(slug="drugs-devices-supplements")
    add_url = reverse("wagtailadmin_pages:add", args=["pages", "articlepage", section.pk])

    @PAGE_FUZZ
    @given(changes=changes)
    @example(changes={"title": "\ud800", "summary": "\x00"})
    @example(changes={"body-0-value-content-0-value": "{"})
    def fuzz(changes):
        with isolated():
            count = Page.objects.count()
            response = post_form(editor, add_url, article_form(**changes))
            assert_errors_shown_or_draft_saved(response)
            if response.status_code == 302:
                created = ArticlePage.objects.get(slug=changes.get("slug", "fuzzed-article"))
                assert not created.live
                assert client.get(f"{section.url}{created.slug}/").status_code == 404
                edit_url = reverse("wagtailadmin_pages:edit", args=[created.pk])
                assert editor.get(edit_url).status_code == 200
            else:
                assert Page.objects.count() == count

    fuzz()


# Regressions found by the fuzz tests above: each was a server error, and the page link a
# draft that no longer opened in the editor.


UNREADABLE = "The body could not be read"
NO_PAGE = "A link in the text goes to no page"
NOT_STORABLE = "The body holds characters that cannot be saved"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"body-0-value-content-0-value": "not Draftail's JSON"}, UNREADABLE),
        ({"body-1-value-text": "[]"}, UNREADABLE),
        ({"body-0-value-content-2-value-drug_class": "not-an-id"}, UNREADABLE),
        ({"body-2-value": "x"}, UNREADABLE),
        ({"body-count": ""}, UNREADABLE),
        ({"body-count": "26"}, UNREADABLE),
        ({"body-0-order": ")"}, UNREADABLE),
        ({"body-1-value-text": contentstate("x", {"id": "abc", "linkType": "page"})}, NO_PAGE),
        # JSON can escape what PostgreSQL will not store (DataError on PostgreSQL only).
        ({"body-0-value-content-0-value": contentstate("\ud800", {"url": "/"})}, NOT_STORABLE),
        ({"body-1-value-text": contentstate("a\x00b", {"url": "/"})}, NOT_STORABLE),
        ({"body-0-value-heading": "a\x00b"}, NOT_STORABLE),
    ],
)
def test_a_body_the_editor_never_sends_is_an_error(editor, article, changes, message):
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    latest = article.get_latest_revision()
    response = post_form(editor, edit_url, article_form(**{"slug": article.slug, **changes}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision() == latest
    assert editor.get(edit_url).status_code == 200


def test_page_links_and_chosen_records_still_save(editor, article, home):
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    link = contentstate("x", {"id": str(home.pk), "linkType": "page", "url": home.url})
    response = post_form(
        editor, edit_url, article_form(**{"slug": article.slug, "body-1-value-text": link})
    )
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert f'linktype="page" id="{home.pk}"' in draft.body[1].value["text"].source
    assert draft.body[2].value == CallToAction.objects.first()
    assert editor.get(edit_url).status_code == 200
