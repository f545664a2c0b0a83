"""The review rules, kept apart from the models so views, hooks and tests share them.

The two-person rule decides by authorship of the content under review, not by who saved the
latest revisions: a change is written by whoever first put its text into the item's history
(or took it out), however it came back later (a revert, a restored revision, a page copy,
which keeps its revisions). A save that changes nothing a reader sees, such as an autosave
or an unchanged form, writes nothing, so it never blocks its user."""

from collections import Counter, OrderedDict

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
    history = list(
        obj.revisions.order_by("created_at", "pk").values_list("pk", "created_at", "user_id")
    )
    if not history:
        return {}
    live = _live_revision(obj)
    key = (obj.get_base_content_type().pk, str(obj.pk), live and live.pk, tuple(history))
    if key not in _AUTHORS:
        _keep(_AUTHORS, key, _authors(obj, history, live))
    return _AUTHORS[key]


def _authors(obj, history, live) -> dict[int, set[str]]:
    units = _units_of(obj, history)
    target = units[history[-1][:2]]
    base = units[(live.pk, live.created_at)] if live else Counter()
    added, removed = target - base, base - target
    authors: dict[int, set[str]] = {}
    previous: Counter = Counter()
    for pk, created_at, user_id in history:
        current = units[(pk, created_at)]
        wrote = [u for u in added if previous[u] < current[u] and current[u] > base[u]]
        wrote += [u for u in removed if previous[u] > current[u] and current[u] < base[u]]
        if wrote and user_id is not None:
            authors.setdefault(user_id, set()).update(field for field, _ in wrote if field)
        previous = current
    return authors


# A revision's units, by (pk, created_at): an autosave overwrites a revision in place and
# moves its created_at. Kept per process, a few dozen at most; the rule is asked several
# times for each screen (footer, status panel, dashboard rows).
_UNITS: OrderedDict = OrderedDict()
_AUTHORS: OrderedDict = OrderedDict()
KEPT = 64


def _keep(store: OrderedDict, key, value) -> None:
    store[key] = value
    while len(store) > KEPT:
        store.popitem(last=False)


def _units_of(obj, history) -> dict:
    keys = [(pk, created_at) for pk, created_at, _ in history]
    missing = [pk for pk, created_at in keys if (pk, created_at) not in _UNITS]
    contents = dict(obj.revisions.filter(pk__in=missing).values_list("pk", "content"))
    found = {}
    for pk, created_at in keys:
        units = _UNITS.get((pk, created_at))
        if units is None:
            units = text_units(contents.get(pk, {}))
            if pk in contents:
                _keep(_UNITS, (pk, created_at), units)
        found[(pk, created_at)] = units
    return found


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
