"""Public pages for drugs, drug classes and conditions, and their A–Z indexes.

Every view fetches what its template shows in a fixed number of queries, whatever the
number of brands, classes, conditions or articles (tests hold each to a ceiling)."""

from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from pages.models import ArticlePage, PortalSettings
from portal import structured_data

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
            .prefetch_related("brand_names")
            .order_by(Lower("generic_name"))
        )
        if drug_class.pk
        else []
    )
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
            .prefetch_related("brand_names", Prefetch("classes", queryset=DrugClass.objects.live()))
            .order_by(Lower("generic_name"))
        )
        if condition.pk
        else []
    )
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


@require_safe
def drug_detail(request, slug):
    drug = get_object_or_404(
        Drug.objects.live()
        .select_related("reviewed_by")
        .prefetch_related("brand_names", "routes", "conditions", "classes"),
        slug=slug,
    )
    return render(request, Drug.template_name, detail_context(drug, request))


@require_safe
def drug_class_detail(request, slug):
    drug_class = get_object_or_404(
        DrugClass.objects.live().select_related("reviewed_by"), slug=slug
    )
    return render(request, DrugClass.template_name, detail_context(drug_class, request))


@require_safe
def condition_detail(request, slug):
    condition = get_object_or_404(
        Condition.objects.live().select_related("reviewed_by").prefetch_related("synonyms"),
        slug=slug,
    )
    return render(request, Condition.template_name, detail_context(condition, request))


@require_safe
def drug_index(request):
    context = a_to_z.drug_index(request)
    return render(request, "drugs/drug_index.html", context)


@require_safe
def condition_index(request):
    context = a_to_z.condition_index(request)
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

    return render(request, "drugs/drug_class_index.html", {"tree": tree(None)})
