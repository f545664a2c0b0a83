"""The "Medical reviews" report: what it lists, its filters, who may open it, its cost."""

import csv
import io

import pytest

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drugs.models import Condition, Drug
from pages.models import ArticlePage, ReviewerProfile, SectionPage
from tests.html import soup, text
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, edit, person, submit

pytestmark = pytest.mark.django_db

REPORT = "/admin/medical-reviews/"
DEMO_ITEMS = 1 + 29 + 19 + 48  # the article, drugs, drug classes, conditions


def report_csv(client, **filters) -> list[dict]:
    response = client.get(REPORT, {**filters, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def row_for(rows, title, kind="Article") -> dict:
    matches = [row for row in rows if (row["Title"], row["Type"]) == (title, kind)]
    assert len(matches) == 1, [row["Title"] for row in rows]
    return matches[0]


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org"))
    return client


def test_the_demo_article_is_listed_overdue_with_its_section_and_edit_link(admin_client, article):
    page = admin_client.get(REPORT)
    assert page.status_code == 200
    link = soup(page).find("a", string=lambda s: s and s.strip() == "Immunomodulators")
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[article.pk])

    row = row_for(report_csv(admin_client), "Immunomodulators")
    assert row == {
        "Title": "Immunomodulators",
        "Type": "Article",
        "Section": "Drugs, devices & supplements",
        "Reviewer": "",
        "Last reviewed": "2023-05-10",
        "Next review due": "2026-05-10",
        "Status": "overdue",
        "Knock-on": "",
        "Owner": "",
        "Edit URL": f"http://testserver/admin/pages/{article.pk}/edit/",
    }


def test_every_live_item_is_listed_once_with_records_in_their_sections(admin_client):
    rows = report_csv(admin_client)
    assert len(rows) == DEMO_ITEMS
    assert {(row["Type"], row["Section"]) for row in rows} == {
        ("Article", "Drugs, devices & supplements"),
        ("Drug", "Medicines"),
        ("Drug class", "Medicines"),
        ("Condition", "Conditions"),
    }
    adalimumab = row_for(rows, "Adalimumab", "Drug")
    drug = Drug.objects.get(generic_name="adalimumab")
    assert adalimumab["Edit URL"].endswith(
        reverse("wagtailsnippets_drugs_drug:edit", args=[drug.pk])
    )


def test_the_xlsx_export_downloads(admin_client):
    response = admin_client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="medical-reviews-')


def test_filters_narrow_the_list(admin_client):
    assert {row["Type"] for row in report_csv(admin_client, type="Drug class")} == {"Drug class"}
    assert len(report_csv(admin_client, type="Drug class")) == 19
    assert {row["Title"] for row in report_csv(admin_client, type="Article")} == {
        "Immunomodulators"
    }
    assert len(report_csv(admin_client, section="Conditions")) == 48
    assert len(report_csv(admin_client, status="overdue")) == DEMO_ITEMS
    assert report_csv(admin_client, status="in date") == []
    assert report_csv(admin_client, knock_on="yes") == []

    page = admin_client.get(REPORT, {"type": "Article", "status": "overdue"})
    assert "There is 1 match" in text(page)


def test_the_reviewer_filter_finds_what_a_reviewer_approved(admin_client):
    author = person("sam", AUTHORS)
    reviewer = person("amina", REVIEWERS)
    profile = ReviewerProfile.objects.create(user=reviewer, display_name="Dr Amina Okafor")
    drug = Drug.objects.get(generic_name="methotrexate")
    edit(drug, author, summary="Methotrexate, reworded.")
    submit(drug, author)
    act(drug, reviewer, "approve")

    rows = report_csv(admin_client, reviewer=profile.pk)
    assert [(row["Title"], row["Reviewer"], row["Status"]) for row in rows] == [
        ("Methotrexate", "Dr Amina Okafor", "in date")
    ]
    assert (
        row_for(rows, "Methotrexate", "Drug")["Owner"] == ""
    )  # the demo record has no first editor
    assert "Dr Amina Okafor" in text(admin_client.get(REPORT))  # offered as a filter choice


def test_sorting_by_title_descending(admin_client):
    rows = report_csv(admin_client, ordering="-title")
    titles = [row["Title"] for row in rows]
    assert titles == sorted(titles, reverse=True)


@pytest.mark.parametrize("group", [AUTHORS, REVIEWERS])
def test_medical_authors_and_reviewers_see_the_report_in_the_reports_menu(client, group):
    client.force_login(person("medic", group))
    home = client.get("/admin/")
    assert REPORT in home.content.decode()
    assert client.get(REPORT).status_code == 200


def test_someone_outside_the_medical_groups_cannot_open_the_report(client):
    editor = person("editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert REPORT not in client.get("/admin/").content.decode()

    for url in (REPORT, REPORT + "?export=csv", REPORT + "results/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"Immunomodulators" not in response.content


def add_items(numbers) -> None:
    """More overdue articles and records, with owners, reviewers and knock-on flags."""
    section = SectionPage.objects.get(slug="drugs-devices-supplements")
    stamp = {"last_reviewed_on": "2023-01-02", "next_review_due": "2026-01-02"}
    for i in numbers:
        owner = person(f"owner{i}", AUTHORS)
        profile = ReviewerProfile.objects.create(user=person(f"rev{i}"), display_name=f"Dr {i}")
        article = section.add_child(
            instance=ArticlePage(
                title=f"Extra article {i}", slug=f"extra-article-{i}", summary="Extra.", owner=owner
            )
        )
        ArticlePage.objects.filter(pk=article.pk).update(
            reviewed_by=profile, related_change_since_review="2026-11-01T00:00Z", **stamp
        )
        condition = Condition.objects.create(
            name=f"Extra condition {i}", slug=f"extra-condition-{i}", summary="Extra."
        )
        condition.save_revision(user=owner)
        Condition.objects.filter(pk=condition.pk).update(reviewed_by=profile, **stamp)


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT, params)
        if params.get("export"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def test_the_report_costs_the_same_queries_however_many_items(admin_client):
    add_items(range(2))
    _queries(admin_client)  # warm caches (content types, site)
    before = {fmt: _queries(admin_client, export=fmt) for fmt in ("", "csv")}
    add_items(range(2, 8))
    assert len(report_csv(admin_client)) == DEMO_ITEMS + 16
    after = {fmt: _queries(admin_client, export=fmt) for fmt in ("", "csv")}
    assert after == before
