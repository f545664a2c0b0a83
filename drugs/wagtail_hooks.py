from wagtail.snippets.models import register_snippet

from .viewsets import MedicinesViewSetGroup

register_snippet(MedicinesViewSetGroup)
