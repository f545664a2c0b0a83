"""Admin listing search that survives any query.

SQLite's full-text search rejects an unbalanced double quote with an error; Wagtail's
snippet listings pass the editor's words straight to it. Clean them first, as the public
search does.

Wagtail also passes a listing's sort order to the search backend, which can only sort by
a model's FilterFields: searching, then sorting by any other column (?q=humi&ordering=
generic_name) failed with a server error. While searching, such an order gives way to
relevance."""

from django.utils.functional import cached_property

from wagtail.search.index import class_is_indexed
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from portal.search import clean_query


class SafeSearchIndexView(IndexView):
    @cached_property
    def search_query(self):
        return clean_query(super().search_query or "")

    def get_ordering(self):
        ordering = super().get_ordering()
        if self.is_searching and not self._search_can_sort_by(ordering):
            return None
        return ordering

    @cached_property
    def is_explicitly_ordered(self):
        return super().is_explicitly_ordered and self.ordering is not None

    def _search_can_sort_by(self, ordering) -> bool:
        if not class_is_indexed(self.model):
            return True  # searched in the database, which sorts by anything
        names = [ordering] if isinstance(ordering, str) else list(ordering or [])
        if not hasattr(self.model, "get_filterable_search_fields"):
            return True  # not indexed (reviewer profiles): searched in the database, any order
        sortable = {field.field_name for field in self.model.get_filterable_search_fields()}
        return all(name.lstrip("-") in sortable for name in names)


class SafeSearchSnippetViewSet(SnippetViewSet):
    index_view_class = SafeSearchIndexView
