"""Script-injection payloads in drug names, brand names, class names, condition names and
synonyms are shown as text: on the public record pages, in their JSON-LD and meta
descriptions, in the A–Z indexes and the class tree, and in the admin's listings, edit and
inspect views."""

import pytest

from drugs.models import Condition, Drug, DrugClass
from tests.drugs.factories import any_route, make_class, make_condition, make_drug
from tests.drugs.snippets import snippet_url as admin_url
from tests.html import json_ld
from tests.xss import MARK, PAYLOAD, SHORT_PAYLOAD, assert_inert, assert_shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    drug_class = make_class(f"{PAYLOAD} class", also_called=SHORT_PAYLOAD)
    condition = make_condition(f"{PAYLOAD} condition", synonyms=[SHORT_PAYLOAD])
    condition.summary = PAYLOAD
    condition.save()
    condition.save_revision().publish()
    drug = make_drug(
        f"{PAYLOAD} drug",
        brands=[SHORT_PAYLOAD],
        classes=[drug_class],
        conditions=[condition],
        routes=[any_route()],
    )
    drug.description = PAYLOAD
    drug.save()
    drug.save_revision().publish()
    return {"drug": drug, "class": drug_class, "condition": condition}


@pytest.mark.parametrize("kind", ["drug", "class", "condition"])
def test_record_pages_show_payloads_as_text(client, records, kind):
    record = records[kind]
    response = client.get(record.get_url())
    assert response.status_code == 200
    page = assert_inert(response.content)
    assert_shown(page, PAYLOAD)
    links = {a.get("href") for a in page.find_all("a")}
    assert {other.get_url() for other in records.values() if other is not record} & links
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert MARK in description or description == record.summary
    [data] = json_ld(response)
    assert data["name"] == getattr(record, "name", None) or data["name"] == record.generic_name


def test_json_ld_cannot_be_closed_by_a_name(client, records):
    response = client.get(records["drug"].get_url())
    raw = response.content.decode()
    script = raw[raw.index('<script type="application/ld+json">') :]
    script = script[: script.index("</script>")]
    assert "<" not in script.removeprefix('<script type="application/ld+json">')
    [data] = json_ld(response)
    assert data["proprietaryName"] == [SHORT_PAYLOAD]
    assert data["indication"][0]["name"] == records["condition"].name


@pytest.mark.parametrize("url", ["/drugs/?letter=0-9", "/conditions/?letter=0-9", "/drug-classes/"])
def test_indexes_show_payloads_as_text(client, records, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_shown(assert_inert(response.content), PAYLOAD)


@pytest.mark.parametrize(
    "model, kind", [(Drug, "drug"), (DrugClass, "class"), (Condition, "condition")]
)
def test_admin_views_show_payloads_as_text(editor, records, model, kind):
    record = records[kind]
    for url in [
        admin_url(model, "list"),
        admin_url(model, "list") + f"?q={MARK}",
        admin_url(model, "edit", record.pk),
        admin_url(model, "inspect", record.pk),
        admin_url(model, "history", record.pk),
    ]:
        response = editor.get(url)
        assert response.status_code == 200, url
        assert MARK in response.content.decode(), url
        assert_inert(response.content)


def test_a_class_chosen_as_parent_is_shown_as_text_in_the_chooser(editor, records):
    child = make_class("Plain child class", parent=records["class"])
    response = editor.get(admin_url(DrugClass, "edit", child.pk))
    assert MARK in response.content.decode()
    assert_inert(response.content)
