"""Reading what a reader typed: printable, single-spaced, bounded, and safe for every backend."""

import re
import unicodedata

MAX_QUERY_LENGTH = 200
ICD10_WITHOUT_DOT = re.compile(r"^([A-Za-z][0-9A-Za-z][0-9A-Za-z])([0-9A-Za-z]{1,4})$")
MARKS = "®™©"


def clean_query(raw: str) -> str:
    """Printable characters only, single-spaced, at most MAX_QUERY_LENGTH long.

    Double quotes go too: SQLite's full-text search fails on an unbalanced one."""
    printable = "".join(ch if ch.isprintable() and ch != '"' else " " for ch in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def normalise(text: str) -> str:
    """Case- and accent-insensitive form for matching names ('Crohn’s' ~ "crohn's")."""
    text = text.translate({ord(m): None for m in MARKS}).replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().split()
    )


def icd10_variants(query: str) -> list[str]:
    """'M06.9' and 'm069' both mean the code M06.9."""
    compact = query.strip().upper()
    match = ICD10_WITHOUT_DOT.match(compact)
    if match:
        return [f"{match.group(1)}.{match.group(2)}", compact]
    return [compact]


def terms(query: str) -> list[str]:
    """Words worth highlighting."""
    return [word for word in re.split(r"[^\w.-]+", query) if len(word) >= 2]
