"""Knock-on review: a cited record's approved change flags the article until it is reviewed."""

import pytest

from drugs.models import Drug
from tests.pages.review.test_dashboard import OVERDUE_PANEL, panel
from tests.pages.review.test_report import report_csv, row_for
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, edit, person, submit

pytestmark = pytest.mark.django_db

FLAG = "related record changed since last review"


@pytest.fixture
def author():
    return person("sam", AUTHORS)


@pytest.fixture
def reviewer():
    return person("amina", REVIEWERS, profile=True)


def test_an_approved_drug_change_flags_the_article_until_it_is_reviewed_again(
    client, article, author, reviewer
):
    drug = Drug.objects.get(generic_name="adalimumab")
    edit(drug, author, summary="Adalimumab calms an overactive immune system.")
    submit(drug, author)
    act(drug, reviewer, "approve", comment="Plainer summary.")
    article.refresh_from_db()
    assert article.related_change_since_review is not None

    client.force_login(reviewer)
    rows = report_csv(client)
    flagged = row_for(rows, "Immunomodulators")
    assert (flagged["Status"], flagged["Knock-on"]) == ("overdue", FLAG)
    assert row_for(rows, "Adalimumab", "Drug")["Status"] == "in date"
    assert [row["Title"] for row in report_csv(client, knock_on="yes")] == ["Immunomodulators"]
    _, items = panel(client.get("/admin/"), OVERDUE_PANEL)
    assert items[0] == (
        "Immunomodulators",
        "Article",
        "overdue",
        "Related record changed since last review",
    )

    edit(article, author, summary="Immunomodulators, checked against the new drug entry.")
    submit(article, author)
    act(article, reviewer, "approve")
    article.refresh_from_db()
    assert article.related_change_since_review is None

    cleared = row_for(report_csv(client), "Immunomodulators")
    assert (cleared["Status"], cleared["Knock-on"]) == ("in date", "")
    assert report_csv(client, knock_on="yes") == []
    _, items = panel(client.get("/admin/"), OVERDUE_PANEL)
    assert "Immunomodulators" not in [title for title, *_ in items]


def test_reconfirming_a_record_unchanged_flags_nothing(article, author, reviewer):
    drug = Drug.objects.get(generic_name="etanercept")
    submit(drug, author)
    act(drug, reviewer, "reconfirm")
    article.refresh_from_db()
    assert article.related_change_since_review is None
