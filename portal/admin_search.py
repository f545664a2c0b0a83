"""Admin listing search that survives any query.

SQLite's full-text search rejects an unbalanced double quote with an error; Wagtail's
snippet listings pass the editor's words straight to it. Clean them first, as the public
search does."""

from django.utils.functional import cached_property

from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from portal.search import clean_query


class SafeSearchIndexView(IndexView):
    @cached_property
    def search_query(self):
        return clean_query(super().search_query or "")


class SafeSearchSnippetViewSet(SnippetViewSet):
    index_view_class = SafeSearchIndexView
