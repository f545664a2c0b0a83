"""Nobody publishes medical content directly, not even an administrator: it goes live only
when the "Medical review" workflow approves it (finish.py publishes without this check).

Privacy (Wagtail asks can_publish, so nobody could make a page private) is for site
administrators: superusers, and whoever is given PRIVACY_PERMISSION in Settings → Groups.

Taking content down again is the emergency takedown (takedown.py): a medical reviewer may
unpublish any live page or record at once, giving a reason, whoever else holds a lock on it."""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

from .roles import may_take_down

# The records' policy action for a takedown (not a Django permission: nobody is granted it).
UNPUBLISH = "unpublish"
# "Can change page view restriction", offered in the group editor (pages/wagtail_hooks.py).
PRIVACY_PERMISSION = "wagtailcore.change_pageviewrestriction"


class ReviewedPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False

    def can_set_view_restrictions(self):
        return (
            self.user.is_active and not self.page_is_root and self.user.has_perm(PRIVACY_PERMISSION)
        )

    def can_unpublish(self):
        return (
            self.user.is_active
            and self.page.live
            and not self.page_is_root
            and may_take_down(self.user)
        )


class ReviewedRecordPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "publish":
            return False
        if action == UNPUBLISH:
            return may_take_down(user)
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("publish", UNPUBLISH)]
        if not actions:
            return super().users_with_any_permission(["__none__"]).none()
        return super().users_with_any_permission(actions)
