"""Who reviews, and the workflow task that lets them approve."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask

from .rules import two_person_rule_blocks, unchanged_since_live


class ReviewerProfile(models.Model):
    """How a medical reviewer is named on the stamps they give."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    display_name = models.CharField(max_length=120, help_text="e.g. 'Dr Amina Okafor'.")
    credentials = models.CharField(
        max_length=60, blank=True, help_text="Post-nominal letters, e.g. 'MD', 'PharmD', 'RN'."
    )

    panels = [FieldPanel("user"), FieldPanel("display_name"), FieldPanel("credentials")]

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name

    @classmethod
    def for_user(cls, user) -> "ReviewerProfile":
        profile, _ = cls.objects.get_or_create(
            user=user, defaults={"display_name": user.get_full_name() or user.get_username()}
        )
        return profile


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval in which nobody approves their own work.

    Reviewers may approve, approve with a note of what changed, re-confirm content that has
    not changed since it went live, or send it back with a comment. The two-person rule is
    enforced here (not only by hiding buttons), so a crafted request is refused too."""

    REJECT = ("reject", "Request changes", True)
    APPROVE = ("approve", "Approve", False)
    APPROVE_WITH_NOTE = ("approve", "Approve with a note of what changed", True)
    RECONFIRM = ("reconfirm", "Reviewed, no changes", False)

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        actions = [self.REJECT]
        if unchanged_since_live(obj):
            actions.append(self.RECONFIRM)
        elif not two_person_rule_blocks(obj, user):
            actions += [self.APPROVE, self.APPROVE_WITH_NOTE]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        allowed = {name for name, _, _ in self.get_actions(obj, user)}
        if action_name not in allowed:
            raise PermissionDenied(f"{user} may not {action_name} this content.")
        if action_name == "reconfirm":
            return task_state.approve(user=user, comment=kwargs.get("comment", ""))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Medical reviewers approve content; nobody approves their own submission or edits."

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"
