from wagtail.models import Page


class BasePage(Page):
    """Shared by every page type of the portal."""

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
        """Wagtail's check on every page it serves; while no page anywhere is private, it is
        answered from the cache without its two queries (portal/cache/restrictions.py)."""
        from wagtail.models import PageViewRestriction

        from portal.cache import restrictions

        if restrictions.none_anywhere():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

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
