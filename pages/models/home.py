from django.contrib.contenttypes.models import ContentType
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .base import BasePage


class HomePage(BasePage):
    intro = models.TextField(
        blank=True, help_text="A sentence or two welcoming readers, under the search box."
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.SectionPage", "pages.ContentPage"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from portal.cache import tags

        from .section import SectionPage

        context = super().get_context(request, *args, **kwargs)
        tags.add(f"children:{self.path}", "list:pages")
        context["sections"] = list(
            SectionPage.objects.live().public().child_of(self).order_by("path")
        )
        context.update(self.reviewed_articles())
        # Each listed page by its place in the tree too: made private, it leaves the list.
        tags.add_shown(*context["sections"], *context["recently_reviewed"], *context["articles"])
        return context

    def reviewed_articles(self, count: int = 6) -> dict:
        """The latest articles to be reviewed whose review is still current, as "Recently
        reviewed". An article past its next review date is not among them: it is due for
        review, not recently reviewed. With none current, the latest reviewed articles are
        listed instead (`articles`) under a heading that claims nothing, each saying it is
        due for review. One query either way; each listed article's tag keeps the cached
        page no longer than until it falls due (pages/templatetags/review_tags.py)."""
        from pages.review import stamp

        from .article import ArticlePage

        latest = list(
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .filter(last_reviewed_on__isnull=False)
            .annotate(
                current=models.Case(
                    models.When(stamp.not_due(stamp.today()), then=True),
                    default=False,
                    output_field=models.BooleanField(),
                )
            )
            .order_by("-current", "-last_reviewed_on", "title")[:count]
        )
        current = [article for article in latest if article.current]
        return {"recently_reviewed": current, "articles": [] if current else latest}

    def route(self, request, path_components):
        """The page at a path in one query, not one per level of the tree as Wagtail's own
        route walks it. No page type of the portal routes sub-paths of its own, so the page
        whose URL path matches is the page Wagtail would find; a path that matches none goes
        Wagtail's way (to its 404).

        The page found is kept for the next anonymous reader of the address until anything is
        invalidated (portal/cache/routes.py). The home page itself is served as read now:
        this instance may be the one the site lookup keeps (portal/cache/site_lookup.py),
        current for what readers see but not for the draft state an editor's user bar
        shows."""
        from portal.cache import routes

        if not path_components:
            return super(HomePage, type(self).objects.get(pk=self.pk)).route(request, [])
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        kept = routes.find(request, (self.pk, url_path))
        if kept is not None:  # an anonymous reader, nothing invalidated since it was found
            return kept.route(request, [])
        found = (
            Page.objects.filter(
                slug=path_components[-1],
                url_path=url_path,
                path__startswith=self.path,
                depth=self.depth + len(path_components),
            )
            .values_list("pk", "content_type_id")
            .first()
        )
        model = found and ContentType.objects.get_for_id(found[1]).model_class()
        if model is None:  # no such page, or of a type no longer in the code
            return super().route(request, path_components)
        page = model._default_manager.get(pk=found[0])
        routes.keep(request, (self.pk, url_path), page)
        return page.route(request, [])
