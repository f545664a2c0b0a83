"""The dashboard's "Reviews overdue" and "Due in the next 30 days" panels."""

import datetime

import pytest

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from drugs.models import Drug
from pages.models import ArticlePage
from tests.html import soup
from tests.pages.review.test_report import DEMO_ITEMS, add_items, report_csv
from tests.pages.review.workflow import AUTHORS, REVIEWERS, edit, person

pytestmark = pytest.mark.django_db

OVERDUE_PANEL, DUE_SOON_PANEL = "medical-reviews-overdue", "medical-reviews-due-soon"


def panel(response, panel_id):
    """The panel's summary line and its listed items as (title, type, status, note)."""
    content = soup(response).find(id=f"{panel_id}-content")
    if content is None:
        return None, []
    items = []
    for row in content.select("tr[data-review-item]"):
        cells = row.find_all("td")
        note = cells[0].find("div", class_="w-text-critical-200")
        items.append(
            (
                cells[0].a.get_text(strip=True),
                cells[1].get_text(strip=True),
                cells[3].get_text(strip=True),
                note.get_text(strip=True) if note else "",
            )
        )
    summary = " ".join(content.find("p").get_text(" ").split())
    return summary, items


@pytest.fixture
def reviewer_client(client):
    client.force_login(person("amina", REVIEWERS))
    return client


def test_reviewers_see_every_overdue_item_as_the_report_exports_it(reviewer_client):
    summary, items = panel(reviewer_client.get("/admin/"), OVERDUE_PANEL)
    assert summary.startswith(f"{DEMO_ITEMS} items.")
    assert "See them in the Medical reviews report" in summary
    assert items[0] == ("Immunomodulators", "Article", "overdue", "")
    assert len(items) == 10  # the first ten; the report has the rest

    exported = report_csv(reviewer_client, status="overdue")
    assert len(exported) == DEMO_ITEMS
    as_exported = [(row["Title"], row["Type"], row["Status"], row["Knock-on"]) for row in exported]
    assert items == as_exported[:10]
    assert panel(reviewer_client.get("/admin/"), DUE_SOON_PANEL) == (None, [])


def test_content_due_within_30_days_has_its_own_panel(reviewer_client):
    soon = timezone.localdate() + datetime.timedelta(days=12)
    Drug.objects.filter(generic_name__in=["adalimumab", "etanercept"]).update(next_review_due=soon)

    summary, items = panel(reviewer_client.get("/admin/"), DUE_SOON_PANEL)
    assert summary.startswith("2 items.")
    assert items == [
        ("Adalimumab", "Drug", "due soon", ""),
        ("Etanercept", "Drug", "due soon", ""),
    ]
    exported = report_csv(reviewer_client, status="due soon")
    assert [(row["Title"], row["Status"]) for row in exported] == [
        ("Adalimumab", "due soon"),
        ("Etanercept", "due soon"),
    ]
    summary, _ = panel(reviewer_client.get("/admin/"), OVERDUE_PANEL)
    assert summary.startswith(f"{DEMO_ITEMS - 2} items.")


def test_authors_see_only_content_they_last_edited(client):
    author = person("sam", AUTHORS)
    edit(Drug.objects.get(generic_name="infliximab"), author, summary="A draft by Sam.")
    client.force_login(author)

    summary, items = panel(client.get("/admin/"), OVERDUE_PANEL)
    assert summary.startswith("1 item you own or last edited.")
    assert items == [("Infliximab", "Drug", "overdue", "")]


def test_page_owners_outside_the_medical_groups_see_their_own_without_the_report(client, article):
    editor = person("editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    ArticlePage.objects.filter(pk=article.pk).update(owner=editor)
    client.force_login(editor)

    summary, items = panel(client.get("/admin/"), OVERDUE_PANEL)
    assert items == [("Immunomodulators", "Article", "overdue", "")]
    assert "report" not in summary


def test_someone_with_no_medical_content_sees_no_review_panels(client):
    client.force_login(person("sam", AUTHORS))
    response = client.get("/admin/")
    assert panel(response, OVERDUE_PANEL) == (None, [])
    assert panel(response, DUE_SOON_PANEL) == (None, [])


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return queries.captured_queries


def test_the_dashboard_costs_the_same_queries_however_many_items(reviewer_client):
    add_items(range(2))
    dashboard_queries(reviewer_client)  # warm caches
    before = dashboard_queries(reviewer_client)
    drug_queries = [q for q in before if 'FROM "drugs_drug"' in q["sql"]]
    assert len(drug_queries) == 1  # both panels share one fetch

    add_items(range(2, 8))
    summary, _ = panel(reviewer_client.get("/admin/"), OVERDUE_PANEL)
    assert summary.startswith(f"{DEMO_ITEMS + 16} items.")
    assert len(dashboard_queries(reviewer_client)) == len(before)
