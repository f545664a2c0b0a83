"""Who is a medical reviewer, decided by the workflow itself, never by a group's name.

A medical reviewer is an active user in one of the groups of an active "Medical review" task
(Settings → Workflows → Tasks). Renaming a group, or choosing another one for the task,
changes who reviews, with no code to update. Being a superuser makes nobody a reviewer:
approval certifies a clinician's check, which an administrator account does not give.
To approve, a reviewer also needs a reviewer profile (the name their stamps carry)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

CACHE_ATTR = "_medical_reviewer"


def reviewer_groups():
    """The groups named by any active medical review task."""
    return Group.objects.filter(medicalreviewtask__active=True).distinct()


def is_medical_reviewer(user) -> bool:
    """Whether the user is in a reviewers' group of an active medical review task. The
    answer is kept on the user object, which lives as long as the request."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if not hasattr(user, CACHE_ATTR):
        setattr(user, CACHE_ATTR, user.groups.filter(pk__in=reviewer_groups()).exists())
    return getattr(user, CACHE_ATTR)


def may_take_down(user) -> bool:
    """Who may take live content off the site at once, with a reason (takedown.py): the
    medical reviewers, who answer for what the site says."""
    return is_medical_reviewer(user)


def has_reviewer_profile(user) -> bool:
    from .models import ReviewerProfile

    return ReviewerProfile.objects.filter(user_id=user.pk).exists()


def medical_reviewers():
    """Every active medical reviewer, whether or not they have a profile yet."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=reviewer_groups())
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
