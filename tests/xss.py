"""Script-injection payloads, and the checks that a rendered page shows them as inert text."""

import json

from bs4 import BeautifulSoup

MARK = "xss7"

# One value that tries every context at once: closing a <script> (JSON-LD) or <title>,
# breaking out of double- and single-quoted attributes, and adding elements with handlers.
PAYLOAD = (
    f"</script></title><script>alert('{MARK}')</script>\"'><img src=x onerror=alert('{MARK}')>"
)
# The same within 120 characters, for shorter fields.
SHORT_PAYLOAD = f"</script>\"'><img src=x onerror=alert('{MARK}')>"
JAVASCRIPT_URL = f"javascript:alert('{MARK}')"

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def assert_inert(html: str | bytes) -> BeautifulSoup:
    """No element, handler, script or javascript: URL came from a payload; any JSON inside a
    <script> still parses (nothing broke out of it)."""
    if isinstance(html, bytes):
        html = html.decode()
    page = BeautifulSoup(html, "html.parser")
    for script in page.find_all("script"):
        body = script.string or ""
        if script.get("type") in DATA_SCRIPT_TYPES:
            json.loads(body)
            assert "</script" not in body.lower()
        else:
            assert MARK not in body, f"a payload runs as script: {body[:200]}"
    assert not page.select('img[src="x"]'), "a payload added an <img>"
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                assert MARK not in value, f"a payload added a handler: <{tag.name} {name}=…>"
            if name.lower() in URL_ATTRIBUTES:
                assert not "".join(value.split()).lower().startswith("javascript:"), (
                    f"a javascript: URL in <{tag.name} {name}={value!r}>"
                )
    return page


def assert_shown(page: BeautifulSoup, text: str):
    """The payload is on the page as text a reader sees (escaped, not dropped)."""
    assert text in page.get_text(), f"{text!r} is not shown on the page"
