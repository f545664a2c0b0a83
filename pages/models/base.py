from wagtail.models import Page

from pages.review.copy_form import ReviewedCopyForm


class BasePage(Page):
    """Shared by every page type of the portal."""

    copy_form_class = ReviewedCopyForm  # copies are drafts: no "Publish copies", no alias

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from portal.cache import tags

        context = super().get_context(request, *args, **kwargs)
        tags.add_page(self)  # the anonymous page cache: this page and its place in the tree
        return context

    @property
    def meta_description(self) -> str:
        return self.search_description or getattr(self, "summary", "") or ""

    def get_view_restrictions(self):
        """Wagtail's check on every page it serves, in one query: the restrictions on this
        page and its ancestors, found by their tree paths (which this page's own path
        spells out) rather than by first fetching the ancestors. Nothing is cached: a page
        made private is private on the next request, whatever a cache missed."""
        from wagtail.models import PageViewRestriction

        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        return PageViewRestriction.objects.filter(page__path__in=paths)

    def permissions_for_user(self, user):
        from pages.review.permissions import ReviewedPagePermissionTester

        return ReviewedPagePermissionTester(user, self)

    def breadcrumbs(self):
        """Ancestors a reader can follow back, from the home page down (not the root). Each
        is named in the page cache's tags: renaming a section reaches its pages' crumbs."""
        from portal.cache import tags

        crumbs = list(self.get_ancestors().filter(depth__gt=1).specific(defer=True))
        tags.add_objects(*(crumb for crumb in crumbs if crumb.depth > 2))  # not "Home"
        return crumbs
