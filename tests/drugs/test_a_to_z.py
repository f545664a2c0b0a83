"""A–Z indexes: drugs by generic and brand name, conditions by name."""

import pytest

from drugs.models import Drug
from tests.html import soup, text

pytestmark = pytest.mark.django_db


def test_brand_names_lead_to_their_generic(client):
    response = client.get("/drugs/?letter=H")
    assert response.status_code == 200
    humira = [a for a in soup(response).select("main a") if "Humira" in a.get_text()]
    assert humira, "Humira® is not in the H list"
    assert humira[0]["href"] == Drug.objects.get(generic_name="adalimumab").get_url()
    assert "adalimumab" in text(response)


def test_generic_names_are_listed_under_their_letter(client):
    response = client.get("/drugs/?letter=A")
    assert "adalimumab" in text(response)
    assert "tofacitinib" not in text(response)


def test_letters_without_entries_are_not_links(client):
    page = soup(client.get("/drugs/"))
    letter_links = {a.get_text(strip=True) for a in page.select("main a") if "letter=" in a["href"]}
    assert "A" in letter_links
    assert "Q" not in letter_links  # no drug or brand starts with Q


def test_condition_index_lists_conditions_by_letter(client):
    response = client.get("/conditions/?letter=R")
    assert "Rheumatoid arthritis" in text(response)


@pytest.mark.parametrize("query", ["letter=AB", "letter=%00", "letter=<script>", "letter=ß"])
def test_bad_letters_are_404(client, query):
    assert client.get(f"/drugs/?{query}").status_code == 404
    assert client.get(f"/conditions/?{query}").status_code == 404


@pytest.mark.parametrize("page", ["x", "-1", "0", "99999", "1e9", ""])
def test_bad_page_numbers_show_a_page(client, page):
    assert client.get(f"/drugs/?letter=A&page={page}").status_code == 200
    assert client.get(f"/conditions/?letter=A&page={page}").status_code == 200


def test_class_index_shows_the_tree(client):
    response = client.get("/drug-classes/")
    assert response.status_code == 200
    page = soup(response)
    tnf = page.find("a", string=lambda s: s and "TNF" in s)
    assert tnf is not None
    # nested: TNF inhibitors sit inside the Biologics list item
    assert "Biologics" in tnf.find_parent("ul").find_parent("li").get_text()
