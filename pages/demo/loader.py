"""Write the demo content to the database, idempotently.

Every item is found by its stable key (a slug, or a snippet's title or name) and compared
with the data. Only a missing item is created, and only one that differs is updated, so a
second run writes nothing: no new rows, no new revisions. Records and pages are published
as an editor would publish them: saved, given a revision, and that revision published."""

import copy
from collections import Counter

from django.db import transaction

from wagtail.fields import StreamField
from wagtail.models import Page, Site

from drugs.models import BrandName, Condition, ConditionSynonym, Drug, DrugClass, Route
from pages.models import (
    Advert,
    ArticlePage,
    CallToAction,
    ContentPage,
    HomePage,
    PortalSettings,
    SectionPage,
)

from . import article, site
from .classes import walk
from .conditions import CONDITIONS
from .drugs import DRUGS
from .review import NEXT_REVIEW_DUE, REVIEWED_ON
from .routes import ROUTES

REVIEW_STAMP = {"last_reviewed_on": REVIEWED_ON, "next_review_due": NEXT_REVIEW_DUE}

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
OUTCOMES = (CREATED, UPDATED, UNCHANGED)


class DemoContentError(Exception):
    """The database or the demo data is not in a state the loader can work with."""


class Tally:
    """What the loader did, per kind of item."""

    def __init__(self):
        self.by_kind: dict[str, Counter] = {}

    def note(self, kind: str, outcome: str) -> None:
        self.by_kind.setdefault(kind, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(counts[outcome] for counts in self.by_kind.values())

    @property
    def changed(self) -> bool:
        return bool(self.total(CREATED) or self.total(UPDATED))


# --- Comparing and assigning fields ---------------------------------------------------------


def _strip_block_ids(data):
    """Block ids are random; two streams with the same content differ only in those."""
    if isinstance(data, list):
        return [_strip_block_ids(item) for item in data]
    if isinstance(data, dict):
        is_block = "type" in data and "value" in data
        return {
            key: _strip_block_ids(value)
            for key, value in data.items()
            if not (is_block and key == "id")
        }
    return data


def _stream_value(field: StreamField, raw: list):
    """A fully converted stream value, so it is stored in its normalised form."""
    value = field.stream_block.to_python(copy.deepcopy(raw))
    for _child in value:  # converting each child now means get_prep_value normalises it
        pass
    return value


def _canonical_stream(field: StreamField, raw: list):
    return _strip_block_ids(_stream_value(field, raw).get_prep_value())


def _differs(obj, fields: dict) -> bool:
    for name, wanted in fields.items():
        field = obj._meta.get_field(name)
        if isinstance(field, StreamField):
            current_raw = list(getattr(obj, name).raw_data)
            if _canonical_stream(field, current_raw) != _canonical_stream(field, wanted):
                return True
        elif field.many_to_one or field.one_to_one:
            if getattr(obj, field.attname) != (wanted.pk if wanted is not None else None):
                return True
        elif getattr(obj, name) != wanted:
            return True
    return False


def _assign(obj, fields: dict) -> None:
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        if isinstance(field, StreamField):
            value = _stream_value(field, value)
        setattr(obj, name, value)


def _m2m_differs(obj, m2m: dict) -> bool:
    return any(
        set(getattr(obj, name).values_list("pk", flat=True)) != {item.pk for item in items}
        for name, items in m2m.items()
    )


def _children_differ(obj, children: dict) -> bool:
    """Inline children (brand names, synonyms), compared in order by their own fields."""
    for name, wanted in children.items():
        current = [_child_key(child) for child in getattr(obj, name).all()]
        if current != [_child_key(child) for child in wanted]:
            return True
    return False


def _child_key(child) -> tuple:
    if isinstance(child, BrandName):
        return (child.name, child.mark)
    return (child.name,)


def _is_published(obj) -> bool:
    return obj.live and obj.live_revision_id is not None


# --- Plain models, medical records and pages -------------------------------------------------


def _sync_plain(model, lookup: dict, fields: dict, tally: Tally, kind: str):
    """A model without revisions (routes, snippets): create, update in place, or leave."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj, outcome = model(**lookup), CREATED
    elif _differs(obj, fields):
        outcome = UPDATED
    else:
        tally.note(kind, UNCHANGED)
        return obj
    _assign(obj, fields)
    obj.full_clean()
    obj.save()
    tally.note(kind, outcome)
    return obj


def _sync_record(model, slug: str, fields: dict, tally: Tally, kind: str, m2m=None, children=None):
    """A drug, drug class or condition: create or update it, then publish a revision."""
    m2m, children = m2m or {}, children or {}
    obj = model.objects.filter(slug=slug).first()
    if obj is None:
        obj, outcome = model(slug=slug), CREATED
    elif (
        _differs(obj, fields)
        or _m2m_differs(obj, m2m)
        or _children_differ(obj, children)
        or not _is_published(obj)
    ):
        outcome = UPDATED
    else:
        tally.note(kind, UNCHANGED)
        return obj
    _assign(obj, fields)
    for name, items in {**m2m, **children}.items():
        setattr(obj, name, items)
    obj.save()
    obj.save_revision().publish()
    tally.note(kind, outcome)
    return obj


def _publish_page(page, fields: dict, tally: Tally, kind: str, m2m=None) -> Page:
    """Update an existing page if it differs from the data, and publish a revision."""
    m2m = m2m or {}
    if not (_differs(page, fields) or _m2m_differs(page, m2m) or not _is_published(page)):
        tally.note(kind, UNCHANGED)
        return page
    _assign(page, fields)
    for name, items in m2m.items():
        setattr(page, name, items)
    page.save_revision().publish()
    tally.note(kind, UPDATED)
    return page


def _sync_page(parent: Page, model, slug: str, fields: dict, tally: Tally, kind: str, m2m=None):
    """A page found by its slug among its parent's children: create, update or leave it."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if not isinstance(page, model):
            raise DemoContentError(
                f"The page at '{page.url_path}' is a {type(page).__name__}, not a "
                f"{model.__name__}; move or rename it, then run the command again."
            )
        return _publish_page(page, fields, tally, kind, m2m)
    page = model(slug=slug)
    _assign(page, fields)
    for name, items in (m2m or {}).items():
        setattr(page, name, items)
    parent.add_child(instance=page)
    page.save_revision().publish()
    tally.note(kind, CREATED)
    return page


# --- The content ----------------------------------------------------------------------------


def _pick(by_slug: dict, slugs, kind: str) -> list:
    missing = [slug for slug in slugs if slug not in by_slug]
    if missing:
        raise DemoContentError(f"The demo data names unknown {kind}: {', '.join(missing)}")
    return [by_slug[slug] for slug in slugs]


def _load_routes(tally: Tally) -> dict[str, Route]:
    return {
        data.slug: _sync_plain(
            Route,
            {"slug": data.slug},
            {
                "name": data.name,
                "schema_name": data.schema_name,
                "description": data.description,
                "sort_order": position,
            },
            tally,
            "routes",
        )
        for position, data in enumerate(ROUTES, start=1)
    }


def _load_conditions(tally: Tally) -> dict[str, Condition]:
    return {
        data.slug: _sync_record(
            Condition,
            data.slug,
            {
                "name": data.name,
                "summary": data.summary,
                "icd10_code": data.icd10_code,
                **REVIEW_STAMP,
            },
            tally,
            "conditions",
            children={"synonyms": [ConditionSynonym(name=name) for name in data.synonyms]},
        )
        for data in CONDITIONS
    }


def _load_drug_classes(tally: Tally) -> dict[str, DrugClass]:
    classes: dict[str, DrugClass] = {}
    for data, parent_slug, position in walk():
        classes[data.slug] = _sync_record(
            DrugClass,
            data.slug,
            {
                "name": data.name,
                "parent": classes[parent_slug] if parent_slug else None,
                "also_called": data.also_called,
                "summary": data.summary,
                "sort_order": position,
                **REVIEW_STAMP,
            },
            tally,
            "drug classes",
        )
    return classes


def _load_drugs(tally, classes, routes, conditions) -> dict[str, Drug]:
    return {
        data.slug: _sync_record(
            Drug,
            data.slug,
            {"generic_name": data.generic_name, "summary": data.summary, **REVIEW_STAMP},
            tally,
            "drugs",
            m2m={
                "classes": _pick(classes, data.classes, "drug classes"),
                "routes": _pick(routes, data.routes, "routes"),
                "conditions": _pick(conditions, data.conditions, "conditions"),
            },
            children={"brand_names": [BrandName(name=name, mark="®") for name in data.brands]},
        )
        for data in DRUGS
    }


def _load_snippets(tally: Tally) -> tuple[dict[str, CallToAction], dict[str, Advert]]:
    calls = {
        item.key: _sync_plain(CallToAction, {"title": item.key}, item.fields, tally, "snippets")
        for item in site.CALLS_TO_ACTION
    }
    adverts = {
        item.key: _sync_plain(Advert, {"name": item.key}, item.fields, tally, "snippets")
        for item in site.ADVERTS
    }
    return calls, adverts


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        raise DemoContentError("There is no home page; run `manage.py migrate` first.")
    return home


def _load_pages(tally, home, records, calls, adverts) -> dict[str, Page]:
    classes, drugs, routes, conditions = records
    _publish_page(home, site.HOME, tally, "pages")
    sections = {
        data.slug: _sync_page(
            home,
            SectionPage,
            data.slug,
            {"title": data.title, "intro": data.intro, "a_to_z": data.a_to_z},
            tally,
            "pages",
        )
        for data in site.SECTIONS
    }
    content_pages = {
        data.slug: _sync_page(
            home,
            ContentPage,
            data.slug,
            {"title": data.title, "intro": data.intro, "body": data.body},
            tally,
            "pages",
        )
        for data in site.CONTENT_PAGES
    }
    body = article.body(
        classes={slug: obj.pk for slug, obj in classes.items()},
        routes={slug: obj.pk for slug, obj in routes.items()},
        conditions={slug: obj.pk for slug, obj in conditions.items()},
        adverts={name: obj.pk for name, obj in adverts.items()},
        calls_to_action={title: obj.pk for title, obj in calls.items()},
    )
    _sync_page(
        sections[site.DRUGS_SECTION],
        ArticlePage,
        article.SLUG,
        {"title": article.TITLE, "summary": article.SUMMARY, "body": body, **REVIEW_STAMP},
        tally,
        "pages",
        m2m={
            "drugs": list(drugs.values()),
            "drug_classes": list(classes.values()),
            "conditions": list(conditions.values()),
        },
    )
    return content_pages


def _load_settings(tally: Tally, content_pages: dict[str, Page], calls) -> None:
    default_site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if default_site is None:
        raise DemoContentError("There is no site; run `manage.py migrate` first.")
    if (default_site.hostname, default_site.port) == ("localhost", 80):
        # The migration's placeholder: point canonical links at the demo server instead.
        default_site.hostname, default_site.port = "127.0.0.1", 8000
        default_site.site_name = site.ORGANISATION_NAME
        default_site.save()
        tally.note("site", UPDATED)
    fields = {
        "organisation_name": site.ORGANISATION_NAME,
        "editorial_policy_page": content_pages[site.EDITORIAL_PROCESS.slug],
        "advertising_policy_page": content_pages[site.ADVERTISING_POLICY.slug],
        "advert_disclaimer": site.ADVERT_DISCLAIMER,
        "footer_call_to_action": calls[article.CANCER_LINE],
    }
    _sync_plain(PortalSettings, {"site": default_site}, fields, tally, "settings")


@transaction.atomic
def load() -> Tally:
    """Load (or bring up to date) every piece of demo content, in one transaction."""
    tally = Tally()
    home = _home_page()
    routes = _load_routes(tally)
    conditions = _load_conditions(tally)
    classes = _load_drug_classes(tally)
    drugs = _load_drugs(tally, classes, routes, conditions)
    calls, adverts = _load_snippets(tally)
    content_pages = _load_pages(tally, home, (classes, drugs, routes, conditions), calls, adverts)
    _load_settings(tally, content_pages, calls)
    return tally
