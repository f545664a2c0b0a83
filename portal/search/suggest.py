"""'Did you mean …?' from the vocabulary of our own records: drug generic and brand names,
class names, condition names and their synonyms. rapidfuzz does the matching, so it works
the same on SQLite and PostgreSQL.

The vocabulary is built once per process and rebuilt when a record is published or changed
(signals bump a version number in the cache), or after VOCABULARY_TTL seconds."""

import time
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from django.core.cache import cache
from django.db import transaction

from .query import normalise

VERSION_KEY = "search:vocabulary:version"
VOCABULARY_TTL = 600
CUTOFF = 80  # similarity (0-100) below which nothing is suggested
CLEAR_MARGIN = 6  # how far the best must beat the runner-up to be used without asking

_vocabulary: dict = {"version": None, "built": 0.0, "by_length": {}}


@dataclass
class Correction:
    term: str = ""
    score: float = 0.0
    clear: bool = False


# What saving a draft or a revision pointer touches: none of it is in the vocabulary.
NOT_VOCABULARY = {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}


def bump_version(update_fields=None, **kwargs) -> None:
    """A record or one of its names changed. Bumped at once (this process then sees the
    change in its own transaction) and again after commit: a search in another process
    between the two may have rebuilt the vocabulary from what was committed before, and
    the results cache keys on this version."""
    if update_fields is not None and set(update_fields) <= NOT_VOCABULARY:
        return  # a draft saved: the published names are unchanged
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _build() -> dict[int, dict[str, str]]:
    from drugs.models import BrandName, Condition, ConditionSynonym, Drug, DrugClass

    # (what a reader might type, the name to search for instead)
    pairs = [(n, n) for n in Drug.objects.live().values_list("generic_name", flat=True)]
    pairs += [
        (brand, brand)
        for brand in BrandName.objects.filter(drug__live=True).values_list("name", flat=True)
    ]
    pairs += [(n, n) for n in DrugClass.objects.live().values_list("name", flat=True)]
    pairs += [(n, n) for n in Condition.objects.live().values_list("name", flat=True)]
    pairs += ConditionSynonym.objects.filter(condition__live=True).values_list(
        "name", "condition__name"
    )
    by_length: dict[int, dict[str, str]] = {}
    for typed, canonical in pairs:
        key = normalise(typed)
        by_length.setdefault(len(key), {}).setdefault(key, canonical)
    return by_length


def vocabulary() -> dict[int, dict[str, str]]:
    version = cache.get(VERSION_KEY)
    stale = time.monotonic() - _vocabulary["built"] > VOCABULARY_TTL
    if _vocabulary["version"] != version or stale or not _vocabulary["by_length"]:
        _vocabulary.update(version=version, built=time.monotonic(), by_length=_build())
    return _vocabulary["by_length"]


def suggest(query: str) -> Correction:
    """The closest known name to the query, and whether it is clearly the one meant."""
    wanted = normalise(query)
    if len(wanted) < 3:
        return Correction()
    slack = max(2, len(wanted) // 4)
    by_length = vocabulary()
    choices: dict[str, str] = {}
    for length in range(len(wanted) - slack, len(wanted) + slack + 1):
        choices.update(by_length.get(length, {}))
    if not choices:
        return Correction()
    best = process.extract(wanted, list(choices), scorer=fuzz.ratio, limit=5, score_cutoff=CUTOFF)
    if not best:
        return Correction()
    term, score = choices[best[0][0]], best[0][1]
    # A runner-up naming the same thing (a condition and its synonym) is no rival.
    rivals = [s for key, s, _ in best[1:] if choices[key] != term]
    runner_up = rivals[0] if rivals else 0
    return Correction(term=term, score=score, clear=score - runner_up >= CLEAR_MARGIN)
