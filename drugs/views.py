"""Public pages for drugs, drug classes and conditions, and their A–Z indexes.

Every view fetches what its template shows in a fixed number of queries, whatever the
number of brands, classes, conditions or articles (tests hold each to a ceiling)."""

from django.core.cache import cache
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from pages.models import ArticlePage, PortalSettings
from portal import structured_data
from portal.cache import tags

from . import a_to_z
from .models import Condition, Drug, DrugClass


def _articles_citing(**filters):
    return list(ArticlePage.objects.live().public().filter(**filters).distinct().order_by("title"))


def class_paths(classes) -> dict[int, list[DrugClass]]:
    """For each class, its ancestors from the root down; one query for any number of classes."""
    ancestor_ids = {pk for c in classes for pk in c.ancestor_ids}
    ancestors = DrugClass.objects.live().in_bulk(ancestor_ids) if ancestor_ids else {}
    return {c.pk: [ancestors[i] for i in c.ancestor_ids if i in ancestors] for c in classes}


def _drug_context(drug, request=None):
    classes = [c for c in drug.classes.all() if c.live]
    routes = list(drug.routes.all())
    conditions = [c for c in drug.conditions.all() if c.live]
    paths = class_paths(classes)
    return {
        "drug": drug,
        "brands": list(drug.brand_names.all()),
        "class_paths": [paths[c.pk] + [c] for c in classes],
        "routes": routes,
        "conditions": conditions,
        "articles": _articles_citing(drugs=drug) if drug.pk else [],
        "json_ld": structured_data.drug(
            request, drug, classes, routes, conditions, _settings(request)
        ),
    }


def _drug_class_context(drug_class, request=None):
    ancestors = class_paths([drug_class])[drug_class.pk] if drug_class.pk else []
    children = (
        list(drug_class.children.live().order_by("sort_order", "name")) if drug_class.pk else []
    )
    drugs = (
        list(
            Drug.objects.live()
            .filter(classes__tree_path__startswith=drug_class.tree_path, classes__live=True)
            .distinct()
            .order_by(Lower("generic_name"))
        )
        if drug_class.pk
        else []
    )
    Drug.attach_brand_lists(drugs)
    parent = ancestors[-1] if ancestors else None
    return {
        "drug_class": drug_class,
        "ancestors": ancestors,
        "children": children,
        "drugs": drugs,
        "articles": _articles_citing(drug_classes=drug_class) if drug_class.pk else [],
        "json_ld": structured_data.drug_class(
            request, drug_class, drugs, parent, _settings(request)
        ),
    }


def _condition_context(condition, request=None):
    synonyms = list(condition.synonyms.all())
    drugs = (
        list(
            condition.drugs.live()
            .prefetch_related(Prefetch("classes", queryset=DrugClass.objects.live()))
            .order_by(Lower("generic_name"))
        )
        if condition.pk
        else []
    )
    Drug.attach_brand_lists(drugs)
    classes = {c.pk: c for d in drugs for c in d.classes.all()}
    return {
        "condition": condition,
        "synonyms": synonyms,
        "drugs": drugs,
        "classes": sorted(classes.values(), key=lambda c: c.name.lower()),
        "articles": _articles_citing(conditions=condition) if condition.pk else [],
        "json_ld": structured_data.medical_condition(
            request, condition, synonyms, drugs, _settings(request)
        ),
    }


def _settings(request):
    if request is None:
        return PortalSettings()
    return PortalSettings.for_request(request)


def detail_context(obj, request=None) -> dict:
    """The template context for a record's public page (also used for admin previews)."""
    if isinstance(obj, Drug):
        return _drug_context(obj, request)
    if isinstance(obj, DrugClass):
        return _drug_class_context(obj, request)
    if isinstance(obj, Condition):
        return _condition_context(obj, request)
    raise TypeError(f"No public page for {type(obj).__name__}")


def _name_for_page_cache(record, *shown) -> None:
    """The anonymous page cache keeps this page until the record, anything it shows, or
    the set of articles and drugs pointing at it changes (portal/cache/tags.py)."""
    tags.add_objects(record)
    tags.add_shown(*shown)  # a listed article by its place too: made private, it leaves
    tags.add(f"refs:{tags.tag_for(record)}", "site")


def _name_index_for_page_cache(label: str, context: dict) -> None:
    """An A–Z page changes with its letter's entries, with the records it lists, and with
    the letter bar (which letters have entries)."""
    records = [entry["drug"] if isinstance(entry, dict) else entry for entry in context["page"]]
    tags.add_objects(*records)
    tags.add(f"list:{label}:{context['letter']}", f"initials:{label}", "site")
    # What the letter bar showed, for invalidation to compare against.
    cache.set(f"pc:initials:{label}", sorted(context["available"]), None)


@require_safe
def drug_detail(request, slug):
    drug = get_object_or_404(
        Drug.objects.live()
        .select_related("reviewed_by")
        .prefetch_related("brand_names", "routes", "conditions", "classes"),
        slug=slug,
    )
    context = detail_context(drug, request)
    _name_for_page_cache(
        drug,
        *[c for path in context["class_paths"] for c in path],
        *context["routes"],
        *context["conditions"],
        *context["articles"],
    )
    tags.add(f"links:drugs.drug:{drug.pk}")  # its classes and conditions, live or not
    return render(request, Drug.template_name, context)


@require_safe
def drug_class_detail(request, slug):
    drug_class = get_object_or_404(
        DrugClass.objects.live().select_related("reviewed_by"), slug=slug
    )
    context = detail_context(drug_class, request)
    # The drugs it lists by their own tags (a drug moved elsewhere, unpublished or deleted
    # leaves), and `members:` for drugs that join (a drug's publish bumps it for each of
    # its new classes and their ancestors).
    _name_for_page_cache(
        drug_class,
        *context["ancestors"],
        *context["children"],
        *context["drugs"],
        *context["articles"],
    )
    tags.add(f"members:drugs.drugclass:{drug_class.pk}")
    return render(request, DrugClass.template_name, context)


@require_safe
def condition_detail(request, slug):
    condition = get_object_or_404(
        Condition.objects.live().select_related("reviewed_by").prefetch_related("synonyms"),
        slug=slug,
    )
    context = detail_context(condition, request)
    _name_for_page_cache(condition, *context["drugs"], *context["classes"], *context["articles"])
    return render(request, Condition.template_name, context)


@require_safe
def drug_index(request):
    context = a_to_z.drug_index(request)
    _name_index_for_page_cache("drugs.drug", context)
    return render(request, "drugs/drug_index.html", context)


@require_safe
def condition_index(request):
    context = a_to_z.condition_index(request)
    _name_index_for_page_cache("drugs.condition", context)
    return render(request, "drugs/condition_index.html", context)


@require_safe
def drug_class_index(request):
    classes = list(DrugClass.objects.live().order_by("tree_path"))
    live_ids = {c.pk for c in classes}
    by_parent: dict[int | None, list[DrugClass]] = {}
    for c in classes:
        # A live class under an unpublished one hangs from its nearest live ancestor.
        parent = next((pk for pk in reversed(c.ancestor_ids) if pk in live_ids), None)
        by_parent.setdefault(parent, []).append(c)
    for siblings in by_parent.values():
        siblings.sort(key=lambda c: (c.sort_order, c.name.lower()))

    def tree(parent_id):
        return [{"node": c, "children": tree(c.pk)} for c in by_parent.get(parent_id, [])]

    tags.add("list:drugs.drugclass", "site")
    return render(request, "drugs/drug_class_index.html", {"tree": tree(None)})
