"""Article blocks render medical records rather than retyped text, and guard the editor."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import blocks

from pages.blocks import ArticleStreamBlock, ContentStreamBlock
from tests.drugs.factories import make_class, make_drug

pytestmark = pytest.mark.django_db


def section(heading, anchor="", content=()):
    return {
        "type": "section",
        "value": {"heading": heading, "anchor": anchor, "content": list(content)},
    }


def paragraph(html="<p>Text.</p>"):
    return {"type": "paragraph", "value": html}


def test_two_sections_with_the_same_anchor_are_refused_with_a_message():
    block = ArticleStreamBlock()
    value = block.to_python(
        [
            section("Side effects", content=[paragraph()]),
            section("Side  Effects", content=[paragraph()]),
        ]
    )
    with pytest.raises(blocks.StreamBlockValidationError) as error:
        block.clean(value)
    message = error.value.block_errors[1].block_errors["heading"].messages[0]
    assert "different one" in message


def test_drug_class_block_lists_live_drugs_with_brands_from_the_records():
    drug_class = make_class("Example blockers")
    make_drug("examplimab", brands=["Exampla"], classes=[drug_class])
    make_drug("hiddenimab", brands=["Secret"], classes=[drug_class], live=False)
    stream = ContentStreamBlock()
    value = stream.to_python(
        [{"type": "drug_class", "value": {"drug_class": drug_class.pk, "show": "drugs"}}]
    )
    html = stream.render(value)
    assert "Example blockers" in html
    assert "examplimab" in html and "Exampla®" in html
    assert "hiddenimab" not in html and "Secret" not in html
    assert drug_class.summary in html  # no article text given: the record's summary shows


def test_drug_class_blocks_cost_the_same_queries_however_many_there_are():
    def render(count):
        classes = []
        for _ in range(count):
            parent = make_class()
            for _ in range(2):
                make_drug(brands=["A", "B"], classes=[make_class(parent=parent)])
            classes.append(parent)
        stream = ContentStreamBlock()
        raw = [
            {"type": "drug_class", "value": {"drug_class": c.pk, "show": "subclasses"}}
            for c in classes
        ]
        value = stream.to_python(raw)
        with CaptureQueriesContext(connection) as queries:
            stream.render(value)
        return len(queries)

    assert render(1) == render(6)


def test_a_large_class_lists_its_first_drugs_and_links_to_all_of_them():
    """An article names examples; the class page has the whole list."""
    from pages.blocks import CLASS_DRUGS_SHOWN

    parent = make_class("Large blockers")
    child = make_class("Small blockers", parent=parent)
    for n in range(CLASS_DRUGS_SHOWN + 3):
        make_drug(f"largumab{n:02d}", brands=[f"Large{n:02d}"], classes=[parent, child])
    make_drug("hiddenumab", classes=[parent], live=False)  # not counted
    stream = ContentStreamBlock()
    value = stream.to_python(
        [
            {"type": "drug_class", "value": {"drug_class": parent.pk, "show": "drugs"}},
            {"type": "drug_class", "value": {"drug_class": parent.pk, "show": "subclasses"}},
        ]
    )
    html = stream.render(value)
    first, second = html.split('<div class="drug-class">')[1:]
    assert first.count("<li>") == CLASS_DRUGS_SHOWN
    assert "largumab00" in first and "Large00®" in first
    assert f"largumab{CLASS_DRUGS_SHOWN:02d}" not in first  # alphabetical: the first ones show
    total = CLASS_DRUGS_SHOWN + 3
    assert f'<a href="{parent.get_url()}">See all {total} drugs in Large blockers</a>' in first
    assert second.count("largumab") == CLASS_DRUGS_SHOWN
    assert f'<a href="{child.get_url()}">see all {total} Small blockers</a>' in second


def test_see_all_counts_what_the_class_page_lists_sub_classes_included():
    from pages.blocks import CLASS_DRUGS_SHOWN

    parent = make_class("Broad blockers")
    child = make_class("Narrow blockers", parent=parent)
    make_drug("broadumab", classes=[parent])
    make_drug("bothumab", classes=[parent, child])  # counted once
    for n in range(CLASS_DRUGS_SHOWN + 1):
        make_drug(f"narrowumab{n:02d}", classes=[child])
    stream = ContentStreamBlock()
    value = stream.to_python(
        [{"type": "drug_class", "value": {"drug_class": parent.pk, "show": "drugs"}}]
    )
    html = stream.render(value)
    assert html.count("<li>") == 2  # the drugs filed under the class itself
    total = CLASS_DRUGS_SHOWN + 3
    assert f"See all {total} drugs in Broad blockers" in html


def test_a_small_class_lists_every_drug_and_no_see_all_link():
    drug_class = make_class("Few blockers")
    make_drug("fewumab", classes=[drug_class])
    stream = ContentStreamBlock()
    value = stream.to_python(
        [{"type": "drug_class", "value": {"drug_class": drug_class.pk, "show": "drugs"}}]
    )
    html = stream.render(value)
    assert "fewumab" in html and "See all" not in html


def test_drug_class_block_lists_drugs_when_built_from_a_form_as_in_previews():
    drug_class = make_class("Previewed blockers")
    make_drug("previewamab", brands=["Previa"], classes=[drug_class])
    stream = ContentStreamBlock()
    # Values built one at a time (as the edit form's preview does) skip the bulk fetch.
    child = stream.child_blocks["drug_class"]
    value = child.to_python({"drug_class": drug_class.pk, "show": "drugs"})
    html = child.render(value)
    assert "previewamab" in html and "Previa®" in html
