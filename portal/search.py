"""Site search: one query over live articles and pages and the drug, class and condition
records, through Wagtail's search backend (see WAGTAILSEARCH_BACKENDS)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wagtail.models import Page
from wagtail.search.query import PlainText

from drugs.models import Condition, Drug, DrugClass

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
PER_KIND = 50


def clean_query(raw: str) -> str:
    """Printable characters only, single-spaced, at most MAX_QUERY_LENGTH long.

    Double quotes go too: SQLite's full-text search fails on an unbalanced one."""
    printable = "".join(ch if ch.isprintable() and ch != '"' else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def _record_results(query: str) -> list[dict]:
    results = []
    query = PlainText(query)
    drugs = Drug.objects.live().prefetch_related("brand_names")
    for drug in drugs.search(query)[:PER_KIND]:
        brands = ", ".join(str(b) for b in drug.brand_names.all())
        results.append(
            {
                "kind": "Drug",
                "title": drug.display_name,
                "url": drug.get_url(),
                "summary": drug.summary,
                "extra": f"Brand names: {brands}" if brands else "",
                "last_reviewed_on": drug.last_reviewed_on,
            }
        )
    for drug_class in DrugClass.objects.live().search(query)[:PER_KIND]:
        results.append(
            {
                "kind": "Drug class",
                "title": drug_class.name,
                "url": drug_class.get_url(),
                "summary": drug_class.summary,
                "last_reviewed_on": drug_class.last_reviewed_on,
            }
        )
    conditions = Condition.objects.live().prefetch_related("synonyms")
    for condition in conditions.search(query)[:PER_KIND]:
        synonyms = ", ".join(s.name for s in condition.synonyms.all())
        results.append(
            {
                "kind": "Condition",
                "title": condition.name,
                "url": condition.get_url(),
                "summary": condition.summary,
                "extra": f"Also called: {synonyms}" if synonyms else "",
                "last_reviewed_on": condition.last_reviewed_on,
            }
        )
    return results


def _page_results(query: str) -> list[dict]:
    pages = Page.objects.live().public().exclude(depth__lte=2).specific().search(PlainText(query))
    return [
        {
            "kind": page.specific_class._meta.verbose_name.capitalize(),
            "title": page.title,
            "url": page.url,
            "summary": getattr(page, "meta_description", ""),
            "last_reviewed_on": getattr(page, "last_reviewed_on", None),
        }
        for page in pages[:PER_KIND]
    ]


@require_safe
def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = _record_results(query) + _page_results(query) if query else []
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    response = render(request, "search/search.html", {"search_query": query, "results": page})
    response["X-Robots-Tag"] = "noindex"
    return response
