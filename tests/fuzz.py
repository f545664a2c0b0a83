"""Hostile input for fuzz tests: hypothesis strategies of values an attacker, a broken
client or a careless paste might send, and the settings every fuzz test shares."""

import contextlib
from urllib.parse import quote, quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from django.db import transaction

# Modest example counts keep each fuzz file well under a minute. No example database: runs
# stay independent of one another and leave nothing behind in the working tree.
FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,
    # The test client and the logged-in user are shared by every example on purpose; each
    # example's database writes are rolled back by `isolated()`.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values known to break naive code somewhere: SQL and full-text operators, NUL bytes, lone
# surrogates, odd Unicode, percent-encodings, traversal, template and header injection,
# numbers a paginator or an integer column cannot hold.
KNOWN_BAD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff x",
    "\ufeff",
    "Humi\u202era",
    "\u200b\u200d",
    "e\u0301\u0301\u0301",
    "𝔞𝔡𝔞𝔩𝔦𝔪𝔲𝔪𝔞𝔟",
    "漢字 ü é",
    "ﬁ ß İ",
    "'",
    '"',
    '"unbalanced',
    "a\"b'c",
    "'; DROP TABLE drugs_drug; --",
    "1' OR '1'='1",
    "a & b",
    "a | b",
    "!a",
    "a:*",
    "*",
    "(",
    "((a) | b",
    "a <-> b",
    "a <2> b",
    "NEAR(a b)",
    "AND OR NOT (",
    "-a +b ^c ~d",
    "\\",
    "%",
    "_",
    "%_%",
    "%00",
    "%2e%2e%2f",
    "%ED%A0%80",
    "%FF%FE",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/admin/",
    "//evil.example/",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}{% debug %}",
    "${jndi:ldap://x}",
    "Content-Type: text/html\r\nSet-Cookie: x=1",
    "\r\n\r\n<h1>",
    "-1",
    "0",
    "-0",
    "1.5",
    "1e9",
    "1e400",
    "NaN",
    "inf",
    "-inf",
    "0x10",
    "١٢",
    "２",
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "last",
    "null",
    "true",
    "[]",
    "{}",
    "A",
    "0-9",
    "Z",
]

known_bad = st.sampled_from(KNOWN_BAD)

# Longer than any field or index allows (kept out of KNOWN_BAD, whose repr hypothesis prints).
very_long = st.tuples(
    st.sampled_from(["x", "9", "é", "<a>", "%", "\x00"]), st.sampled_from([256, 5000])
).map(lambda pair: pair[0] * pair[1])

# Any Unicode, including control characters and lone surrogates (category Cs).
any_unicode = st.text(st.characters(codec=None, categories=None), max_size=60)

hostile_text = st.one_of(
    known_bad,
    any_unicode,
    very_long,
    st.lists(known_bad, min_size=2, max_size=4).map(" ".join),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


def encode(value: str | bytes) -> str:
    """Percent-encode a value for a URL, as a client that sends any bytes at all would."""
    if isinstance(value, bytes):
        return quote_from_bytes(value, safe="")
    return quote(value, safe="", errors="surrogatepass")


# A query-string value: hostile text, or raw bytes (including invalid UTF-8).
hostile_value = st.one_of(hostile_text.map(encode), st.binary(max_size=40).map(encode))
# A path segment: the same, plus traversal and percent-encodings sent as they are.
hostile_segment = st.one_of(
    hostile_value,
    st.sampled_from(
        ["..", ".", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "%ED%A0%80", "%FF", "%252e", ";x=1"]
    ),
)


def form_body(data) -> str:
    """A form's data (a dict or QueryDict) url-encoded the way a raw client could send it: any code
    point, lone surrogates included, as bytes (which the server must decode as best it can)."""
    lists = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
    return "&".join(f"{encode(name)}={encode(value)}" for name, values in lists for value in values)


def post_form(client, url, data):
    return client.post(url, form_body(data), content_type="application/x-www-form-urlencoded")


def query_string(names) -> st.SearchStrategy[str]:
    """A query string with some of these parameters (repeated at will) and hostile values,
    sometimes with a parameter nobody expects."""
    name = st.one_of(st.sampled_from(list(names)), hostile_value)
    pairs = st.lists(st.tuples(name, hostile_value), max_size=6)
    return pairs.map(lambda items: "&".join(f"{n}={v}" for n, v in items))


@contextlib.contextmanager
def isolated():
    """Roll back whatever one example writes, so examples cannot affect one another (and a
    database error in one cannot poison the transaction for the next)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
