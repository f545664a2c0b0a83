"""Admin hooks for the medical review workflow: audit log actions, the two-person rule
message, and the rule that nobody publishes medical records directly."""

from django.contrib import messages

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from drugs.models import Condition, Drug, DrugClass

from .permissions import ReviewedRecordPermissionPolicy
from .rules import current_workflow_state, two_person_rule_blocks

for model in (Drug, DrugClass, Condition):
    register_permission_policy(model, ReviewedRecordPermissionPolicy(model))


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        "portal.review.approve", "Medically reviewed", "Medically reviewed and stamped"
    )
    actions.register_action(
        "portal.review.reconfirm", "Re-confirmed", "Medically reviewed, no changes"
    )


def _warn_if_reviewer_cannot_approve(request, obj):
    state = current_workflow_state(obj)
    if state is None or state.current_task_state is None:
        return
    task = state.current_task_state.task.specific
    user = request.user
    if not (user.is_superuser or getattr(task, "_user_in_groups", lambda u: False)(user)):
        return
    reason = two_person_rule_blocks(obj, user)
    if reason and request.method == "GET":
        messages.warning(request, reason)


@hooks.register("before_edit_page")
def warn_on_page(request, page):
    _warn_if_reviewer_cannot_approve(request, page.specific)


@hooks.register("before_edit_snippet")
def warn_on_snippet(request, instance):
    if isinstance(instance, (Drug, DrugClass, Condition)):
        _warn_if_reviewer_cannot_approve(request, instance)
