"""The search results page and the autocomplete endpoint."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.cache import tags

from . import counts, engine
from .query import clean_query

PER_PAGE = 20


@require_safe
def search(request):
    kind = request.GET.get("type", "")
    kind = kind if kind in engine.KINDS else ""
    outcome = engine.search(
        request.GET.get("q", ""), kind or None, as_typed=request.GET.get("as_typed") == "1"
    )
    if outcome.query:  # for editors' reports (counts.py)
        counts.count(outcome.query, sum(outcome.counts.values()))
    page = Paginator(outcome.results, PER_PAGE).get_page(request.GET.get("page"))
    response = render(
        request,
        "search/search.html",
        {
            "search_query": outcome.query,
            "outcome": outcome,
            "results": page,
            "kind": kind,
            "kinds": [
                {"key": key, "label": label, "count": outcome.counts.get(key, 0)}
                for key, label in engine.KINDS.items()
            ],
            "total": sum(outcome.counts.values()),
            "promotions": outcome.promotions,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def autocomplete(request):
    query = clean_query(request.GET.get("q", ""))
    # Suggestions are kept by the anonymous page cache until anything is published. (The
    # results page is not: it counts every search for the editors' search-terms report.)
    tags.add("search")
    response = JsonResponse({"query": query, "suggestions": engine.autocomplete(query)})
    response["X-Robots-Tag"] = "noindex"
    return response
