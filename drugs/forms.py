"""Admin form pieces for the record forms, sturdy against requests the editor never sends
(crafted or garbled ones): they get the form back with its errors, never a server error."""

from django.apps import apps
from django.core.exceptions import ValidationError

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel
from wagtail.snippets.widgets import AdminSnippetChooser


class ParentClassChooser(AdminSnippetChooser):
    """The snippet chooser for a drug class's parent.

    To redraw a form that did not validate, Wagtail's chooser looks the posted value up as an
    id, and fails when it is not a number. This one redraws empty instead, under the form's
    "Select a valid choice" error."""

    def __init__(self, **kwargs):
        super().__init__(model=apps.get_model("drugs", "DrugClass"), **kwargs)

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError):
            return None


class CheckedChildFormSet(BaseChildFormSet):
    """django-modelcluster reads each existing row's id as it comes, and fails when it is
    missing or not a number. Here such a row makes the form invalid instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable_rows = []
        if not self.is_bound:
            return
        self.data = self.data.copy()
        pk_name = self.model._meta.pk.name
        # Rows are only ever built up to the total count (which Django caps), but the
        # initial count is as posted: a huge one must not make this loop run for ever.
        for index in range(min(self.initial_form_count(), self.total_form_count())):
            key = f"{self.add_prefix(index)}-{pk_name}"
            row_id = self.data.get(key, "")
            if not (row_id.isascii() and row_id.isdigit()):
                self.data[key] = ""  # so that the row's form can be built, and shown again
                self.unreadable_rows.append(index)

    def clean(self):
        if self.unreadable_rows:
            raise ValidationError(
                "A row here could not be read, so nothing was saved. Reload the page and "
                "make the change again."
            )
        super().clean()


class CheckedInlinePanel(InlinePanel):
    """An InlinePanel whose rows are read by CheckedChildFormSet."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = CheckedChildFormSet
        return options
