"""What a revision says to readers, with the bookkeeping taken out.

Two views of one revision's content:
- `reader_view` is its reader-visible structure, for deciding whether two revisions say the
  same thing ("Reviewed, no changes");
- `text_units` breaks it into the pieces somebody wrote (a paragraph, a field's value, one
  linked record), for deciding who wrote a change (the two-person rule).

Both ignore what changes with every save and says nothing to readers: ids, tree fields,
timestamps, the review stamp, comments, and the `data-block-key` attributes Wagtail's
rich-text editor adds to every paragraph on its first save (so demo or imported content
saved once in the editor is still the same content)."""

import json
import re
from collections import Counter

# Keys that change with every save and say nothing about what readers see.
VOLATILE_KEYS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "live",
        "live_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "locked",
        "locked_at",
        "locked_by",
        "expired",
        "owner",
        "content_type",
        "tree_path",
        "last_reviewed_on",
        "next_review_due",
        "reviewed_by",
        "review_note",
        "related_change_since_review",
        "translation_key",
        "locale",
        "alias_of",
        "comments",
        "wagtail_admin_comments",
        "go_live_at",
        "expire_at",
    }
)

BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
SPACES = re.compile(r"\s+")
# Words, and whole tags (a link's address is writing too).
TOKENS = re.compile(r"<[^>]*>|[^\s<]+")
SHINGLE = 3
EMPTY = (None, "", [], {})


def _parse(value):
    """StreamField values travel as JSON text whose key order depends on the database."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _clean_text(value: str) -> str:
    return SPACES.sub(" ", BLOCK_KEY.sub("", value)).strip()


def reader_view(content):
    """The content as readers see it: nested values without bookkeeping, empty values left
    out (a form saves '' where a loader wrote nothing), text without editor attributes."""
    value = _parse(content)
    if isinstance(value, dict):
        cleaned = {
            key: reader_view(item) for key, item in value.items() if key not in VOLATILE_KEYS
        }
        return {key: item for key, item in cleaned.items() if item not in EMPTY}
    if isinstance(value, list):
        return [reader_view(item) for item in value]
    if isinstance(value, str):
        return _clean_text(value)
    return value


def _shingles(text: str):
    """Every run of three words: whoever wrote a phrase still wrote it after a colleague
    tidied the sentence around it."""
    tokens = TOKENS.findall(text)
    if len(tokens) <= SHINGLE:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]


def text_units(content) -> Counter:
    """The pieces of writing in the content, as (field, fingerprint) with their counts.

    A piece is a run of three words of text (shorter text whole), or one value of any other
    kind (a number, a linked record's id), fingerprinted with where it sits. A stream
    block's `type` says where its text sits rather than being text itself, so adding a
    section is authorship of what the section says, not of the word "section"."""
    units: Counter = Counter()

    def walk(path: tuple, value) -> None:
        value = _parse(value)
        if isinstance(value, dict):
            if "type" in value and "value" in value:
                walk((*path, value["type"]), value["value"])
                return
            for key, item in value.items():
                if key not in VOLATILE_KEYS:
                    walk((*path, key), item)
        elif isinstance(value, list):
            for item in value:
                walk(path, item)
        elif isinstance(value, str):
            field = path[0] if path else ""
            for shingle in _shingles(BLOCK_KEY.sub("", value)):
                units[(field, hash((path, shingle)))] += 1
        elif value is not None:
            units[(path[0] if path else "", hash((path, json.dumps(value))))] += 1

    walk((), content)
    return units
