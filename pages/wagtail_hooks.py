from wagtail.snippets.models import register_snippet

from .review import (
    admin_hooks,  # noqa: F401
    buttons,  # noqa: F401  (no Publish button on medical content)
    takedown,  # noqa: F401  (the reviewers' emergency takedown)
)
from .review import hooks as review_hooks  # noqa: F401  (registers the review workflow hooks)
from .viewsets import PageFurnitureViewSetGroup

register_snippet(PageFurnitureViewSetGroup)
