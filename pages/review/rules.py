"""The review rules, kept apart from the models so views, hooks and tests share them."""

import json

from wagtail.models import WorkflowState

# Keys that change with every save and say nothing about what readers see.
VOLATILE_KEYS = {
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
}


def _reader_visible(content: dict) -> dict:
    """Revision content without bookkeeping; child rows and stream blocks compared without
    their ids. StreamField values are JSON text whose key order depends on the database, so
    they are parsed before comparing."""

    def strip(value):
        if isinstance(value, str) and value.startswith("["):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in VOLATILE_KEYS}
        return value

    return strip(content)


def unchanged_since_live(obj) -> bool:
    """True when the revision under review says exactly what the live version says."""
    live = getattr(obj, "live_revision", None)
    latest = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    if live is None or latest is None or not obj.live:
        return False
    if live.pk == latest.pk:
        return True
    return _reader_visible(live.content) == _reader_visible(latest.content)


def current_workflow_state(obj):
    return (
        WorkflowState.objects.for_instance(obj)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .first()
    )


def two_person_rule_blocks(obj, user) -> str:
    """Why this user may not approve this content ('' when they may)."""
    state = current_workflow_state(obj)
    if state is not None and state.requested_by_id == user.pk:
        return "You submitted this for review, so another medical reviewer must approve it."
    if _revisions_since_live(obj).filter(user_id=user.pk).exists():
        return "You wrote changes under review, so another medical reviewer must approve them."
    return ""


def _revisions_since_live(obj):
    """Every revision made since the live version: the changes a reviewer would approve."""
    revisions = obj.revisions
    live = getattr(obj, "live_revision", None)
    if live is not None:
        revisions = revisions.filter(created_at__gt=live.created_at)
    return revisions
