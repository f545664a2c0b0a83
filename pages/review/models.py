"""Who reviews, and the workflow task that lets them approve."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

from .forms import ApproveWithNoteForm, HandoverForm, RequestChangesForm
from .handover import hand_over
from .roles import has_reviewer_profile
from .rules import latest_revision, two_person_rule_blocks, unchanged_since_live

# Set on request.user by the editor's hooks (editor_actions.py) around a footer action.
EDITOR_ACTION, REFUSED = "_review_action_in_editor", "_review_action_refused"


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
        """The reviewer's profile; none is made on the fly, so no stamp names an account."""
        try:
            return cls.objects.get(user_id=user.pk)
        except cls.DoesNotExist:
            raise PermissionDenied(f"{user} has no reviewer profile.") from None


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval in which nobody approves their own work.

    Only members of the task's groups act on it; a superuser outside them has no action at
    all. Reviewers with a reviewer profile may approve, approve with a note of what changed,
    or re-confirm content that has not changed since it went live; any of them may send it
    back with a comment. A reviewer kept from approving by the two-person rule may hand the
    item on to the reviewers who can. The rules are enforced here (not only by hiding
    buttons), so a crafted request is refused too."""

    REJECT = ("reject", "Request changes", True)
    APPROVE = ("approve", "Approve", False)
    APPROVE_WITH_NOTE = ("approve", "Approve with a note of what changed", True)
    RECONFIRM = ("reconfirm", "Reviewed, no changes", False)
    HANDOVER = ("handover", "Ask another reviewer to approve", True)
    APPROVALS = ("approve", "reconfirm")

    def _user_in_groups(self, user):
        return bool(user.is_active) and super()._user_in_groups(user)

    def user_can_access_editor(self, obj, user):
        return self._user_in_groups(user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def approval_unavailable(self, obj, user) -> str:
        """Why this user may not approve this content now ('' when they may)."""
        if not self._user_in_groups(user):
            return "Only medical reviewers may approve medical content."
        if not has_reviewer_profile(user):
            return (
                "You have no reviewer profile, so your approval could not name you. A site "
                "administrator can add one under Page furniture → Reviewer profiles."
            )
        if unchanged_since_live(obj):
            return ""
        return two_person_rule_blocks(obj, user)

    def get_actions(self, obj, user):
        if not self._user_in_groups(user):
            return []
        actions = [self.REJECT]
        if not has_reviewer_profile(user):
            return actions
        if unchanged_since_live(obj):
            return [*actions, self.RECONFIRM]
        if two_person_rule_blocks(obj, user):
            return [*actions, self.HANDOVER]
        return [*actions, self.APPROVE, self.APPROVE_WITH_NOTE]

    # The modal form of each action that asks for words; each field is named `comment`.
    ACTION_FORMS = {
        "approve": ApproveWithNoteForm,
        "reject": RequestChangesForm,
        "handover": HandoverForm,
    }

    def get_form_for_action(self, action):
        return self.ACTION_FORMS.get(action) or super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific
        allowed = {name for name, _, _ in self.get_actions(obj, user)}
        if action_name not in allowed:
            reason = self.approval_unavailable(obj, user) if action_name in self.APPROVALS else ""
            reason = reason or f"You may not {action_name} this content."
            if getattr(user, EDITOR_ACTION, False):
                # From the editor: the edit is saved, the refusal shown (editor_actions.py).
                setattr(user, REFUSED, reason)
                return None
            raise PermissionDenied(reason)
        comment = kwargs.get("comment", "") or ""
        if action_name in self.APPROVALS:
            # Approve what the reviewer saw: the newest revision. The editor saves one as it
            # approves, which changes nothing a reader sees (or approval was refused above).
            task_state.revision = latest_revision(obj)
            task_state.save(update_fields=["revision"])
            task_state.approve(user=user, comment=comment)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)
        elif action_name == "handover":
            hand_over(obj, user, comment)
        return None  # the view's own redirect: a task state is no address

    @classmethod
    def get_description(cls):
        return "Medical reviewers approve content; nobody approves their own submission or edits."

    class Meta:
        verbose_name = "medical review task"
        verbose_name_plural = "medical review tasks"
