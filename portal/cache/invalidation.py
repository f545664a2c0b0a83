"""What each change invalidates in the anonymous page cache.

Each handler names the tags (tags.py) of everything that showed what changed; the pages
carrying them are rendered afresh on their next request, on every server sharing the cache.

| change                                  | invalidates                                      |
|-----------------------------------------|--------------------------------------------------|
| page published or unpublished           | the page; its parent's list of children; lists   |
|  (review approval publishes)            | of recently reviewed articles; the records'      |
|                                         | pages that list or now cite the article; search  |
| page moved or deleted                   | the page and every page under it; both parents   |
| page made private or public again       | every page (rare); search                        |
| record published, unpublished, deleted  | every page showing it; its A–Z or tree; search;  |
|  (drug, drug class, condition)          | a drug's classes' and conditions' pages          |
| route, call to action or advert saved   | every page showing it                            |
| reviewer profile saved or deleted       | every page whose stamp names the reviewer        |
| review started, resumed, sent back,     | the item's own page (its stamp says whether a    |
|  cancelled or finished (workflow state) |  new review is under way)                        |
| site settings saved                     | every page                                       |
| editor's promoted search result saved   | search                                           |
|  or deleted (a page, a link or a record)|                                                  |

Nothing needs invalidating when a review falls due: pages showing a stamp or a list of
reviewed articles are kept no longer than until the first of them falls due (tags.py,
`expires_at`)."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction, Site, WorkflowState
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)

from . import tags

# --- pages ----------------------------------------------------------------------------------


def _parent_path(page) -> str:
    return page.path[: -page.steplen]


def _citations(page) -> set[str]:
    """Records an article cites: their pages list it ('refs:')."""
    found = set()
    for relation in ("drugs", "drug_classes", "conditions"):
        if hasattr(page, relation):
            model = getattr(type(page), relation).field.related_model
            ids = getattr(page, relation).values_list("pk", flat=True)
            found |= {f"refs:{model._meta.label_lower}:{pk}" for pk in ids}
    return found


def _page_tags(page) -> set[str]:
    return {
        f"page:{page.pk}",
        f"children:{_parent_path(page)}",
        "list:pages",
        "search",
        *_citations(page.specific),
    }


def on_page_published(sender, instance, **kwargs):
    tags.bump(*_page_tags(instance))


def on_page_unpublished(sender, instance, **kwargs):
    tags.bump(*_page_tags(instance), f"path:{instance.path}")


def on_page_move(sender, instance, parent_page_before, parent_page_after, **kwargs):
    tags.bump(
        f"page:{instance.pk}",
        f"path:{instance.path}",  # its place (old, then new): it and everything under it
        f"children:{parent_page_before.path}",
        f"children:{parent_page_after.path}",
        "list:pages",
        "search",
    )


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        tags.bump(
            f"page:{instance.pk}",
            f"path:{instance.path}",
            f"children:{_parent_path(instance)}",
            "list:pages",
            "search",
        )


def on_view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) with everything under it: every page that
    lists any of them, wherever, and search. Rare, so every page is rendered afresh."""
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    tags.bump("site", "search", *([f"path:{page.path}"] if page is not None else []))


# --- records --------------------------------------------------------------------------------


def _record_tags(record) -> set[str]:
    from drugs.models import Drug, DrugClass

    label = record._meta.label_lower
    found = {tags.tag_for(record), "search"}
    if isinstance(record, DrugClass):
        found.add(f"list:{label}")
    else:
        found |= _index_letters(record)
    if isinstance(record, Drug) and record.pk:
        # Its classes' pages (and their ancestors', which list the whole subtree) and its
        # conditions' pages list it, as may articles with a block for one of those classes.
        classes = DrugClass.objects.filter(drugs=record).only("pk", "tree_path")
        for drug_class in classes:
            found |= {
                f"members:drugs.drugclass:{pk}" for pk in [*drug_class.ancestor_ids, drug_class.pk]
            }
        found |= {
            f"refs:drugs.condition:{pk}" for pk in record.conditions.values_list("pk", flat=True)
        }
    if isinstance(record, DrugClass):
        found |= {f"members:drugs.drugclass:{pk}" for pk in record.ancestor_ids}
    if record.pk:
        # Pages that link to it show it only while it is live, so while it was not they
        # carry no tag of it: the drugs and articles linking to it are named here instead.
        if not isinstance(record, Drug):
            drugs = record.drugs.values_list("pk", flat=True)
            found |= {f"links:drugs.drug:{pk}" for pk in drugs}
        found |= {f"links:page:{pk}" for pk in record.articles.values_list("pk", flat=True)}
    return found


def _index_letters(record) -> set[str]:
    """The A–Z letters the record is listed under now (the letters it was listed under
    before show it, so they carry its own tag), and the letter bar if the set of letters
    with entries has changed."""
    from django.core.cache import cache

    from drugs import a_to_z
    from drugs.models import BrandName, Drug

    label = record._meta.label_lower
    if isinstance(record, Drug):
        kind = "drug"
        names = [
            record.generic_name,
            *BrandName.objects.filter(drug=record).values_list("name", flat=True),
        ]
    else:
        kind, names = "condition", [record.name]
    found = {f"list:{label}:{a_to_z.letter_of(name)}" for name in names if name}
    letters, key = sorted(a_to_z.initials(kind)), f"pc:initials:{label}"
    if cache.get(key) != letters:  # the A–Z views store what their letter bar showed
        found.add(f"initials:{label}")
    return found


def on_record_changed(sender, instance, **kwargs):
    from drugs.models import Condition, Drug, DrugClass

    if isinstance(instance, (Drug, DrugClass, Condition)):
        tags.bump(*_record_tags(instance))


def on_record_deleted(sender, instance, **kwargs):
    tags.bump(tags.tag_for(instance), f"list:{instance._meta.label_lower}", "search")
    tags.bump(f"initials:{instance._meta.label_lower}")


def on_shown_object_saved(sender, instance, **kwargs):
    """Routes, calls to action and adverts: every page showing one (the footer's call to
    action shows on every page)."""
    tags.bump(tags.tag_for(instance), "site")


def on_reviewer_saved(sender, instance, **kwargs):
    """A reviewer's profile: the stamps (and structured data) that name them."""
    tags.bump(tags.tag_for(instance))


def on_workflow_state_changed(sender, instance, **kwargs):
    """A review starting or ending: the stamp of the item under review notes one under way.
    Every change of state saves it, resuming after changes included (which sends no signal
    of its own). Only the item's own page shows the note: its stamp, or its kept content."""
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(instance.base_content_type_id).model_class()
    if model is None:
        return
    if issubclass(model, Page):
        tags.bump(f"page:{instance.object_id}")
    else:
        tags.bump(f"{model._meta.label_lower}:{instance.object_id}")


def on_site_changed(sender, instance, **kwargs):
    tags.bump("site", "search")


def on_promotion_changed(sender, instance, **kwargs):
    """An editor's promoted result (a page, a link or a record): kept with the results of
    its query."""
    tags.bump("search")


def connect() -> None:
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from drugs.models import Condition, Drug, DrugClass, Route
    from pages.models import Advert, CallToAction, PortalSettings
    from pages.review.models import ReviewerProfile
    from portal.models import RecordPromotion

    page_published.connect(on_page_published, dispatch_uid="page-cache-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="page-cache-unpublished")
    # Before the move (its old place) and again once it is written: an admin request runs
    # in autocommit, so the first bump lands before the move's own transaction, and a
    # reader in between could be served, and keep, the page at its old address.
    pre_page_move.connect(on_page_move, dispatch_uid="page-cache-move")
    post_page_move.connect(on_page_move, dispatch_uid="page-cache-moved")
    post_delete.connect(on_page_deleted, dispatch_uid="page-cache-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"page-cache-restriction-{signal is post_save}",
        )
    for model in (Drug, DrugClass, Condition):
        name = model.__name__
        published.connect(on_record_changed, sender=model, dispatch_uid=f"page-cache-pub-{name}")
        unpublished.connect(on_record_changed, sender=model, dispatch_uid=f"page-cache-unp-{name}")
        post_delete.connect(on_record_deleted, sender=model, dispatch_uid=f"page-cache-del-{name}")
    for model in (Route, CallToAction, Advert):
        for signal in (post_save, post_delete):
            signal.connect(
                on_shown_object_saved,
                sender=model,
                dispatch_uid=f"page-cache-{model.__name__}-{signal is post_save}",
            )
    for signal in (post_save, post_delete):
        signal.connect(
            on_reviewer_saved,
            sender=ReviewerProfile,
            dispatch_uid=f"page-cache-reviewer-{signal is post_save}",
        )
    for signal in (post_save, post_delete):
        signal.connect(
            on_workflow_state_changed,
            sender=WorkflowState,
            dispatch_uid=f"page-cache-workflow-state-{signal is post_save}",
        )
    for model in (SearchPromotion, RecordPromotion):
        for signal in (post_save, post_delete):
            signal.connect(
                on_promotion_changed,
                sender=model,
                dispatch_uid=f"page-cache-{model.__name__}-{signal is post_save}",
            )
    for model in (PortalSettings, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                on_site_changed,
                sender=model,
                dispatch_uid=f"page-cache-{model.__name__}-{signal is post_save}",
            )
