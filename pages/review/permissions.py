"""Nobody publishes medical content directly, not even an administrator: it goes live only
when the "Medical review" workflow approves it (finish.py publishes without this check).

Taking it down again is the emergency takedown (takedown.py): a medical reviewer may
unpublish any live page or record at once, giving a reason, whoever else holds a lock on it."""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

from .roles import may_take_down

UNPUBLISH = (
    "unpublish"  # the records' action for a takedown (a policy action, not a Django permission)
)


class ReviewedPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False

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
