"""Where each page type may be created: editors only ever see sensible choices."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import ArticlePage, ContentPage, HomePage, SectionPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_is_a_singleton_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        # The migration created the one home page; a second cannot be added anywhere.
        self.assertEqual(HomePage.objects.count(), 1)
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))

    def test_home_holds_sections_and_content_pages_only(self):
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, ContentPage})
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_articles_live_only_in_sections_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage})

    def test_sections_live_only_under_home(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertCanNotCreateAt(SectionPage, SectionPage)

    def test_content_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})

    def test_editor_can_create_an_article_in_a_section_through_the_admin(self):
        section = SectionPage.objects.get(slug="drugs-devices-supplements")
        self.login()
        self.assertCanCreate(
            section,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Biologic medicines",
                    "slug": "biologic-medicines",
                    "summary": "Medicines made from living cells.",
                    "body": streamfield(
                        [
                            (
                                "section",
                                {
                                    "heading": "What they are",
                                    "anchor": "",
                                    "content": streamfield(
                                        [("paragraph", rich_text("<p>Made in living cells.</p>"))]
                                    ),
                                },
                            )
                        ]
                    ),
                }
            ),
            publish=False,  # nobody publishes directly: medical review does (tests/pages/review)
        )
        created = ArticlePage.objects.get(slug="biologic-medicines")
        self.assertEqual(created.get_parent().specific, section)
        self.assertEqual(created.table_of_contents[0]["anchor"], "what-they-are")
