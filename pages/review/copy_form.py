"""The page copy form without "Publish copies" or "Alias" (issue 13, finding 6).

Wagtail offers both to whoever holds the publish permission for pages in general, which a
superuser always does; either would put content live without Medical review (an alias of a
live page is live at once, and stays live through every later change). A copy is a draft,
reviewed like any other page."""

from wagtail.admin.forms.pages import CopyForm

PUBLISHING_FIELDS = ("publish_copies", "alias")


class ReviewedCopyForm(CopyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PUBLISHING_FIELDS:
            self.fields.pop(name, None)
