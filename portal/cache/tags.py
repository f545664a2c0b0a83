"""Cache tags: names for what a cached response depends on.

While a response renders, views, page models and blocks name what they show:
`add_objects(drug)` or `add("list:drugs.drug")`. The middleware stores the response
with the current version of each tag. A change bumps the versions of the tags it affects
(invalidation.py), and a cached response whose tags have moved on is not served again. So
a change invalidates exactly the responses that showed what changed, on every server that
shares the cache.

Tag names:
- `page:<id>`                     a Wagtail page (its title, body, stamp, URL);
- `path:<treebeard path>`         every page at or under a path (moves, view restrictions);
- `children:<path>`               the list of live children of the page at that path;
- `<app.model>:<pk>`              a record or snippet (e.g. `drugs.drug:12`);
- `refs:<app.model>:<pk>`         the articles citing that record;
- `members:drugs.drugclass:<pk>`  the drugs and sub-classes of a class;
- `links:<page or record tag>`    the records a drug's page or an article links to, live
                                  or not (one linked to is published again);
- `list:<app.model>`              an A–Z index or the tree of that kind of record;
- `list:pages`                    lists of recently reviewed articles;
- `search`                        search results and autocomplete suggestions;
- `site`                          site settings shown on every page.

Some of what a page shows stops being true at a known moment rather than on a change: a
review stamp turns into "due for review" on the item's next review date. What renders it
says so with `expires_at(moment)`, and the response (or kept content) is stored for no
longer than until then."""

import contextvars
import logging
import secrets
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger("portal.cache")

KEY_PREFIX = "pc:tag:"
GENERATION_KEY = "pc:generation"  # bumped with every tag: a render in flight won't be stored


class Collected(set):
    """The tags named while a response rendered, and `until`: the earliest moment (a Unix
    time) at which something it shows stops being true, or None."""

    until: float | None = None


_collected: contextvars.ContextVar[Collected | None] = contextvars.ContextVar("page_cache_tags")


def start() -> contextvars.Token:
    return _collected.set(Collected())


def stop(token: contextvars.Token) -> Collected:
    tags = _collected.get() or Collected()
    _collected.reset(token)
    return tags


def expires_at(moment: float | None) -> None:
    """What is rendering stops being true at `moment` (a Unix time): don't keep it longer."""
    collected = _collected.get(None)
    if moment is None or collected is None:
        return
    if collected.until is None or moment < collected.until:
        collected.until = moment


def lifetime(collected, seconds: int) -> int:
    """How long to keep what rendered with these tags: `seconds`, or less if it stops being
    true sooner (0: don't keep it)."""
    until = getattr(collected, "until", None)
    if until is None:
        return seconds
    return max(0, min(seconds, int(until - time.time())))


def add(*tags: str) -> None:
    collected = _collected.get(None)
    if collected is not None:
        collected.update(tags)


def tag_for(obj) -> str:
    from wagtail.models import Page

    if isinstance(obj, Page):
        return f"page:{obj.pk}"
    return f"{obj._meta.label_lower}:{obj.pk}"


def add_objects(*objects) -> None:
    add(*(tag_for(obj) for obj in objects if obj is not None and obj.pk is not None))


def page_tags(page) -> list[str]:
    """A page depends on itself and on every ancestor's place in the tree."""
    path, step = page.path, page.steplen
    return [
        f"page:{page.pk}",
        "site",
        *(f"path:{path[:end]}" for end in range(step, len(path) + 1, step)),
    ]


def add_page(page) -> None:
    add(*page_tags(page))


def add_shown(*objects) -> None:
    """What a template shows of something it did not fetch itself (a reviewer's name, a link
    to a policy page): pages by their place in the tree, anything else as a record."""
    from wagtail.models import Page

    for obj in objects:
        if isinstance(obj, Page):
            add_page(obj)
        else:
            add_objects(obj)


def _fresh_version() -> int:
    return secrets.randbelow(2**62) + 1


def versions(tags) -> dict[str, int]:
    """The current version of each tag, creating the ones not yet known."""
    keys = {KEY_PREFIX + tag: tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        cache.add(key, _fresh_version(), None)
    if keys.keys() - found.keys():
        found = cache.get_many(list(keys))
    return {keys[key]: value for key, value in found.items()}


def generation():
    return cache.get(GENERATION_KEY)


REQUEST_GENERATION = "_portal_cache_generation"


def remember_generation(request, value) -> None:
    """The generation as the request began, before it read anything it may cache: content
    rendered from what it read is stored only while nothing was invalidated since."""
    setattr(request, REQUEST_GENERATION, value)


def request_generation(request):
    """The generation remembered as the request began (None if the cache could not say)."""
    return getattr(request, REQUEST_GENERATION, None)


def start_generation():
    """The generation, set first if the cache has none (None if the cache is down)."""
    cache.add(GENERATION_KEY, _fresh_version(), None)
    return cache.get(GENERATION_KEY)


def still_fresh(key, entry, generation, timeout: int) -> bool:
    """Whether a stored entry (with "tags" and "generation") still holds. While the
    generation is unchanged nothing has been invalidated, so it does without asking; after
    an invalidation its tags are compared once, and an entry that still holds is stored
    again with the new generation, so the next reader need not ask again."""
    if generation is not None and entry.get("generation") == generation:
        return True
    if versions(entry["tags"]) != entry["tags"]:
        return False
    if generation is not None:
        cache.set(key, {**entry, "generation": generation}, max(1, timeout))
    return True


def entry_fresh(key, entry, generation) -> bool:
    """still_fresh() for an entry that carries its own "expires_at": False once it has
    expired, or when it cannot be read (an entry from another deploy)."""
    try:
        remaining = int(entry["expires_at"] - time.time())
        return remaining > 0 and still_fresh(key, entry, generation, remaining)
    except Exception:
        return False


def versions_if_unchanged(names, read_at) -> dict[str, int] | None:
    """The tags' current versions for storing an entry read at generation `read_at`, or
    None when something was invalidated meanwhile (its content may be older than them)."""
    current = versions(names)
    if generation() != read_at or len(current) != len(set(names)):
        return None
    return current


def bump_now(tags) -> None:
    # The generation both first and last. First: a render that could read a tag's new
    # version also sees a new generation, and is not stored (its content may be older).
    # Last: a hit that re-stored an entry while the tags moved is checked again.
    for tag in [None, *sorted(tags), None]:
        key = GENERATION_KEY if tag is None else KEY_PREFIX + tag
        try:
            if cache.incr(key) is None:  # django-redis with IGNORE_EXCEPTIONS: Redis is down
                raise ConnectionError
        except ValueError:  # not set yet, or evicted: any new value differs from stored ones
            cache.set(key, _fresh_version(), None)
        except Exception:
            logger.error("page cache: could not invalidate %s (cache unreachable)", tag)
            return
    logger.info("page cache: invalidated %s", ", ".join(sorted(tags)))


def bump(*tags: str) -> None:
    """Invalidate once the change is committed, so no reader can cache the old content
    again in between."""
    tags = {tag for tag in tags if tag}
    if tags:
        transaction.on_commit(lambda: bump_now(tags))


def add_references(obj) -> None:
    """What an object's fields point at, from Wagtail's reference index: records and
    snippets chosen in StreamField blocks, and pages linked from rich text. One query."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page, ReferenceIndex

    if _collected.get(None) is None:
        return
    pairs = ReferenceIndex.get_references_for_object(obj).values_list(
        "to_content_type_id", "to_object_id"
    )
    for content_type_id, object_id in set(pairs):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            add(f"page:{object_id}")
        else:
            add(f"{model._meta.label_lower}:{object_id}")
