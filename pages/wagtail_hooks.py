from wagtail.snippets.models import register_snippet

from .viewsets import PageFurnitureViewSetGroup

register_snippet(PageFurnitureViewSetGroup)
