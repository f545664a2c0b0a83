"""Small helpers for reading rendered pages the way a reader (or a crawler) would."""

import json

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(response) -> list[dict]:
    """Every JSON-LD object on the page, parsed (fails the test if one does not parse)."""
    return [
        json.loads(tag.string)
        for tag in soup(response).find_all("script", attrs={"type": "application/ld+json"})
    ]


def json_ld_of_type(response, schema_type: str) -> dict:
    found = [item for item in json_ld(response) if item.get("@type") == schema_type]
    assert found, f"no {schema_type} JSON-LD on the page"
    return found[0]


def text(response) -> str:
    return " ".join(soup(response).get_text(" ").split())
