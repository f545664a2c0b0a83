"""The review rules, kept apart from the models so views, hooks and tests share them.

The two-person rule decides by authorship of the content under review, not by who saved the
latest revisions: a change is written by whoever first put its text into the item's history
(or took it out), however it came back later (a revert, a restored revision, a page copy,
which keeps its revisions). A save that changes nothing a reader sees, such as an autosave
or an unchanged form, writes nothing, so it never blocks its user."""

from collections import Counter

from wagtail.models import WorkflowState

from .content import reader_view, text_units


def current_workflow_state(obj):
    return (
        WorkflowState.objects.for_instance(obj)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .first()
    )


def latest_revision(obj):
    """The newest revision, read from the database (an edit view may have just saved one)."""
    return obj.revisions.order_by("-created_at", "-pk").first()


def _live_revision(obj):
    return obj.live_revision if getattr(obj, "live", False) else None


def unchanged_since_live(obj) -> bool:
    """True when the revision under review says exactly what the live version says."""
    live, latest = _live_revision(obj), latest_revision(obj)
    if live is None or latest is None:
        return False
    if live.pk == latest.pk:
        return True
    return reader_view(live.content) == reader_view(latest.content)


def authors_of_changes(obj) -> dict[int, set[str]]:
    """Who wrote the changes under review: user id → the fields their writing is in.

    A unit of writing (a three-word phrase, a value, one linked record) added since the live
    version was written by every user whose revision brought it in beyond its live count;
    one removed, by every user whose revision took it out below that. The whole history
    counts, so text that left and came back is still its writer's."""
    latest = latest_revision(obj)
    if latest is None:
        return {}
    live = _live_revision(obj)
    target, base = text_units(latest.content), text_units(live.content if live else {})
    added, removed = target - base, base - target
    if not added and not removed:
        return {}
    authors: dict[int, set[str]] = {}
    previous: Counter = Counter()
    history = obj.revisions.order_by("created_at", "pk").only("pk", "user_id", "content")
    for revision in history.iterator():
        units = text_units(revision.content)
        wrote = [u for u in added if previous[u] < units[u] and units[u] > base[u]]
        wrote += [u for u in removed if previous[u] > units[u] and units[u] < base[u]]
        if wrote and revision.user_id is not None:
            authors.setdefault(revision.user_id, set()).update(f for f, _ in wrote if f)
        previous = units
    return authors


def field_labels(obj, names) -> str:
    """'Summary and Body': the fields' names as the editor shows them."""
    labels = []
    for name in sorted(names):
        try:
            labels.append(str(obj._meta.get_field(name).verbose_name).capitalize())
        except Exception:  # a child relation or a field since removed: its own name
            labels.append(name.replace("_", " ").capitalize())
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def two_person_rule_blocks(obj, user) -> str:
    """Why this user may not approve this content ('' when they may)."""
    state = current_workflow_state(obj)
    if state is not None and state.requested_by_id == user.pk:
        return "You submitted this for review, so another medical reviewer must approve it."
    fields = authors_of_changes(obj).get(user.pk)
    if fields is not None:
        where = f" ({field_labels(obj, fields)})" if fields else ""
        return (
            f"The content under review includes changes you wrote{where}, so another "
            "medical reviewer must approve it."
        )
    return ""
