"""Where every piece of medical content stands with its review, as plain rows.

One function, `review_rows`, lists live articles and live drug, drug class and condition
records in a fixed number of queries however many there are (six: articles, their sections,
one per record type, and the users who own or last edited them). The report, the dashboard
panels and the reminder command all read these rows, so they always agree."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, Revision

AUTHORS, REVIEWERS = "Medical authors", "Medical reviewers"
DUE_SOON_DAYS = 30

IN_DATE, DUE_SOON, OVERDUE, NEVER = "in date", "due soon", "overdue", "never reviewed"
STATUSES = (OVERDUE, NEVER, DUE_SOON, IN_DATE)
KNOCK_ON = "related record changed since last review"

ARTICLE, DRUG, DRUG_CLASS, CONDITION = "Article", "Drug", "Drug class", "Condition"
TYPES = (ARTICLE, DRUG, DRUG_CLASS, CONDITION)
RECORD_SECTIONS = {DRUG: "Medicines", DRUG_CLASS: "Medicines", CONDITION: "Conditions"}


@dataclass
class ReviewRow:
    """One item as the report, the dashboard and the reminders show it."""

    title: str
    type: str
    section: str
    reviewer: str
    last_reviewed_on: datetime.date | None
    next_review_due: datetime.date | None
    status: str
    knock_on: str
    owner: str
    edit_url: str
    reviewer_id: int | None = None
    content_type_id: int = 0
    object_id: str = ""
    owner_user: object = field(default=None, repr=False)


def status_of(next_review_due, today: datetime.date) -> str:
    if next_review_due is None:
        return NEVER
    if next_review_due < today:
        return OVERDUE
    if next_review_due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return IN_DATE


def _user_label(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _row(obj, *, kind, section, owner, edit_url, content_type, today) -> ReviewRow:
    return ReviewRow(
        title=obj.title if kind == ARTICLE else getattr(obj, "display_name", str(obj)),
        type=kind,
        section=section,
        reviewer=str(obj.reviewed_by) if obj.reviewed_by else "",
        last_reviewed_on=obj.last_reviewed_on,
        next_review_due=obj.next_review_due,
        status=status_of(obj.next_review_due, today),
        knock_on=KNOCK_ON if obj.related_change_since_review else "",
        owner=_user_label(owner),
        edit_url=edit_url,
        reviewer_id=obj.reviewed_by_id,
        content_type_id=content_type.pk,
        object_id=str(obj.pk),
        owner_user=owner,
    )


def _scope(queryset, user, owner_field, due_by):
    if user is not None:
        queryset = queryset.filter(Q(**{owner_field: user.pk}) | Q(latest_revision__user=user))
    if due_by is not None:
        queryset = queryset.filter(next_review_due__lte=due_by)
    return queryset


def _article_rows(user, due_by, today) -> list[ReviewRow]:
    from pages.models import ArticlePage

    queryset = ArticlePage.objects.live().select_related("owner", "reviewed_by")
    articles = list(_scope(queryset, user, "owner", due_by))
    parent_path = {article.pk: article.path[: -Page.steplen] for article in articles}
    sections = dict(
        Page.objects.filter(path__in=set(parent_path.values())).values_list("path", "title")
    )
    content_type = ContentType.objects.get_for_model(ArticlePage)
    return [
        _row(
            article,
            kind=ARTICLE,
            section=sections.get(parent_path[article.pk], ""),
            owner=article.owner,
            edit_url=reverse("wagtailadmin_pages:edit", args=[article.pk]),
            content_type=content_type,
            today=today,
        )
        for article in articles
    ]


def _records(user, due_by):
    """(model, type label, content type, live records), each type in one query. A record's
    owner is whoever saved its first revision, annotated as `first_editor_id`."""
    from drugs.models import Condition, Drug, DrugClass

    for model, kind in ((Drug, DRUG), (DrugClass, DRUG_CLASS), (Condition, CONDITION)):
        content_type = ContentType.objects.get_for_model(model)
        first_editor = (
            Revision.objects.filter(
                base_content_type=content_type,
                object_id=Cast(OuterRef("pk"), output_field=CharField()),
            )
            .order_by("created_at", "pk")
            .values("user")[:1]
        )
        queryset = (
            model.objects.live()
            .select_related("reviewed_by")
            .annotate(first_editor_id=Subquery(first_editor))
        )
        yield model, kind, content_type, list(_scope(queryset, user, "first_editor_id", due_by))


def review_rows(*, user=None, due_within_days=None, today=None) -> list[ReviewRow]:
    """Every live medical item, most urgent first (never reviewed, then by due date).

    `user` narrows to content that user owns or last edited; `due_within_days` to content
    due within so many days of `today`, overdue included (never reviewed left out)."""
    today = today or timezone.localdate()
    due_by = None if due_within_days is None else today + datetime.timedelta(due_within_days)
    rows = _article_rows(user, due_by, today)
    records = list(_records(user, due_by))
    owners = get_user_model().objects.in_bulk(
        {obj.first_editor_id for *_, objs in records for obj in objs} - {None}
    )
    for model, kind, content_type, objs in records:
        url_name = model.snippet_viewset.get_url_name("edit")
        rows += [
            _row(
                obj,
                kind=kind,
                section=RECORD_SECTIONS[kind],
                owner=owners.get(obj.first_editor_id),
                edit_url=reverse(url_name, args=[obj.pk]),
                content_type=content_type,
                today=today,
            )
            for obj in objs
        ]
    return sorted(rows, key=_urgency)


def _urgency(row: ReviewRow):
    return (row.next_review_due is not None, row.next_review_due or "", row.type, row.title)


def dashboard_rows(user=None, today=None) -> dict[str, list[ReviewRow]]:
    """Overdue and due-within-30-days items: site-wide, or the user's own content."""
    rows = review_rows(user=user, due_within_days=DUE_SOON_DAYS, today=today)
    return {
        OVERDUE: [row for row in rows if row.status == OVERDUE],
        DUE_SOON: [row for row in rows if row.status == DUE_SOON],
    }


def in_groups(user, *names) -> bool:
    """Superusers count as members of every group. The user's medical groups are looked up
    once and kept on the user object, which lives as long as the request."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_medical_groups"):
        user._medical_groups = set(
            user.groups.filter(name__in=(AUTHORS, REVIEWERS)).values_list("name", flat=True)
        )
    return bool(user._medical_groups.intersection(names))


def sees_all_reviews(user) -> bool:
    """Medical reviewers and superusers see every item on the dashboard."""
    return in_groups(user, REVIEWERS)


def may_view_report(user) -> bool:
    return in_groups(user, AUTHORS, REVIEWERS)


def absolute_admin_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
