"""Bad input never 500s: hostile paths, query strings, methods and headers on every public URL
get a normal page or a clear 4xx (the friendly 404, a 400, a 405), never a server error."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from portal.search.query import clean_query
from tests.fuzz import (
    FUZZ,
    encode,
    hostile_segment,
    hostile_text,
    hostile_value,
    isolated,
    query_string,
)
from tests.html import soup

pytestmark = pytest.mark.django_db

CLEAR = {200, 301, 302, 400, 404, 405}

# Each public URL and the parameters it reads (or that readers and crawlers tend to send).
QUERY_URLS = {
    "/search/": ["q", "type", "page", "as_typed"],
    "/search/autocomplete/": ["q"],
    "/drugs/": ["letter", "page"],
    "/conditions/": ["letter", "page"],
    "/drug-classes/": ["page", "letter"],
    "/": ["page", "q"],
    "/drugs-devices-supplements/": ["page"],
    "/drugs-devices-supplements/immunomodulators/": ["page", "print"],
    "/drugs/adalimumab/": ["page"],
    "/api/v2/pages/": [
        "type",
        "fields",
        "order",
        "limit",
        "offset",
        "search",
        "search_operator",
        "child_of",
        "descendant_of",
        "ancestor_of",
        "locale",
        "slug",
        "title",
        "html_path",
        "format",
    ],
    "/api/v2/pages/find/": ["html_path", "id", "type"],
    "/sitemap.xml": ["p", "section"],
    "/robots.txt": ["x"],
}

# Where a hostile path segment goes: record slugs, page slugs, API ids, the sitemap section.
PATH_TEMPLATES = [
    "/drugs/{}/",
    "/drug-classes/{}/",
    "/conditions/{}/",
    "/{}/",
    "/{}",
    "/drugs-devices-supplements/{}/",
    "/drugs-devices-supplements/immunomodulators/{}/",
    "/api/v2/pages/{}/",
    "/api/v2/{}/",
    "/search/{}/",
    "/documents/{}/",
    "/documents/1/{}",
    "/sitemap-{}.xml",
]


def assert_clear(response):
    """A normal page or a clear 4xx, and never a stack trace (the test client re-raises any
    exception a view lets escape, so a crash fails the test with its traceback)."""
    assert response.status_code in CLEAR, response.status_code
    body = response.content.decode(errors="replace")
    assert "Traceback" not in body


@pytest.mark.parametrize("url", list(QUERY_URLS))
def test_hostile_query_strings(client, url):
    @FUZZ
    @given(query=query_string(QUERY_URLS[url]))
    @example(query="page=-1&page=9" + "9" * 30 + "&letter=%00&type=drug&type=%FF")
    @example(query="q=%ED%A0%80&q=a%00b&page=1e400&as_typed=1")
    @example(query="limit=-1&offset=99999999999999999999&order=-id,random&fields=*,-title,_")
    @example(query="search=a%20%26%20b%20%7C%20!c%3A*&search_operator=or&child_of=1e9")
    @example(query="letter=0-9&page=last&letter=%C3%96")
    @example(query="id=&html_path=%00&id=x")
    def fuzz(query):
        with isolated():
            assert_clear(client.get(f"{url}?{query}"))

    fuzz()


@FUZZ
@given(template=st.sampled_from(PATH_TEMPLATES), segment=hostile_segment)
@example(template="/{}/", segment="%00")
@example(template="/drugs-devices-supplements/{}/", segment="a%00b")
@example(template="/api/v2/pages/{}/", segment="9" * 30)
@example(template="/documents/{}/", segment="9" * 5000)
@example(template="/documents/{}/x.pdf", segment="9" * 30)
@example(template="/drugs/{}/", segment="%ED%A0%80")
@example(template="/{}/", segment="..%2f..%2fetc%2fpasswd")
def test_hostile_paths(client, template, segment):
    with isolated():
        assert_clear(client.get(template.format(segment)))


@FUZZ
@given(
    method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "BREW"]),
    url=st.sampled_from(list(QUERY_URLS)),
    body=hostile_value,
)
def test_other_methods_are_refused_or_answered(client, method, url, body):
    with isolated():
        response = client.generic(method, url, data=f"q={body}", content_type="text/plain")
        assert response.status_code in CLEAR | {403}, response.status_code


# Headers a browser, proxy or scanner may send, with hostile values (header values are
# Latin-1 on the wire, so that is all a client can send).
HEADERS = [
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_COOKIE",
    "HTTP_REFERER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_RANGE",
    "HTTP_HOST",
    "CONTENT_TYPE",
]
header_value = st.one_of(
    hostile_text.map(lambda text: text.encode("latin-1", "replace").decode("latin-1")),
    st.sampled_from(
        [
            "sessionid=x; csrftoken=\x00; wagtail-preview=1",
            "evil.example:99999",
            "evil.example\r\nX-Injected: 1",
            "[::1",
            "localhost:abc",
            "bytes=-1-",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            '"*", W/"x"',
        ]
    ),
)


@FUZZ
@given(
    url=st.sampled_from(
        ["/", "/drugs/", "/drugs/adalimumab/", "/search/?q=humira", "/sitemap.xml"]
    ),
    headers=st.dictionaries(st.sampled_from(HEADERS), header_value, min_size=1, max_size=4),
)
@example(url="/", headers={"HTTP_HOST": "evil.example\r\nX-Injected: 1"})
@example(url="/drugs/", headers={"HTTP_COOKIE": "sessionid=\x00; csrftoken=" + "x" * 5000})
def test_hostile_headers(client, url, headers):
    with isolated():
        assert_clear(client.get(url, **headers))


@FUZZ
@given(query=hostile_text)
def test_search_always_shows_its_form_and_what_was_searched(client, query):
    """Beyond not crashing: a search page comes back, with the (cleaned) query in its box."""
    with isolated():
        response = client.get(f"/search/?q={encode(query)}")
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex"
        # Django decodes what is not UTF-8 (a lone surrogate) as U+FFFD.
        cleaned = clean_query(query.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
        box = soup(response).select_one('main input[name="q"]')
        assert box is not None
        assert box.get("value", "") == cleaned


@FUZZ
@given(query=hostile_value)
def test_autocomplete_always_answers_json(client, query):
    with isolated():
        response = client.get(f"/search/autocomplete/?q={query}")
        assert response.status_code == 200
        data = response.json()
        assert isinstance(data["suggestions"], list)
        assert len(data["suggestions"]) <= 8


# Regressions found by the fuzz tests above.


@pytest.mark.parametrize(
    "query",
    [
        "id=",  # the find view looked any ?id= up as a number: ValueError
        "id=x",
        "html_path=/a%00b/",  # PostgreSQL refuses a NUL byte: DataError
        "search=a%00b",
        "locale=%00",
    ],
)
@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v2/pages/find/"])
def test_api_answers_malformed_parameters_with_400(client, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_api_find_still_finds_by_id_and_path(client, article):
    assert client.get(f"/api/v2/pages/find/?id={article.pk}").status_code == 302
    assert client.get(f"/api/v2/pages/find/?html_path={article.url}").status_code == 302
