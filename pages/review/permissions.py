"""Nobody publishes medical content directly, not even an administrator: it goes live only
when the "Medical review" workflow approves it (finish.py publishes without this check)."""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy


class ReviewedPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False


class ReviewedRecordPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "publish":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "publish"]
        if not actions:
            return super().users_with_any_permission(["__none__"]).none()
        return super().users_with_any_permission(actions)
