"""A reviewer's request for changes, in plain view when the editor is reopened.

Wagtail keeps the reviewer's comment under Status → View details, where an author who opens
the editor to make the changes does not see it. While an item waits for those changes, its
editor (a page's or a record's) opens with a message that names the reviewer, quotes what
they asked for, and says how to send the item back for review. Once it is resubmitted, the
message goes."""

from django.contrib import messages
from django.utils import formats, timezone

from wagtail import hooks
from wagtail.models import TaskState, WorkflowState


def changes_requested(obj) -> TaskState | None:
    """The task state in which a reviewer asked for changes, while the item waits for them."""
    state = getattr(obj, "current_workflow_state", None)  # the in progress or waiting one
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_REJECTED:
        return None
    return task_state


def reviewer_name(user) -> str:
    """The name the reviewer's stamps carry, else their account's name."""
    from .models import ReviewerProfile

    if user is None:
        return "a medical reviewer"
    profile = ReviewerProfile.objects.filter(user_id=user.pk).first()
    return str(profile) if profile else (user.get_full_name() or user.get_username())


def changes_requested_message(task_state: TaskState) -> str:
    when = formats.date_format(timezone.localtime(task_state.finished_at), "j F Y, H:i")
    comment = (task_state.get_comment() or "").strip()
    said = f": “{comment}”" if comment else "."
    return (
        f"Changes requested by {reviewer_name(task_state.finished_by)} on {when}{said} "
        f"Make the changes, then choose “Resubmit to {task_state.task.name}” from the "
        "footer's action menu."
    )


def show_changes_requested(request, obj) -> None:
    if request.method != "GET":
        return
    task_state = changes_requested(obj)
    if task_state is not None:
        messages.warning(request, changes_requested_message(task_state))


@hooks.register("before_edit_page")
def on_page_editor(request, page):
    show_changes_requested(request, page)


@hooks.register("before_edit_snippet")
def on_record_editor(request, instance):
    show_changes_requested(request, instance)
