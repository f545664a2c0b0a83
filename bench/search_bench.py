"""Time site search and autocomplete on the large benchmark library (PostgreSQL).

    .venv/bin/python -m bench.search_bench               # after python -m bench.load_library
    .venv/bin/python -m bench.search_bench --rounds 20   # a quicker, noisier run

Times `portal.search.engine.search(query)` and `portal.search.engine.autocomplete(prefix)`
over a fixed query mix. Until that module exists it times Wagtail's search directly
(conditions for search, drugs for autocomplete) and says so in every table. Then times the
full `/search/?q=` and `/search/autocomplete/?q=` requests through Django's test client when
they answer 200, and each Wagtail backend call on its own, to show where the time goes.

Prints markdown tables and writes bench/results/search.json. Targets, at the benchmark's
size: search p95 <= 50 ms, autocomplete p95 <= 20 ms."""

import argparse
import json
import os
import platform
import random
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # never the developer's settings

RESULTS_DIR = Path(__file__).resolve().parent / "results"
SEARCH_RESULTS = RESULTS_DIR / "search.json"
LOAD_RESULTS = RESULTS_DIR / "load.json"

TARGET_P95_MS = {"search": 50.0, "autocomplete": 20.0}
SEED = 7
MIN_CONDITIONS = 70_000

# (category, query). Generated drug and brand names are added from the database at run time.
SEARCH_QUERIES = [
    ("brand", "Humira"),
    ("brand", "Enbrel"),
    ("brand", "Xeljanz"),
    ("brand", "Simponi Aria"),
    ("generic", "adalimumab"),
    ("generic", "methotrexate"),
    ("generic", "tofacitinib"),
    ("generic", "hydroxychloroquine"),
    ("misspelling", "adalimumabb"),
    ("misspelling", "metotrexate"),
    ("misspelling", "humria"),
    ("misspelling", "rheumatiod arthritis"),
    ("misspelling", "diabetis"),
    ("condition", "rheumatoid arthritis"),
    ("condition", "type 2 diabetes"),
    ("condition", "asthma"),
    ("condition", "multiple sclerosis"),
    ("condition", "fracture of femur"),
    ("condition", "Crohn's disease"),
    ("synonym", "RA"),
    ("synonym", "lupus"),
    ("synonym", "graft rejection"),
    ("synonym", "classical cholera"),
    ("icd10", "M06.9"),
    ("icd10", "E11.9"),
    ("icd10", "J45.909"),
    ("icd10", "S72.001A"),
    ("class", "TNF inhibitors"),
    ("class", "JAK inhibitors"),
    ("class", "biologics"),
    ("class", "statins"),
    ("question", "side effects of methotrexate"),
]
AUTOCOMPLETE_PREFIXES = [
    "ad",
    "hu",
    "ra",
    "met",
    "hum",
    "tof",
    "M06",
    "E11",
    "rheu",
    "diab",
    "asth",
    "pred",
    "enbr",
    "stat",
    "lupus",
    "crohn",
    "infli",
    "xelja",
    "fractu",
    "psoria",
    "inhibi",
    "choler",
]


def setup_django() -> None:
    import django

    # WhiteNoise notes that `collectstatic` has not run; the benchmark serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()


def log(message: str = "") -> None:
    print(message, flush=True)


# --- Statistics -----------------------------------------------------------------------------


def percentile(sorted_samples: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_samples:
        return float("nan")
    position = (len(sorted_samples) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(sorted_samples) - 1)
    return sorted_samples[low] + (sorted_samples[high] - sorted_samples[low]) * (position - low)


def summarise(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)
    return {
        "calls": len(ordered),
        "p50_ms": round(percentile(ordered, 0.50), 2),
        "p95_ms": round(percentile(ordered, 0.95), 2),
        "p99_ms": round(percentile(ordered, 0.99), 2),
        "mean_ms": round(sum(ordered) / len(ordered), 2) if ordered else None,
        "max_ms": round(ordered[-1], 2) if ordered else None,
    }


# --- What is timed --------------------------------------------------------------------------


def resolve_functions() -> tuple[str, str, Callable, Callable]:
    """(mode, description, search, autocomplete): the engine's, or Wagtail's as a fallback.

    Each returned callable runs the query to completion and returns the number of results."""
    try:
        from portal.search import engine

        engine_search, engine_autocomplete = engine.search, engine.autocomplete
    except (ImportError, AttributeError) as error:
        from drugs.models import Condition, Drug

        def fallback_search(query: str) -> int:
            return len(list(Condition.objects.live().search(query)[:20]))

        def fallback_autocomplete(prefix: str) -> int:
            return len(list(Drug.objects.live().autocomplete(prefix)[:8]))

        description = (
            "FALLBACK (portal.search.engine unavailable: "
            f"{type(error).__name__}: {error}). search = "
            "Condition.objects.live().search(q)[:20]; autocomplete = "
            "Drug.objects.live().autocomplete(q)[:8]"
        )
        return "fallback", description, fallback_search, fallback_autocomplete

    def search(query: str) -> int:
        return len(engine_search(query).results)

    def autocomplete(prefix: str) -> int:
        return len(list(engine_autocomplete(prefix, limit=8)))

    return "engine", "portal.search.engine.search / .autocomplete", search, autocomplete


def generated_queries() -> list[tuple[str, str]]:
    """A few of the generated drugs and brands, picked the same way on every run."""
    from drugs.models import BrandName, Drug

    drugs = list(Drug.objects.order_by("generic_name").values_list("generic_name", flat=True))
    brands = list(BrandName.objects.order_by("name").values_list("name", flat=True))
    picks = []
    for fraction in (0.25, 0.75):
        if drugs:
            picks.append(("generic (generated)", drugs[int(len(drugs) * fraction)]))
        if brands:
            picks.append(("brand (generated)", brands[int(len(brands) * fraction)]))
    return picks


def time_mix(
    call: Callable[[str], int], queries: list[tuple[str, str]], rounds: int, warmup: int, label: str
) -> dict:
    """Every query once per round, in a shuffled order; `warmup` untimed rounds first."""
    rng = random.Random(SEED)  # noqa: S311 - shuffles the query order, not security
    per_query: dict[str, list[float]] = {query: [] for _, query in queries}
    hits: dict[str, int] = {}
    all_samples: list[float] = []
    order = list(queries)
    for _ in range(warmup):
        for _, query in order:
            call(query)
    started = time.perf_counter()
    for number in range(rounds):
        rng.shuffle(order)
        for _, query in order:
            start = time.perf_counter()
            hits[query] = call(query)
            elapsed = (time.perf_counter() - start) * 1000
            per_query[query].append(elapsed)
            all_samples.append(elapsed)
        if rounds >= 10 and (number + 1) % max(1, rounds // 5) == 0:
            log(f"  {label}: {number + 1}/{rounds} rounds")
    return {
        **summarise(all_samples),
        "rounds": rounds,
        "seconds": round(time.perf_counter() - started, 1),
        "queries": [
            {
                "category": category,
                "query": query,
                "results": hits.get(query),
                **summarise(per_query[query]),
            }
            for category, query in queries
        ],
    }


SELECT_LIST = re.compile(r"^SELECT (DISTINCT )?.*? FROM ", re.DOTALL)
LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+(\.\d+)?\b")


def sql_shape(sql: str) -> str:
    """A statement with its column list and literals elided, to group like with like."""
    return LITERAL.sub("?", SELECT_LIST.sub(r"SELECT \1… FROM ", sql, count=1))


def sql_profile(call: Callable[[str], int], queries: list[tuple[str, str]]) -> dict:
    """One extra call per query with SQL captured: how many statements, the slowest, and
    across the mix, which statement shapes take the most time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    per_query = []
    shapes: dict[str, dict] = {}
    for category, query in queries:
        with CaptureQueriesContext(connection) as captured:
            call(query)
        statements = captured.captured_queries
        slowest = max(statements, key=lambda s: float(s["time"]), default=None)
        per_query.append(
            {
                "category": category,
                "query": query,
                "sql_statements": len(statements),
                "sql_ms": round(sum(float(s["time"]) for s in statements) * 1000, 1),
                "slowest_sql_ms": round(float(slowest["time"]) * 1000, 1) if slowest else None,
                "slowest_sql": sql_shape(slowest["sql"])[:600] if slowest else None,
            }
        )
        for statement in statements:
            shape = sql_shape(statement["sql"])[:600]
            entry = shapes.setdefault(shape, {"sql": shape, "count": 0, "total_ms": 0.0})
            entry["count"] += 1
            entry["total_ms"] += float(statement["time"]) * 1000
    total = sum(entry["total_ms"] for entry in shapes.values()) or 1.0
    top = sorted(shapes.values(), key=lambda entry: entry["total_ms"], reverse=True)[:8]
    for entry in top:
        entry["total_ms"] = round(entry["total_ms"], 1)
        entry["share"] = round(entry["total_ms"] / total, 3)
    return {"per_query": per_query, "total_sql_ms": round(total, 1), "top_statements": top}


def backend_calls() -> tuple[dict, dict]:
    """Each Wagtail backend call the site search is made of, to time on its own."""
    from wagtail.models import Page

    from drugs.models import Condition, Drug, DrugClass

    def pages():
        return Page.objects.live().public().exclude(depth__lte=2)

    search = {
        "Drug.search": lambda q: len(list(Drug.objects.live().search(q)[:20])),
        "DrugClass.search": lambda q: len(list(DrugClass.objects.live().search(q)[:20])),
        "Condition.search": lambda q: len(list(Condition.objects.live().search(q)[:20])),
        "Page.search": lambda q: len(list(pages().search(q)[:20])),
    }
    autocomplete = {
        "Drug.autocomplete": lambda q: len(list(Drug.objects.live().autocomplete(q)[:8])),
        "DrugClass.autocomplete": lambda q: len(list(DrugClass.objects.live().autocomplete(q)[:8])),
        "Condition.autocomplete": lambda q: len(list(Condition.objects.live().autocomplete(q)[:8])),
        "Page.autocomplete": lambda q: len(list(pages().autocomplete(q)[:8])),
    }
    return search, autocomplete


def breakdown(calls: dict, queries: list[tuple[str, str]], rounds: int) -> dict:
    """Median time of each backend call over the query mix, and the slowest pairs."""
    per_call = {}
    pairs = []
    for name, call in calls.items():
        medians = []
        for _, query in queries:
            call(query)  # warm up
            samples = []
            for _ in range(rounds):
                start = time.perf_counter()
                call(query)
                samples.append((time.perf_counter() - start) * 1000)
            median = percentile(sorted(samples), 0.5)
            medians.append(median)
            pairs.append({"call": name, "query": query, "median_ms": round(median, 2)})
        per_call[name] = {
            "median_of_query_medians_ms": round(percentile(sorted(medians), 0.5), 2),
            "worst_query_median_ms": round(max(medians), 2),
        }
    pairs.sort(key=lambda pair: pair["median_ms"], reverse=True)
    return {"rounds_per_query": rounds, "per_call": per_call, "slowest": pairs[:10]}


def time_http(path: str, queries: list[tuple[str, str]], rounds: int) -> dict:
    """Full requests through Django's test client; skipped unless the URL answers 200."""
    from django.test import Client

    client = Client()
    probe = queries[0][1]
    try:
        response = client.get(path, {"q": probe})
    except Exception as error:  # a view that is half-written must not stop the benchmark
        return {"path": path, "skipped": f"{type(error).__name__}: {error}"}
    if response.status_code != 200:
        return {"path": path, "skipped": f"GET {path}?q={probe} answered {response.status_code}"}

    def call(query: str) -> int:
        response = client.get(path, {"q": query})
        if response.status_code != 200:
            raise RuntimeError(f"GET {path}?q={query} answered {response.status_code}")
        return len(response.content)

    try:
        result = time_mix(call, queries, rounds, warmup=1, label=f"GET {path}")
    except Exception as error:
        return {"path": path, "skipped": f"{type(error).__name__}: {error}"}
    for row in result["queries"]:
        row["bytes"] = row.pop("results")
    return {"path": path, **result}


# --- Reporting ------------------------------------------------------------------------------


def environment() -> dict:
    import django
    from django.db import connection

    import wagtail

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    head = Path(__file__).resolve().parent.parent / ".git" / "HEAD"
    commit = None
    if head.exists():
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            ref_file = head.parent / ref[5:]
            commit = ref_file.read_text().strip() if ref_file.exists() else ref[5:]
        else:
            commit = ref
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "postgresql": postgres,
        "database": connection.settings_dict["NAME"],
        "search_backend": "wagtail.search.backends.database (PostgreSQL)",
        "git_commit": commit,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
    }


def library_counts() -> dict:
    from drugs.models import BrandName, Condition, ConditionSynonym, Drug, DrugClass
    from pages.models import ArticlePage

    return {
        "conditions": Condition.objects.live().count(),
        "condition_synonyms": ConditionSynonym.objects.count(),
        "drugs": Drug.objects.live().count(),
        "brand_names": BrandName.objects.count(),
        "drug_classes": DrugClass.objects.live().count(),
        "articles": ArticlePage.objects.live().count(),
    }


def verdict(kind: str, stats: dict) -> str:
    return "PASS" if stats["p95_ms"] <= TARGET_P95_MS[kind] else "FAIL"


def fmt(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def markdown_report(report: dict) -> str:
    lines = []
    counts = report["library"]
    load = report.get("load") or {}
    lines.append(f"## Search benchmark ({report['mode']})")
    lines.append("")
    lines.append(f"Timed: {report['timed']}")
    lines.append("")
    lines.append(
        f"Library: {counts['conditions']:,} conditions ({counts['condition_synonyms']:,} "
        f"synonyms), {counts['drugs']:,} drugs ({counts['brand_names']:,} brand names), "
        f"{counts['drug_classes']:,} drug classes, {counts['articles']:,} articles. "
        f"PostgreSQL {report['environment']['postgresql']}."
    )
    timings = load.get("timings_seconds", {})
    stages = [
        name for name in ("demo_content", "conditions", "drugs", "articles") if name in timings
    ]
    if stages:
        lines.append(
            f"Load: {sum(timings[name] for name in stages):.0f} s ("
            + ", ".join(f"{name} {timings[name]:.0f} s" for name in stages)
            + f"); search index build (update_index): {fmt(timings.get('update_index'))} s."
        )
    lines.append("")
    lines.append(
        "| mix | calls | p50 ms | p95 ms | p99 ms | mean ms | max ms | target p95 | result |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for kind in ("search", "autocomplete"):
        stats = report[kind]
        label = kind if report["mode"] == "engine" else f"{kind} (fallback)"
        lines.append(
            f"| {label} | {stats['calls']} | {fmt(stats['p50_ms'])} | {fmt(stats['p95_ms'])} | "
            f"{fmt(stats['p99_ms'])} | {fmt(stats['mean_ms'])} | {fmt(stats['max_ms'])} | "
            f"≤ {TARGET_P95_MS[kind]:.0f} | **{stats['verdict']}** |"
        )
    for http in report["http"]:
        if "skipped" in http:
            lines.append(f"| GET {http['path']} | – | – | – | – | – | – | – | skipped |")
        else:
            lines.append(
                f"| GET {http['path']} | {http['calls']} | {fmt(http['p50_ms'])} | "
                f"{fmt(http['p95_ms'])} | {fmt(http['p99_ms'])} | {fmt(http['mean_ms'])} | "
                f"{fmt(http['max_ms'])} | – | info |"
            )
    skipped = [http for http in report["http"] if "skipped" in http]
    for http in skipped:
        lines.append("")
        lines.append(f"GET {http['path']} skipped: {http['skipped']}")

    for kind in ("search", "autocomplete"):
        lines.append("")
        lines.append(f"### {kind}: per query (slowest first)")
        lines.append("")
        lines.append(
            "| category | query | results | p50 ms | p95 ms | SQL stmts | slowest SQL ms |"
        )
        lines.append("|---|---|---:|---:|---:|---:|---:|")
        sql_profile = report[kind].get("sql_profile") or {}
        profile = {row["query"]: row for row in sql_profile.get("per_query", [])}
        for row in sorted(report[kind]["queries"], key=lambda r: r["p50_ms"], reverse=True):
            sql = profile.get(row["query"], {})
            lines.append(
                f"| {row['category']} | `{row['query']}` | {row['results']} | "
                f"{fmt(row['p50_ms'])} | {fmt(row['p95_ms'])} | {sql.get('sql_statements', '–')} | "
                f"{fmt(sql.get('slowest_sql_ms'))} |"
            )
        if sql_profile.get("top_statements"):
            lines.append("")
            lines.append(
                f"SQL statements taking the most time over one pass of the {kind} mix "
                f"({sql_profile['total_sql_ms']:.0f} ms of SQL in all):"
            )
            lines.append("")
            for entry in sql_profile["top_statements"][:4]:
                lines.append(
                    f"- {entry['share']:.0%} ({entry['total_ms']:.0f} ms, {entry['count']} "
                    f"statements): `{entry['sql'][:220]}`"
                )

    if report.get("breakdown"):
        lines.append("")
        lines.append("### Wagtail backend calls on their own (median of per-query medians, ms)")
        lines.append("")
        lines.append("| backend call | median ms | worst query median ms |")
        lines.append("|---|---:|---:|")
        for kind in ("search", "autocomplete"):
            for name, stats in report["breakdown"][kind]["per_call"].items():
                lines.append(
                    f"| {name} | {fmt(stats['median_of_query_medians_ms'])} | "
                    f"{fmt(stats['worst_query_median_ms'])} |"
                )
        lines.append("")
        slowest = report["breakdown"]["search"]["slowest"][:5]
        slowest += report["breakdown"]["autocomplete"]["slowest"][:3]
        lines.append(
            "Slowest pairs: "
            + "; ".join(f"{p['call']}(`{p['query']}`) {p['median_ms']:.1f} ms" for p in slowest)
        )
    return "\n".join(lines)


# --- Main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rounds",
        type=int,
        default=10,
        help="timed passes over each query mix (10: about 380 search and 220 autocomplete calls)",
    )
    parser.add_argument("--warmup", type=int, default=2, help="untimed passes first (2)")
    parser.add_argument(
        "--http-rounds", type=int, default=20, help="timed passes for the HTTP requests (20)"
    )
    parser.add_argument(
        "--breakdown-rounds",
        type=int,
        default=5,
        help="calls per query for each backend call on its own; 0 skips the breakdown (5)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed (for CI)"
    )
    args = parser.parse_args(argv)

    setup_django()
    from django.db import connection

    library = library_counts()
    if library["conditions"] < MIN_CONDITIONS:
        log(
            f"The bench database holds {library['conditions']:,} conditions; load it first: "
            ".venv/bin/python -m bench.load_library"
        )
        return 2
    # Recorded: PostgreSQL's parallel workers make single-query timings depend on free CPUs.
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_parallel_workers_per_gather')")
        parallel_workers = cursor.fetchone()[0]

    mode, timed, search, autocomplete = resolve_functions()
    log(f"Timing {timed}.")
    search_queries = SEARCH_QUERIES + generated_queries()
    prefixes = [("prefix", prefix) for prefix in AUTOCOMPLETE_PREFIXES]

    report: dict = {
        "mode": mode,
        "timed": timed,
        "targets_p95_ms": TARGET_P95_MS,
        "environment": {**environment(), "max_parallel_workers_per_gather": parallel_workers},
        "library": library,
        "load": json.loads(LOAD_RESULTS.read_text()) if LOAD_RESULTS.exists() else None,
        "settings": vars(args),
    }
    for kind, call, queries in (
        ("search", search, search_queries),
        ("autocomplete", autocomplete, prefixes),
    ):
        log(f"{kind}: {len(queries)} queries x {args.rounds} rounds...")
        stats = time_mix(call, queries, args.rounds, args.warmup, kind)
        stats["verdict"] = verdict(kind, stats)
        stats["sql_profile"] = sql_profile(call, queries)
        report[kind] = stats
        log(f"{kind}: p50 {stats['p50_ms']} ms, p95 {stats['p95_ms']} ms: {stats['verdict']}")

    report["http"] = []
    for path, queries in (("/search/", search_queries), ("/search/autocomplete/", prefixes)):
        log(f"GET {path}...")
        report["http"].append(time_http(path, queries, args.http_rounds))

    if args.breakdown_rounds:
        log("Backend calls on their own...")
        search_calls, autocomplete_calls = backend_calls()
        report["breakdown"] = {
            "search": breakdown(search_calls, search_queries, args.breakdown_rounds),
            "autocomplete": breakdown(autocomplete_calls, prefixes, args.breakdown_rounds),
        }

    RESULTS_DIR.mkdir(exist_ok=True)
    SEARCH_RESULTS.write_text(json.dumps(report, indent=2, default=str) + "\n")
    log()
    log(markdown_report(report))
    log()
    log(f"Written to {SEARCH_RESULTS}.")
    failed = [kind for kind in ("search", "autocomplete") if report[kind]["verdict"] == "FAIL"]
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
