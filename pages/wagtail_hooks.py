from django.contrib.auth.models import Permission

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .review import (
    admin_hooks,  # noqa: F401
    buttons,  # noqa: F401  (no Publish button on medical content)
    editor_messages,  # noqa: F401  (a reviewer's request for changes, on reopening)
    takedown,  # noqa: F401  (the reviewers' emergency takedown)
)
from .review import hooks as review_hooks  # noqa: F401  (registers the review workflow hooks)
from .viewsets import PageFurnitureViewSetGroup

register_snippet(PageFurnitureViewSetGroup)


@hooks.register("register_permissions")
def page_privacy_permission():
    """Settings → Groups offers "Can change page view restriction": whoever has it may make
    pages private (pages/review/permissions.py), as superusers may."""
    return Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="change_pageviewrestriction"
    )
