"""Admin hooks for the medical review workflow: audit log actions, the editor's word on why
this reviewer cannot approve (and who can), and the rule that nobody publishes medical
records directly."""

from django.contrib import messages

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from drugs.models import Condition, Drug, DrugClass

from . import editor_actions  # noqa: F401  (registers the editor's footer-action hooks)
from .handover import eligible_reviewers
from .permissions import ReviewedRecordPermissionPolicy
from .roles import reviewer_groups
from .rules import current_workflow_state

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
    actions.register_action(
        "portal.review.handover", "Handed to other reviewers", "Asked other reviewers to approve"
    )


def who_else(obj, user) -> str:
    """What the reviewer can do instead: the reviewers who may approve, or how to get one."""
    names = [str(reviewer.reviewer_profile) for reviewer in eligible_reviewers(obj, user)]
    if names:
        return (
            f"Reviewers who can approve it: {', '.join(names)}. Choose “Ask another reviewer "
            "to approve” to email them; they find it under “Awaiting your review”."
        )
    groups = ", ".join(group.name for group in reviewer_groups()) or "the reviewers' group"
    return (
        "No other medical reviewer can approve it yet. Ask a site administrator to add a "
        f"second reviewer: a user in {groups} (Settings → Groups) with a reviewer profile "
        "(Page furniture → Reviewer profiles)."
    )


def _warn_if_reviewer_cannot_approve(request, obj):
    if request.method != "GET":
        return
    state = current_workflow_state(obj)
    if state is None or state.current_task_state is None:
        return
    task = state.current_task_state.task.specific
    if not hasattr(task, "approval_unavailable") or not task._user_in_groups(request.user):
        return
    reason = task.approval_unavailable(obj, request.user)
    if reason:
        messages.warning(request, f"{reason} {who_else(obj, request.user)}")


@hooks.register("before_edit_page")
def warn_on_page(request, page):
    _warn_if_reviewer_cannot_approve(request, page.specific)


@hooks.register("before_edit_snippet")
def warn_on_snippet(request, instance):
    if isinstance(instance, (Drug, DrugClass, Condition)):
        _warn_if_reviewer_cannot_approve(request, instance)
