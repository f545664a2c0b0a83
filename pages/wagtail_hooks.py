from wagtail.snippets.models import register_snippet

# Imported for the admin hooks they register.
from .review import admin_hooks, editor_messages  # noqa: F401
from .review import hooks as review_hooks  # noqa: F401  (registers the review workflow hooks)
from .viewsets import PageFurnitureViewSetGroup

register_snippet(PageFurnitureViewSetGroup)
