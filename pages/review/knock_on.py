"""Knock-on review: when a cited record changes, the articles that cite it are flagged."""

from django.db.models import Q
from django.utils import timezone

from wagtail.models import ReferenceIndex


def articles_citing(record):
    """Live or draft articles that name the record, in their related lists or their body."""
    from drugs.models import Condition, Drug, DrugClass
    from pages.models import ArticlePage

    relation = {Drug: "drugs", DrugClass: "drug_classes", Condition: "conditions"}[type(record)]
    in_body = (
        ReferenceIndex.get_references_to(record)
        .filter(base_content_type__model="page")
        .values_list("object_id", flat=True)
    )
    return ArticlePage.objects.filter(Q(**{relation: record}) | Q(pk__in=list(in_body))).distinct()


def flag_articles_citing(record) -> int:
    """Mark every article citing the record for re-review; returns how many were flagged."""
    from pages.models import ArticlePage

    ids = list(articles_citing(record).values_list("pk", flat=True))
    return ArticlePage.objects.filter(pk__in=ids, related_change_since_review__isnull=True).update(
        related_change_since_review=timezone.now()
    )
