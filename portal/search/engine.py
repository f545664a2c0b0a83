"""One search over articles, drugs (generic and brand names), drug classes and conditions.

Ranking, in tiers a reader would expect:
1. exact names: a brand or generic name, a class name, a condition name, an "also called"
   synonym or an ICD-10-CM code;
2. what the exact match leads to: a drug's classes, a condition's drugs and their classes, a
   class's sub-classes and member drugs, then articles that cover any of them;
3. Wagtail's full-text search (the backend set in WAGTAILSEARCH_BACKENDS) over each type;
4. when nothing matches, "did you mean" from our own vocabulary (suggest.py), and the
   corrected query's results when the correction is clear.
Only live, public content is ever returned."""

import re
import time
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.core.cache import cache
from django.db.models import Q
from django.db.models.functions import Lower

from wagtail.models import Page
from wagtail.search.query import PlainText

from drugs.models import BrandName, Condition, ConditionSynonym, Drug, DrugClass
from pages.models import ArticlePage

from . import results_cache
from .promotions import Promotion, promotions
from .query import clean_query, icd10_variants, normalise
from .suggest import VERSION_KEY, VOCABULARY_TTL, suggest

PER_KIND = 50  # what an exact match leads to, per kind
FULL_TEXT_PER_KIND = 25  # the best full-text matches of each type (each is a model instance)
KINDS = {
    "drug": "Drugs",
    "drug_class": "Drug classes",
    "condition": "Conditions",
    "article": "Articles",
}


@dataclass
class Result:
    kind: str
    title: str
    record: object  # the drug, class, condition or page
    summary: str = ""
    extra: str = ""
    last_reviewed_on: object = None
    key: tuple = ()
    next_review_due: object = None  # from that day its review tag says "due for review"

    @cached_property
    def url(self) -> str:
        """Worked out only for the results a page shows: a Wagtail page's URL needs its
        site's root paths, and a search may rank a couple of hundred results."""
        return self.record.url if self.kind == "article" else self.record.get_url()

    @property
    def kind_label(self) -> str:
        return {"drug": "Drug", "drug_class": "Drug class", "condition": "Condition"}.get(
            self.kind, "Article"
        )


@dataclass
class SearchOutcome:
    query: str
    results: list[Result] = field(default_factory=list)
    corrected_query: str = ""  # results are for this instead of the query
    suggestion: str = ""  # "did you mean", when results exist but may be off
    counts: dict = field(default_factory=dict)
    promotions: list[Promotion] = field(default_factory=list)  # for the query as typed


# --- result builders ------------------------------------------------------------------------


def _drug_result(drug) -> Result:
    """The brand names are added by _complete(), for all drug results at once."""
    return Result(
        "drug",
        drug.display_name,
        drug,
        drug.summary,
        "",
        drug.last_reviewed_on,
        ("drug", drug.pk),
        drug.next_review_due,
    )


def _class_result(drug_class) -> Result:
    return Result(
        "drug_class",
        drug_class.name,
        drug_class,
        drug_class.summary,
        f"Also called: {drug_class.also_called}" if drug_class.also_called else "",
        drug_class.last_reviewed_on,
        ("drug_class", drug_class.pk),
        drug_class.next_review_due,
    )


def _condition_result(condition) -> Result:
    """The synonyms are added by _complete(), for all condition results at once."""
    return Result(
        "condition",
        condition.name,
        condition,
        condition.summary,
        "",
        condition.last_reviewed_on,
        ("condition", condition.pk),
        condition.next_review_due,
    )


def _page_result(page) -> Result:
    """For an article loaded as a plain page, _complete() adds its summary and review date
    (loading it as a specific page would read and parse its whole body as well)."""
    if isinstance(page, ArticlePage):
        summary, reviewed, due = page.summary, page.last_reviewed_on, page.next_review_due
    else:
        summary, reviewed, due = "", None, None
    description = page.search_description or summary or ""
    return Result("article", page.title, page, description, "", reviewed, ("page", page.pk), due)


def _results(build, records) -> list[Result]:
    return [build(record) for record in records]


def _complete(results: list[Result]) -> None:
    """Brand names, synonyms and article fields for the results, one query per kind. (Not
    prefetch_related: django-modelcluster's relation managers clone a queryset per
    instance, which cost more than the search's SQL.)"""
    by_kind: dict[str, dict[int, Result]] = {}
    for result in results:
        by_kind.setdefault(result.kind, {})[result.key[1]] = result
    drugs = by_kind.get("drug", {})
    brands = _names_by_owner(BrandName, "drug_id", drugs, ("name", "mark"))
    for pk, result in drugs.items():
        if brands.get(pk):
            result.extra = f"Brand names: {', '.join(brands[pk])}"
    conditions = by_kind.get("condition", {})
    synonyms = _names_by_owner(ConditionSynonym, "condition_id", conditions, ("name",))
    for pk, result in conditions.items():
        code = result.record.icd10_code
        parts = [
            f"Also called: {', '.join(synonyms[pk])}" if synonyms.get(pk) else "",
            f"ICD-10-CM {code}" if code else "",
        ]
        result.extra = ", ".join(part for part in parts if part)
    plain = [
        pk for pk, r in by_kind.get("article", {}).items() if not isinstance(r.record, ArticlePage)
    ]
    if plain:
        rows = ArticlePage.objects.filter(pk__in=plain).values_list(
            "pk", "summary", "last_reviewed_on", "next_review_due"
        )
        for pk, summary, reviewed, due in rows:
            result = by_kind["article"][pk]
            result.summary = result.summary or summary or ""
            result.last_reviewed_on, result.next_review_due = reviewed, due


def _names_by_owner(model, owner_field, owner_ids, fields) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if not owner_ids:
        return names
    rows = (
        model.objects.filter(**{f"{owner_field}__in": list(owner_ids)})
        .order_by("sort_order", "pk")
        .values_list(owner_field, *fields)
    )
    for owner_id, *parts in rows:
        names.setdefault(owner_id, []).append("".join(parts))
    return names


# What a result shows of each record: loading only these skips the revision, workflow
# and review columns, which a search of a hundred results would otherwise read and convert.
RESULT_FIELDS = {
    Drug: ("generic_name", "slug", "summary", "last_reviewed_on", "next_review_due"),
    DrugClass: (
        "name",
        "slug",
        "summary",
        "also_called",
        "tree_path",
        "last_reviewed_on",
        "next_review_due",
    ),
    Condition: ("name", "slug", "summary", "icd10_code", "last_reviewed_on", "next_review_due"),
}


def _drugs():
    return Drug.objects.live().only(*RESULT_FIELDS[Drug])


def _conditions():
    return Condition.objects.live().only(*RESULT_FIELDS[Condition])


def _classes():
    return DrugClass.objects.live().only(*RESULT_FIELDS[DrugClass])


def _private_pages() -> Q:
    """Pages in private sections (view restrictions). Wagtail's `public()` reads the
    restrictions each time it is called; a search asks once and reuses the answer."""
    return Page.objects.all().private_q()


def _articles(private: Q):
    return ArticlePage.objects.live().exclude(private).defer("body")


# --- tiers ---------------------------------------------------------------------------------

ABBREVIATION = re.compile(r"^(?P<before>.*?)\s*\((?P<short>[^)]+)\)\s*(?P<after>.*)$")


def class_names(drug_class) -> set[str]:
    """Every name a reader may use for a class: 'Janus kinase (JAK) inhibitors' is also
    'JAK inhibitors' and 'Janus kinase inhibitors'; plus its 'also called' names."""
    names = {normalise(drug_class.name)}
    names |= {normalise(n) for n in drug_class.also_called.split(",") if n.strip()}
    match = ABBREVIATION.match(drug_class.name)
    if match:
        before, short, after = match["before"], match["short"], match["after"]
        names |= {normalise(f"{short} {after}"), normalise(f"{before} {after}")}
    return {singular(n) for n in names}


_class_index: dict = {"version": None, "built": 0.0, "names": {}}


def class_index() -> dict[str, list[int]]:
    """Every name of every live class → its ids; rebuilt when the vocabulary changes."""
    version = cache.get(VERSION_KEY)
    stale = time.monotonic() - _class_index["built"] > VOCABULARY_TTL
    if _class_index["version"] != version or stale or not _class_index["names"]:
        names: dict[str, list[int]] = {}
        for drug_class in _classes().only("pk", "name", "also_called"):
            for name in class_names(drug_class):
                names.setdefault(name, []).append(drug_class.pk)
        _class_index.update(version=version, built=time.monotonic(), names=names)
    return _class_index["names"]


def singular(name: str) -> str:
    """'TNF inhibitors' and 'TNF inhibitor', 'biologics' and 'biologic' match each other."""
    return " ".join(
        word[:-1] if len(word) > 3 and word.endswith("s") else word for word in name.split()
    )


def _exact(query: str) -> tuple[list, list, list]:
    """Records named exactly as the query. Each name is looked up on its own, so that on
    PostgreSQL every lookup uses its `UPPER(name)` index (migration portal 0002): one OR
    across a join would scan the whole table."""
    name = normalise(query)
    by_brand = list(BrandName.objects.filter(name__iexact=name).values_list("drug_id", flat=True))
    drugs = list(_drugs().filter(Q(generic_name__iexact=name) | Q(pk__in=by_brand)))
    class_ids = class_index().get(singular(name), ())
    classes = list(_classes().filter(pk__in=class_ids)) if class_ids else []
    by_synonym = list(
        ConditionSynonym.objects.filter(name__iexact=name).values_list("condition_id", flat=True)
    )
    conditions = list(
        _conditions().filter(
            Q(name__iexact=name) | Q(pk__in=by_synonym) | Q(icd10_code__in=icd10_variants(query))
        )
    )
    return drugs, classes, conditions


def _led_to(drugs, classes, conditions, private: Q) -> list[Result]:
    """What an exact match leads a reader to next."""
    results = []
    drug_ids = [d.pk for d in drugs]
    if drugs:
        results += [
            _class_result(c)
            for c in _classes().filter(drugs__in=drug_ids).distinct().order_by("tree_path")
        ]
    for drug_class in classes:
        results += [_class_result(c) for c in _classes().filter(parent=drug_class)]
        members = (
            _drugs()
            .filter(classes__tree_path__startswith=drug_class.tree_path, classes__live=True)
            .distinct()
            .order_by(Lower("generic_name"))
        )
        results += _results(_drug_result, members[:PER_KIND])
    if conditions:
        treating = Drug.objects.live().filter(conditions__in=conditions).values("pk")
        results += _results(
            _drug_result,
            _drugs().filter(pk__in=treating).order_by(Lower("generic_name"))[:PER_KIND],
        )
        results += [
            _class_result(c)
            for c in _classes().filter(drugs__in=treating).distinct().order_by("tree_path")
        ]
    # One subquery per kind of citation: ORing three joins multiplies the rows (an article
    # citing 20 classes and 50 conditions is 1,000 rows) before DISTINCT folds them again.
    cite = {
        "drugs": ("drug_id", drug_ids),
        "drug_classes": ("drugclass_id", [c.pk for c in classes]),
        "conditions": ("condition_id", [c.pk for c in conditions]),
    }
    cited = Q()
    for relation, (column, ids) in cite.items():
        if ids:
            through = getattr(ArticlePage, relation).through.objects
            cited |= Q(pk__in=through.filter(**{f"{column}__in": ids}).values("articlepage_id"))
    covering = _articles(private).filter(cited).order_by("title") if cited else []
    results += _results(_page_result, covering[:PER_KIND])
    return results


def _full_text(query: str, private: Q) -> list[Result]:
    """Every type's full-text matches, merged by the backend's relevance score."""
    text = PlainText(query)
    pages = Page.objects.live().exclude(private).filter(depth__gt=2)
    scored = []
    for order, (queryset, build) in enumerate(
        [
            (_drugs(), _drug_result),
            (_classes(), _class_result),
            (_conditions(), _condition_result),
            (pages, _page_result),
        ]
    ):
        matches = queryset.search(text).annotate_score("_score")[:FULL_TEXT_PER_KIND]
        for position, obj in enumerate(matches):
            score = getattr(obj, "_score", 0) or 0
            scored.append((-score, order, position, build(obj)))
    scored.sort(key=lambda item: item[:3])
    return [result for *_, result in scored]


def _prefix(query: str) -> list[Result]:
    """Half-typed words ('adali'): Wagtail's autocomplete over the names."""
    results = _results(_drug_result, _drugs().autocomplete(query)[:PER_KIND])
    results += _results(_class_result, _classes().autocomplete(query)[:PER_KIND])
    results += _results(_condition_result, _conditions().autocomplete(query)[:PER_KIND])
    return results


def _dedupe(results: list[Result]) -> list[Result]:
    seen, unique = set(), []
    for result in results:
        if result.key not in seen:
            seen.add(result.key)
            unique.append(result)
    return unique


def rank(
    query: str, exact_matches: tuple | None = None, private: Q | None = None
) -> tuple[list[Result], bool]:
    """All results for a query, best first; and whether anything matched a name exactly."""
    drugs, classes, conditions = exact_matches or _exact(query)
    exact = (
        _results(_drug_result, drugs)
        + _results(_class_result, classes)
        + _results(_condition_result, conditions)
    )
    private = _private_pages() if private is None else private
    results = exact + (_led_to(drugs, classes, conditions, private) if exact else [])
    results += _full_text(query, private)
    if not results:
        results = _prefix(query)
    results = _dedupe(results)
    _complete(results)
    return results, bool(exact)


SURE = 88  # similarity at which a close name replaces a query that matched no name exactly


def search(raw_query: str, kind: str | None = None, as_typed: bool = False) -> SearchOutcome:
    """Search; a misspelled name with one clear correction is searched as corrected (unless
    `as_typed`), and the outcome says so. A sure correction is searched instead of the query,
    not as well: ranking runs once."""
    query = clean_query(raw_query)
    if not query:
        return SearchOutcome(query=query)
    key = results_cache.key_for(query, as_typed)
    everything = results_cache.get(key)
    if everything is None:
        everything = _search(query, as_typed)
        results_cache.put(key, everything)
    results = everything.results
    return replace(
        everything, results=[r for r in results if r.kind == kind] if kind in KINDS else results
    )


def _search(query: str, as_typed: bool) -> SearchOutcome:
    """Every result for a cleaned query, of all kinds, with its counts."""
    outcome = SearchOutcome(query=query)
    exact_matches = _exact(query)
    correction, differs = None, False
    if not any(exact_matches) and not as_typed:
        correction = suggest(query)
        differs = bool(correction.term) and normalise(correction.term) != normalise(query)
    if correction and correction.clear and differs and correction.score >= SURE:
        outcome.corrected_query = correction.term
        results, _ = rank(correction.term)
    else:
        private = _private_pages()
        results, _ = rank(query, exact_matches, private)
        if correction and differs and correction.clear and not results:
            outcome.corrected_query = correction.term
            results, _ = rank(correction.term, private=private)
        elif correction and differs:
            outcome.suggestion = correction.term
    outcome.counts = {k: sum(1 for r in results if r.kind == k) for k in KINDS}
    outcome.results = results
    outcome.promotions = promotions(query)
    return outcome


# --- autocomplete ----------------------------------------------------------------------------


def autocomplete(raw_prefix: str, limit: int = 8) -> list[dict]:
    """Suggestions as a reader types: brands (with their generic), drugs, classes, conditions."""
    prefix = normalise(clean_query(raw_prefix))
    if len(prefix) < 2:
        return []
    suggestions = []
    brand_rows = (
        _drugs()
        .filter(brand_names__name__istartswith=prefix)
        .values_list("brand_names__name", "brand_names__mark", "generic_name", "slug")
        .distinct()[:limit]
    )
    for brand, mark, generic, slug in brand_rows:
        if brand.lower().startswith(prefix):
            suggestions.append(_suggestion(f"{brand}{mark}", "Brand", generic, Drug, slug))
    for generic, slug in (
        _drugs()
        .filter(generic_name__istartswith=prefix)
        .values_list("generic_name", "slug")[:limit]
    ):
        suggestions.append(_suggestion(generic, "Drug", "", Drug, slug))
    for name, slug in (
        _classes().filter(name__istartswith=prefix).values_list("name", "slug")[:limit]
    ):
        suggestions.append(_suggestion(name, "Drug class", "", DrugClass, slug))
    for name, slug in (
        Condition.objects.live()
        .filter(name__istartswith=prefix)
        .order_by(Lower("name"))
        .values_list("name", "slug")[:limit]
    ):
        suggestions.append(_suggestion(name, "Condition", "", Condition, slug))
    for synonym, name, slug in (
        Condition.objects.live()
        .filter(synonyms__name__istartswith=prefix)
        .values_list("synonyms__name", "name", "slug")[:limit]
    ):
        suggestions.append(
            _suggestion(name, "Condition", f"Also called {synonym}", Condition, slug)
        )
    if len(suggestions) < limit:
        # Words after the first ("arth" → Rheumatoid arthritis), from the search index.
        for condition in Condition.objects.live().autocomplete(prefix)[:limit]:
            suggestions.append(
                _suggestion(condition.name, "Condition", "", Condition, condition.slug)
            )
    unique = {}
    for item in suggestions:
        unique.setdefault((item["label"], item["url"]), item)
    return list(unique.values())[:limit]


def _suggestion(label, kind, detail, model, slug) -> dict:
    return {"label": label, "kind": kind, "detail": detail, "url": model(slug=slug).get_url()}
