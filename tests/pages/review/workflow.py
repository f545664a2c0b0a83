"""Helpers that walk content through the "Medical review" workflow as people do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page

from pages.review.models import ReviewerProfile
from pages.review.rules import current_workflow_state, latest_revision

AUTHORS, REVIEWERS = "Medical authors", "Medical reviewers"


def person(username, group=None, *, profile=False, **fields):
    """A user in the group; `profile=True` gives them the reviewer profile that approving
    needs."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw", **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if profile:
        ReviewerProfile.objects.get_or_create(
            user=user, defaults={"display_name": user.get_full_name() or username}
        )
    return user


def edit(obj, user, **changes):
    """Save a new draft revision with these changes, as the edit form would."""
    obj = obj.specific if isinstance(obj, Page) else obj
    obj = latest_revision(obj).as_object()  # the newest, even if `obj` was read before it
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.save_revision(user=user)
    return obj


def submit(obj, user):
    """Submit the latest revision to the object's workflow."""
    obj.get_workflow().start(obj, user)
    return current_workflow_state(obj)


def act(obj, user, action, comment=""):
    """Take a task action (approve, reject, reconfirm) as this user."""
    state = current_workflow_state(obj)
    task_state = state.current_task_state
    task = task_state.task.specific
    kwargs = {"comment": comment} if comment else {}
    return task.on_action(task_state.specific, user, action, **kwargs)
