"""Editors' promoted results for a search, as readers see them: Wagtail's promoted pages and
external links (Settings → Promoted search results) in their order, then promoted records
(Settings → Promoted records, portal.models.RecordPromotion) in theirs.

A promotion never shows what the reader could not open: a page only while it is live,
public (no view restriction on it or above it) and inside a site; a record only while it is
live. Promotions are kept with a query's results (results_cache.py): saving or deleting
one, and publishing, unpublishing or restricting what it points at, starts the results
cache afresh (portal/cache/invalidation.py)."""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from portal.models import RecordPromotion


@dataclass
class Promotion:
    """A promoted result, as shown."""

    link: str
    title: str
    description: str


def promotions(query: str) -> list[Promotion]:
    """For the query however it was typed ('  ARTHRITIS ' is 'arthritis')."""
    query_string = normalise_query_string(query)
    shown = _pages_and_links(query_string) + _records(query_string)
    unique = {}
    for promotion in shown:
        unique.setdefault(promotion.link, promotion)
    return list(unique.values())


def _pages_and_links(query_string: str) -> list[Promotion]:
    found = list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = [promotion.page_id for promotion in found if promotion.page_id]
    public = (
        set(Page.objects.filter(pk__in=page_ids).live().public().values_list("pk", flat=True))
        if page_ids
        else set()
    )
    shown = []
    for promotion in found:
        if promotion.page_id is not None:
            if promotion.page_id not in public:
                continue
            link = promotion.page.url  # None outside every site: no address to link to
        else:
            link = promotion.external_link_url
        if link:
            shown.append(Promotion(link, promotion.title or "", promotion.description))
    return shown


def _records(query_string: str) -> list[Promotion]:
    found = RecordPromotion.objects.filter(query_string=query_string).select_related(
        "drug", "drug_class", "condition"
    )
    return [
        Promotion(promotion.record.get_url(), promotion.title, promotion.description)
        for promotion in found
        if promotion.record is not None and promotion.record.live
    ]
