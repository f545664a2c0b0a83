"""An article as the page editor posts it, for tests that drive the admin's page forms."""

import json

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from drugs.models import Condition, Drug, DrugClass
from pages.blocks import RICH_TEXT_FEATURES
from pages.models import CallToAction


def text(html):
    return rich_text(html, features=RICH_TEXT_FEATURES)


def article_form(**changes):
    """A complete, valid article as the editor posts it, with some fields replaced."""
    drug_class = DrugClass.objects.live().first()
    data = nested_form_data(
        {
            "title": "Fuzzed article",
            "slug": "fuzzed-article",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "summary": "A summary.",
            "drug_classes": str(drug_class.pk),
            "drugs": str(Drug.objects.live().first().pk),
            "conditions": str(Condition.objects.live().first().pk),
            "body": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": "What it is",
                            "anchor": "",
                            "content": streamfield(
                                [
                                    ("paragraph", text("<p>Plain words.</p>")),
                                    ("subheading", "A subheading"),
                                    (
                                        "drug_class",
                                        {
                                            "drug_class": str(drug_class.pk),
                                            "text": text("<p>About the class.</p>"),
                                            "show": "drugs",
                                            "list_intro": "Types include:",
                                        },
                                    ),
                                ]
                            ),
                        },
                    ),
                    ("note", {"heading": "A note from us", "text": text("<p>Ask us.</p>")}),
                    ("call_to_action", str(CallToAction.objects.first().pk)),
                ]
            ),
        }
    )
    data.update(changes)
    return data


def contentstate(words, link):
    """Draftail's JSON as a crafted request might send it: any words, any link target."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": words or "x",
                    "inlineStyleRanges": [{"offset": 0, "length": 1, "style": "BOLD"}],
                    "entityRanges": [{"key": 0, "offset": 0, "length": 1}],
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": link}},
        }
    )
