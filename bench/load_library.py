"""Load the large library the search benchmark runs against, into its own database.

    .venv/bin/python -m bench.load_library            # create, migrate and load (once)
    .venv/bin/python -m bench.load_library --reload   # drop the database and start again
    .venv/bin/python -m bench.load_library --reindex  # only rebuild the search index

The database is PostgreSQL `portal_bench` (BENCH_DATABASE_URL; see bench/settings.py), never
the developer's. It is created if missing, migrated, given the demo content, then:

* every ICD-10-CM leaf code that `simple_icd_10_cm` ships, as a live Condition (code with its
  dot, the official description as the name, up to three inclusion terms as synonyms);
* 3,000 generated drugs with 1-3 brand names each, linked to drug classes and conditions;
* 2,000 generated articles under the demo "Drugs, devices & supplements" section.

Records are bulk-created and published as live with no revisions (the benchmark reads only
live content). Each stage runs in one transaction and is skipped when already loaded, so a
second run only checks; the search index is rebuilt when anything was loaded or the index
is short. Timings go to bench/results/load.json, which the search benchmark reports too."""

import argparse
import json
import os
import random
import sys
import time
import warnings
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # never the developer's settings

RESULTS_DIR = Path(__file__).resolve().parent / "results"
LOAD_RESULTS = RESULTS_DIR / "load.json"

SEED = 20260511
BATCH_SIZE = 2000
DRUG_COUNT = 3000
ARTICLE_COUNT = 2000
MAX_SYNONYMS = 3
ARTICLE_SLUG_PREFIX = "about-"


def words(text: str) -> list[str]:
    return text.split()


# Generated drug names follow real INN stems, each with the class it marks and the
# ICD-10-CM code prefixes of the conditions such drugs treat.
STEMS = [
    ("mab", "Monoclonal antibodies", ("M05", "M06", "L40", "K50", "K51", "C50", "C34")),
    ("tinib", "Kinase inhibitors", ("C34", "C50", "C92", "C18", "C61")),
    ("pril", "ACE inhibitors", ("I10", "I11", "I50", "I21")),
    ("sartan", "Angiotensin receptor blockers", ("I10", "I50", "N18", "E11.2")),
    ("olol", "Beta blockers", ("I10", "I20", "I48", "I25", "G43")),
    ("statin", "Statins", ("E78", "I25", "I63")),
    ("dipine", "Calcium channel blockers", ("I10", "I20", "I73")),
    ("prazole", "Proton pump inhibitors", ("K21", "K25", "K27", "K29")),
    ("conazole", "Azole antifungals", ("B35", "B36", "B37", "B44")),
    ("cillin", "Penicillins", ("J02", "J15", "A40", "L03", "A69")),
    ("mycin", "Macrolide antibiotics", ("J15", "J20", "A56", "A37")),
    ("floxacin", "Fluoroquinolones", ("N39", "J15", "A01", "N10")),
    ("vir", "Antiviral medicines", ("B18", "B20", "B00", "B02", "J10", "J11")),
    ("gliptin", "DPP-4 inhibitors", ("E11",)),
    ("glutide", "GLP-1 receptor agonists", ("E11", "E66")),
    ("gliflozin", "SGLT2 inhibitors", ("E11", "I50", "N18")),
    ("azepam", "Benzodiazepines", ("F41", "G40", "F10", "G47")),
    ("oxetine", "Selective serotonin reuptake inhibitors", ("F32", "F33", "F41", "F42")),
    ("triptan", "Triptans", ("G43", "G44")),
    ("sone", "Corticosteroids", ("J45", "L20", "M06", "K50", "L40")),
    ("parin", "Anticoagulants", ("I26", "I80", "I48", "I82")),
    ("dronate", "Bisphosphonates", ("M80", "M81", "M88")),
    ("tidine", "H2 blockers", ("K21", "K25", "K30")),
    ("setron", "Antiemetics", ("R11", "O21")),
    ("lukast", "Leukotriene receptor antagonists", ("J45", "J30")),
    ("terol", "Beta-2 agonists", ("J45", "J44")),
    ("profen", "Nonsteroidal anti-inflammatory drugs", ("M15", "M16", "M17", "M79", "G43")),
    ("caine", "Local anesthetics", ("R52", "G89", "M54")),
    ("tadine", "Antihistamines", ("J30", "L50", "T78", "L29")),
    ("semide", "Loop diuretics", ("I50", "R60", "N18")),
]
NAME_STARTS = words(
    "ab al am an ar at av az bal bar bel ben bex bi bro cal cam car cef cel cip cla co cor "
    "da dal dap de del den dex di do dor du ef el em en ep er es et ev ex fa fel fen fi flu "
    "fo fu ga gli gra ib ic id il im in ir is iv ka ke la le li lo lu ma me mi mo na ne ni "
    "no ob ol om on os ox pa pe pi po pra pri qui ra re ri ro ru sa se si so su ta te ti to "
    "tra tri u va ve vi vo xa za ze zi zo"
)
NAME_MIDDLES = words("_ ci da li lo ma mi na ni no ra ri ro ta te ti to va vi xi zu")
BRAND_STARTS = words(
    "Ze Xa Lu No Vo Ri Ta Cy Ena Ora Pro Vel Zy Qu Ari Bel Cor Dex Fla Gly Hex Ivo Jan Kal "
    "Lyr Mav Nex Olu Pax Rel Sym Tev Ulv Vir Wex Xel Yor Zan Alo Bri Cel Dra Elu Fex"
)
BRAND_MIDDLES = words("_ _ a e i o u ri lo na ve ta")
BRAND_ENDS = words(
    "ra rex vo lia tra zin dex max quil sta vir nix lor dra tix via zol ro na tek ryn vance "
    "cept fen lux"
)
ARTICLE_KINDS = (
    "{drug} ({brand}): uses, doses and side effects",
    "Living with {condition}",
    "How {drug_class} work",
    "Questions to ask before taking {drug}",
    "{drug} and {condition}: what to expect",
)


def setup_django() -> None:
    import django

    warnings.filterwarnings("ignore", module="simple_icd_10_cm")
    django.setup()


def log(message: str) -> None:
    print(message, flush=True)


# --- The database -------------------------------------------------------------------------


def ensure_database(reload: bool) -> bool:
    """Create the bench database if it is missing (dropping it first on --reload).

    Returns True when the database was (re)created."""
    import psycopg
    from psycopg import sql

    from django.conf import settings

    db = settings.DATABASES["default"]
    name = db["NAME"]
    if not name.endswith("_bench"):  # bench.settings refuses this too; belt and braces
        raise SystemExit(f"Refusing to touch database {name!r}.")
    params = {
        "dbname": "postgres",
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reload:
            log(f"Dropping database {name} (--reload).")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            log(f"Creating database {name}.")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def batched(items, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def published_fields(now) -> dict:
    return {
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
    }


# --- Conditions: the ICD-10-CM list -------------------------------------------------------


def icd_leaf_codes() -> tuple[list[tuple[str, str]], dict]:
    """Every leaf code the package ships, as (code, dotted code), that the model accepts.

    The package's leaf list also holds a few block headings without children (such as
    'C00-C96') and a few repeats; codes the model's validator rejects are counted, not
    loaded. Dotted codes come from get_all_codes(True), which lists the same codes in the
    same order: cm.add_dot() scans the whole list for each code it has not seen, which
    takes minutes over 74,000 codes."""
    import simple_icd_10_cm as cm

    from django.core.exceptions import ValidationError

    from drugs.models import Condition
    from drugs.models.conditions import icd10_validator

    max_length = Condition._meta.get_field("icd10_code").max_length
    leaves = [
        (code, dotted)
        for code, dotted in zip(cm.get_all_codes(False), cm.get_all_codes(True), strict=True)
        if cm.is_leaf(code)
    ]
    seen, codes, rejected = set(), [], []
    for code, dotted in leaves:
        if code in seen:
            continue
        seen.add(code)
        try:
            icd10_validator(dotted)
        except ValidationError:
            rejected.append(dotted)
            continue
        if len(dotted) > max_length:
            rejected.append(dotted)
            continue
        codes.append((code, dotted))
    stats = {
        "leaf_items": len(leaves),
        "unique_leaf_items": len(seen),
        "rejected_by_validator": len(rejected),
        "rejected": rejected,
    }
    return codes, stats


def load_conditions(now) -> dict:
    import simple_icd_10_cm as cm

    from django.db import transaction
    from django.db.models.functions import Lower
    from django.utils.text import slugify

    from drugs.models import Condition, ConditionSynonym

    codes, stats = icd_leaf_codes()
    name_limit = Condition._meta.get_field("name").max_length
    slug_limit = Condition._meta.get_field("slug").max_length
    synonym_limit = ConditionSynonym._meta.get_field("name").max_length
    held_codes = set(Condition.objects.exclude(icd10_code="").values_list("icd10_code", flat=True))
    used_names = set(Condition.objects.annotate(n=Lower("name")).values_list("n", flat=True))
    created = synonyms = renamed = held = 0

    def rows():
        nonlocal renamed, held
        for code, dotted in codes:
            if dotted in held_codes:  # a demo record already carries this code
                held += 1
                continue
            description = cm.get_description(code)
            name = description[:name_limit]
            if name.lower() in used_names:  # names are unique; a few descriptions repeat
                suffix = f" ({dotted})"
                name = description[: name_limit - len(suffix)] + suffix
                renamed += 1
            used_names.add(name.lower())
            parent = cm.get_parent(code)
            summary = (
                f"{description}. Classified in ICD-10-CM as {dotted}, under "
                f"{cm.get_description(parent)}."
            )
            terms = []
            for term in cm.get_inclusion_term(code):
                term = term[:synonym_limit]
                if term.lower() != name.lower() and term.lower() not in {t.lower() for t in terms}:
                    terms.append(term)
            condition = Condition(
                name=name,
                slug=slugify(f"{dotted} {description}")[:slug_limit].rstrip("-"),
                icd10_code=dotted,
                summary=summary,
                **published_fields(now),
            )
            yield condition, terms[:MAX_SYNONYMS]

    with transaction.atomic():
        for batch in batched(rows(), BATCH_SIZE):
            conditions = Condition.objects.bulk_create([c for c, _ in batch])
            synonym_rows = [
                ConditionSynonym(condition_id=condition.pk, name=term, sort_order=position)
                for condition, (_, terms) in zip(conditions, batch, strict=True)
                for position, term in enumerate(terms)
            ]
            ConditionSynonym.objects.bulk_create(synonym_rows)
            created += len(conditions)
            synonyms += len(synonym_rows)
    return {
        **stats,
        "loadable_codes": len(codes),
        "created": created,
        "synonyms_created": synonyms,
        "codes_already_held_by_demo_records": held,
        "names_given_code_suffix": renamed,
    }


# --- Drugs ----------------------------------------------------------------------------------


def drug_classes_for_stems() -> dict[str, object]:
    """One class per stem: the demo's own class when the name matches, else a new one."""
    from django.utils.text import slugify

    from drugs.models import DrugClass

    classes = {}
    for stem, class_name, _ in STEMS:
        drug_class = DrugClass.objects.filter(name__iexact=class_name).first()
        if drug_class is None:
            drug_class = DrugClass(
                name=class_name,
                slug=slugify(class_name),
                summary=f"{class_name} are medicines whose generic names end in '-{stem}'.",
                live=True,
                has_unpublished_changes=False,
            )
            drug_class.save()  # not bulk: save() builds the class's tree path
        classes[stem] = drug_class
    return classes


def generated_drug_names(rng: random.Random, taken: set[str]) -> list[tuple[str, int]]:
    """DRUG_COUNT unique INN-like names, each with the index of its stem."""
    names: list[tuple[str, int]] = []
    seen = set(taken)
    while len(names) < DRUG_COUNT:
        stem_index = rng.randrange(len(STEMS))
        middle = rng.choice(NAME_MIDDLES).strip("_")
        name = rng.choice(NAME_STARTS) + middle + STEMS[stem_index][0]
        if name not in seen:
            seen.add(name)
            names.append((name, stem_index))
    return names


def generated_brand(rng: random.Random, seen: set[str]) -> str:
    while True:
        brand = (
            rng.choice(BRAND_STARTS) + rng.choice(BRAND_MIDDLES).strip("_") + rng.choice(BRAND_ENDS)
        )
        if brand not in seen:
            seen.add(brand)
            return brand


def condition_pool(prefixes: tuple[str, ...]) -> list[tuple[int, str]]:
    from django.db.models import Q

    from drugs.models import Condition

    query = Q()
    for prefix in prefixes:
        query |= Q(icd10_code__startswith=prefix)
    return list(Condition.objects.filter(query).order_by("pk").values_list("pk", "name")[:400])


def load_drugs(now, rng: random.Random) -> dict:
    from django.db import transaction
    from django.utils.text import slugify

    from drugs.models import BrandName, Drug, Route

    with transaction.atomic():
        classes = drug_classes_for_stems()
        pools = {stem: condition_pool(prefixes) for stem, _, prefixes in STEMS}
        route_ids = list(Route.objects.order_by("pk").values_list("pk", flat=True))
        taken = {name.lower() for name in Drug.objects.values_list("generic_name", flat=True)}
        seen_brands = set(BrandName.objects.values_list("name", flat=True))
        drugs, brands_for, conditions_for = [], [], []
        for generic, stem_index in generated_drug_names(rng, taken):
            stem, class_name, _ = STEMS[stem_index]
            brands = [generated_brand(rng, seen_brands) for _ in range(rng.randint(1, 3))]
            pool = pools[stem]
            treated = rng.sample(pool, k=min(len(pool), rng.randint(1, 4)))
            treated_names = ", ".join(name.lower() for _, name in treated[:2]) or "several"
            drugs.append(
                Drug(
                    generic_name=generic,
                    slug=slugify(generic),
                    summary=(
                        f"{generic.capitalize()} is one of the {class_name.lower()}. It is "
                        f"used for {treated_names}. Sold as {', '.join(brands)}."
                    ),
                    description=(
                        f"Take {generic} exactly as your care team tells you. Tell them about "
                        "other medicines you take, and about any side effects that worry you."
                    ),
                    **published_fields(now),
                )
            )
            brands_for.append(brands)
            conditions_for.append([pk for pk, _ in treated])
        drugs = Drug.objects.bulk_create(drugs, batch_size=BATCH_SIZE)

        brand_rows, class_rows, condition_rows, route_rows = [], [], [], []
        for drug, brands, condition_ids in zip(drugs, brands_for, conditions_for, strict=True):
            stem = next(s for s, _, _ in STEMS if drug.generic_name.endswith(s))
            brand_rows += [
                BrandName(drug_id=drug.pk, name=brand, mark=rng.choice("®®™"), sort_order=i)
                for i, brand in enumerate(brands)
            ]
            class_rows.append(Drug.classes.through(drug_id=drug.pk, drugclass_id=classes[stem].pk))
            condition_rows += [
                Drug.conditions.through(drug_id=drug.pk, condition_id=pk) for pk in condition_ids
            ]
            if route_ids:
                route_rows.append(
                    Drug.routes.through(drug_id=drug.pk, route_id=rng.choice(route_ids))
                )
        BrandName.objects.bulk_create(brand_rows, batch_size=BATCH_SIZE)
        Drug.classes.through.objects.bulk_create(class_rows, batch_size=BATCH_SIZE)
        Drug.conditions.through.objects.bulk_create(condition_rows, batch_size=BATCH_SIZE)
        Drug.routes.through.objects.bulk_create(route_rows, batch_size=BATCH_SIZE)
    return {
        "created": len(drugs),
        "brand_names_created": len(brand_rows),
        "condition_links": len(condition_rows),
        "classes_used": len({c.pk for c in classes.values()}),
    }


# --- Articles -------------------------------------------------------------------------------


def article_body(drug, brand: str, condition: str, class_name: str) -> list[dict]:
    name = drug.generic_name
    return [
        {
            "type": "section",
            "value": {
                "heading": f"What {name} is for",
                "anchor": "",
                "content": [
                    {
                        "type": "paragraph",
                        "value": (
                            f"<p>{name.capitalize()} ({brand}) belongs to the "
                            f"{class_name.lower()}. Doctors prescribe it for {condition.lower()}"
                            ", usually after simpler treatments have not helped enough.</p>"
                        ),
                    },
                    {
                        "type": "paragraph",
                        "value": (
                            "<p>It does not cure the condition, but for many people it eases "
                            "the symptoms and lets them get on with daily life.</p>"
                        ),
                    },
                ],
            },
        },
        {
            "type": "section",
            "value": {
                "heading": "Side effects and safety",
                "anchor": "",
                "content": [
                    {
                        "type": "paragraph",
                        "value": (
                            f"<p>Like all medicines, {name} can cause side effects, although "
                            "not everybody gets them. Tell your pharmacist about any other "
                            "medicines, herbal remedies or supplements you take.</p>"
                        ),
                    },
                ],
            },
        },
    ]


def load_articles(now, rng: random.Random) -> dict:
    from modelsearch.signal_handlers import post_save_signal_handler

    from django.db import transaction
    from django.db.models.signals import post_save
    from django.utils.text import slugify

    from wagtail.signal_handlers import disable_reference_index_auto_update

    from drugs.models import Drug
    from pages.demo.site import DRUGS_SECTION
    from pages.models import ArticlePage, SectionPage

    section = SectionPage.objects.filter(slug=DRUGS_SECTION).first()
    if section is None:
        raise SystemExit(f"No '{DRUGS_SECTION}' section: the demo content did not load.")
    drugs = list(
        Drug.objects.order_by("pk")
        .prefetch_related("brand_names", "classes", "conditions")
        .filter(classes__isnull=False, brand_names__isnull=False)
        .distinct()
    )
    taken = set(section.get_children().values_list("slug", flat=True))
    # The index is rebuilt afterwards; indexing each page as it is saved would double the work.
    post_save.disconnect(post_save_signal_handler, sender=ArticlePage)
    created = 0
    try:
        with transaction.atomic(), disable_reference_index_auto_update():
            for number in range(ARTICLE_COUNT):
                drug = rng.choice(drugs)
                brand = rng.choice(list(drug.brand_names.all())).name
                drug_class = drug.classes.all()[0]
                conditions = list(drug.conditions.all())
                condition = rng.choice(conditions).name if conditions else "long-term conditions"
                title = ARTICLE_KINDS[number % len(ARTICLE_KINDS)].format(
                    drug=drug.display_name,
                    brand=brand,
                    condition=condition.lower(),
                    drug_class=drug_class.name.lower(),
                )[:255]
                slug = ARTICLE_SLUG_PREFIX + slugify(title)[:200].rstrip("-")
                if slug in taken:
                    slug = f"{slug}-{number}"
                taken.add(slug)
                page = ArticlePage(
                    title=title,
                    slug=slug,
                    summary=(
                        f"A plain-language guide to {drug.generic_name} ({brand}) for "
                        f"{condition.lower()}: what it does, how to take it and what to "
                        "watch for."
                    ),
                    body=article_body(drug, brand, condition, drug_class.name),
                    last_reviewed_on=(now - timedelta(days=rng.randint(1, 700))).date(),
                    **published_fields(now),
                )
                page.drugs = [drug]
                page.drug_classes = [drug_class]
                page.conditions = conditions[:3]
                section.add_child(instance=page)
                created += 1
                if created % 250 == 0:
                    log(f"  {created} articles")
    finally:
        post_save.connect(post_save_signal_handler, sender=ArticlePage)
    return {"created": created, "parent": section.url_path}


# --- The search index -----------------------------------------------------------------------


def indexed_counts() -> dict:
    from modelsearch.conf import get_app_config

    from drugs.models import Condition, Drug, DrugClass
    from pages.models import ArticlePage

    index_entry = get_app_config().get_model("IndexEntry")  # Wagtail's, in this project
    return {
        "index_entries": index_entry.objects.count(),
        "conditions": Condition.objects.count(),
        "drugs": Drug.objects.count(),
        "drug_classes": DrugClass.objects.count(),
        "articles": ArticlePage.objects.count(),
    }


def rebuild_index() -> float:
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    return time.perf_counter() - start


# --- The whole load -------------------------------------------------------------------------


def library_counts() -> dict:
    from drugs.models import BrandName, Condition, ConditionSynonym, Drug, DrugClass
    from pages.models import ArticlePage

    return {
        "conditions": Condition.objects.filter(live=True).count(),
        "conditions_with_icd10_code": Condition.objects.exclude(icd10_code="").count(),
        "condition_synonyms": ConditionSynonym.objects.count(),
        "drugs": Drug.objects.filter(live=True).count(),
        "brand_names": BrandName.objects.count(),
        "drug_classes": DrugClass.objects.filter(live=True).count(),
        "articles": ArticlePage.objects.live().count(),
    }


def stage(name: str, done: bool, run, timings: dict, details: dict) -> bool:
    if done:
        log(f"{name}: already loaded, skipped.")
        return False
    log(f"{name}: loading...")
    start = time.perf_counter()
    details[name] = run()
    timings[name] = round(time.perf_counter() - start, 2)
    log(f"{name}: {details[name]} in {timings[name]:.1f}s")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reload", action="store_true", help="drop the database and load again")
    parser.add_argument("--reindex", action="store_true", help="rebuild the search index anyway")
    args = parser.parse_args(argv)

    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from drugs.models import Condition, Drug
    from pages.demo.site import DRUGS_SECTION
    from pages.models import ArticlePage, SectionPage

    total_start = time.perf_counter()
    timings: dict[str, float] = {}
    details: dict[str, dict] = {}
    previous = json.loads(LOAD_RESULTS.read_text()) if LOAD_RESULTS.exists() else {}

    created = ensure_database(args.reload)
    if created:
        previous = {}
    connection.close()

    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate"] = round(time.perf_counter() - start, 2)

    now = timezone.now()
    rng = random.Random(SEED)  # noqa: S311 - reproducible fake data, not security
    loaded = False
    loaded |= stage(
        "demo_content",
        SectionPage.objects.filter(slug=DRUGS_SECTION).exists(),
        lambda: {"output": call_command("load_demo_content", "--no-logins", verbosity=0) or "ok"},
        timings,
        details,
    )
    loaded |= stage(
        "conditions",
        Condition.objects.exclude(icd10_code="").count() > 70_000,
        lambda: load_conditions(now),
        timings,
        details,
    )
    loaded |= stage(
        "drugs",
        Drug.objects.count() >= DRUG_COUNT,
        lambda: load_drugs(now, rng),
        timings,
        details,
    )
    loaded |= stage(
        "articles",
        ArticlePage.objects.filter(slug__startswith=ARTICLE_SLUG_PREFIX).count() >= ARTICLE_COUNT,
        lambda: load_articles(now, rng),
        timings,
        details,
    )

    counts = indexed_counts()
    expected = counts["conditions"] + counts["drugs"] + counts["articles"]
    if loaded or args.reindex or counts["index_entries"] < expected:
        log(f"Rebuilding the search index ({expected:,} conditions, drugs and articles)...")
        timings["update_index"] = round(rebuild_index(), 2)
        log(f"Search index rebuilt in {timings['update_index']:.1f}s.")
    else:
        log("Search index: up to date, skipped.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    results = {
        "database": connection.settings_dict["NAME"],
        "seed": SEED,
        "library": library_counts(),
        "index_entries": indexed_counts()["index_entries"],
        # Keep the first load's figures when this run only checked.
        "timings_seconds": {**previous.get("timings_seconds", {}), **timings},
        "details": {**previous.get("details", {}), **details},
        "this_run_seconds": round(time.perf_counter() - total_start, 2),
    }
    load_time = sum(
        v for k, v in results["timings_seconds"].items() if k not in ("migrate", "update_index")
    )
    results["load_seconds"] = round(load_time, 2)
    RESULTS_DIR.mkdir(exist_ok=True)
    LOAD_RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
    library = results["library"]
    log(
        f"Library: {library['conditions']:,} conditions, {library['drugs']:,} drugs "
        f"({library['brand_names']:,} brand names), {library['articles']:,} articles, "
        f"{results['index_entries']:,} index entries. This run took "
        f"{results['this_run_seconds']:.1f}s; written to {LOAD_RESULTS.relative_to(Path.cwd())}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
