"""Records built the way editors make them: saved, then published through a revision."""

import itertools

from drugs.models import BrandName, Condition, ConditionSynonym, Drug, DrugClass, Route

_seq = itertools.count(1)


def publish(obj):
    obj.save()
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


def make_class(name=None, parent=None, **fields):
    n = next(_seq)
    name = name or f"Test class {n}"
    return publish(
        DrugClass(
            name=name, slug=f"test-class-{n}", summary=f"{name} summary.", parent=parent, **fields
        )
    )


def make_condition(name=None, synonyms=(), **fields):
    n = next(_seq)
    name = name or f"Test condition {n}"
    condition = Condition(
        name=name, slug=f"test-condition-{n}", summary=f"{name} summary.", **fields
    )
    condition.synonyms = [ConditionSynonym(name=s) for s in synonyms]
    return publish(condition)


def make_drug(name=None, brands=(), classes=(), conditions=(), routes=(), live=True):
    n = next(_seq)
    name = name or f"testamab {n}"
    drug = Drug(generic_name=name, slug=f"testamab-{n}", summary=f"{name} summary.")
    drug.brand_names = [BrandName(name=b, mark="®") for b in brands]
    drug.classes = list(classes)
    drug.conditions = list(conditions)
    drug.routes = list(routes)
    if not live:
        drug.live = False
        drug.save()
        drug.save_revision()
        return drug
    return publish(drug)


def any_route():
    return Route.objects.order_by("pk").first()


def class_form(drug_class, **changes):
    """The drug class edit form's data, as the admin would post it."""
    data = {
        "name": drug_class.name,
        "slug": drug_class.slug,
        "also_called": drug_class.also_called,
        "parent": drug_class.parent_id or "",
        "sort_order": drug_class.sort_order,
        "summary": drug_class.summary,
        "description": drug_class.description,
    }
    data.update(changes)
    return data
