"""A–Z indexes of drugs (by generic and by brand name) and of conditions.

A reader picks a letter; each letter is paginated, so an index of tens of thousands of
conditions stays a small page. Bad letters and page numbers get a 404 or the nearest page,
never an error."""

import string

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Lower, Substr, Upper
from django.http import Http404

from .models import BrandName, Condition, Drug

LETTERS = list(string.ascii_uppercase)
OTHER = "0-9"
PER_PAGE = 100


def _letter_from(request, available: set[str]) -> str:
    raw = request.GET.get("letter", "")
    if not raw:
        return next((letter for letter in [*LETTERS, OTHER] if letter in available), "A")
    letter = raw.strip().upper()
    if letter not in LETTERS and letter != OTHER:
        raise Http404("There is no such letter in the index.")
    return letter


def letter_of(name: str) -> str:
    """The index letter a name is listed under."""
    first = name[:1].upper()
    return first if first in LETTERS else OTHER


def initials(kind: str) -> set[str]:
    """The letters that have entries in the index of `kind` ("drug" or "condition"). At
    library size this scans every name, so the answer is kept until a record changes (the
    search vocabulary's version, bumped on every save)."""
    from portal.search.suggest import VERSION_KEY

    key = f"a-z:initials:{kind}:{cache.get(VERSION_KEY)}"
    found = cache.get(key)
    if found is None:
        found = _scan_initials(kind)
        cache.set(key, found, 600)
    return set(found)


def _scan_initials(kind: str) -> set[str]:
    if kind == "drug":
        return _initials(Drug.objects.live(), "generic_name") | _initials(
            BrandName.objects.filter(drug__live=True), "name"
        )
    return _initials(Condition.objects.live(), "name")


def _starts_with(field: str, letter: str) -> Q:
    if letter == OTHER:
        # Digits, symbols and letters outside A–Z ("Ödema", "α-thalassaemia").
        return ~Q(**{f"{field}__iregex": r"^[a-z]"})
    return Q(**{f"{field}__istartswith": letter})


def _initials(queryset, field: str) -> set[str]:
    """The index letters that have entries, computed by the database (one short query)."""
    firsts = (
        queryset.annotate(initial=Upper(Substr(field, 1, 1)))
        .order_by()  # the model's ordering would make DISTINCT return every row
        .values_list("initial", flat=True)
        .distinct()
    )
    return {first if first in LETTERS else OTHER for first in firsts if first}


def drug_index(request) -> dict:
    # Entries: every live drug by its generic name, and every brand pointing to its generic.
    available = initials("drug")
    letter = _letter_from(request, available)

    drugs = Drug.objects.live().filter(_starts_with("generic_name", letter))
    brands = BrandName.objects.filter(drug__live=True).filter(_starts_with("name", letter))
    entries = [
        {"name": d.generic_name, "url": d.get_url(), "drug": d, "brand": None} for d in drugs
    ] + [
        {"name": str(b), "url": b.drug.get_url(), "drug": b.drug, "brand": b}
        for b in brands.select_related("drug")
    ]
    entries.sort(key=lambda e: e["name"].lower())
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    Drug.attach_brand_lists([entry["drug"] for entry in page.object_list])
    return {"letters": LETTERS + [OTHER], "available": available, "letter": letter, "page": page}


def condition_index(request) -> dict:
    available = initials("condition")
    letter = _letter_from(request, available)
    conditions = (
        Condition.objects.live()
        .filter(_starts_with("name", letter))
        .prefetch_related("synonyms")
        .order_by(Lower("name"))
    )
    page = Paginator(conditions, PER_PAGE).get_page(request.GET.get("page"))
    return {"letters": LETTERS + [OTHER], "available": available, "letter": letter, "page": page}
