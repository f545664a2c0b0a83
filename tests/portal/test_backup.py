"""Backup and restore: export_library writes the whole library, import_library brings all of
it back into a freshly migrated database, and a bad archive, or a database that already
holds content, is refused with nothing changed.

The round trip restores into a separate empty database made by a subprocess: a throwaway
SQLite file, or, when the suite runs on PostgreSQL, a throwaway PostgreSQL database on the
same server (dropped afterwards)."""

import contextlib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from PIL import Image as PillowImage

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from wagtail.blocks import StreamValue
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, WorkflowState

from drugs.models import Condition, Drug, DrugClass
from pages.models import ArticlePage, ReviewerProfile
from pages.review.stamp import ReviewStampMixin
from portal.backup.scope import LEFT_OUT
from tests.pages.review.workflow import AUTHORS, REVIEWERS, act, edit, person, submit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
STAMP_HTML = re.compile(r'<section class="review-stamp[^"]*".*?</section>', re.DOTALL)


# --- What "nothing lost" means: a snapshot of the library, computed the same way on both
# --- databases (this module is imported by the restoring subprocess too).


def _plain(value):
    if isinstance(value, StreamValue):
        return value.get_prep_value()
    return value


def _tables() -> dict[str, list]:
    """Every archived table's row count and a digest of all its rows, read with the ORM
    (independently of the backup's serialiser)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in LEFT_OUT:
            continue
        fields = [field.attname for field in meta.local_concrete_fields]
        rows = [
            [_plain(value) for value in row]
            for row in model._base_manager.order_by("pk").values_list(*fields)
        ]
        encoded = json.dumps(rows, default=str, sort_keys=True).encode()
        tables[meta.label_lower] = [len(rows), hashlib.sha256(encoded).hexdigest()]
    return tables


def _stamp(obj) -> dict:
    return {name: str(getattr(obj, name)) for name in ReviewStampMixin.STAMP_FIELDS}


def _record(obj) -> dict:
    revision = obj.latest_revision
    return {
        "live": obj.live,
        "has_unpublished_changes": obj.has_unpublished_changes,
        "stamp": _stamp(obj),
        "latest_revision": revision.content if revision else None,
    }


def _pages() -> dict:
    pages = {}
    for page in Page.objects.order_by("path").specific():
        revision = page.latest_revision
        pages[page.url_path] = {
            "type": page.specific_class._meta.label_lower,
            "title": page.title,
            "url": page.url,
            "live": page.live,
            "has_unpublished_changes": page.has_unpublished_changes,
            "live_revision": page.live_revision_id,
            "latest_revision": revision.content if revision else None,
            "stamp": _stamp(page) if isinstance(page, ReviewStampMixin) else None,
        }
    return pages


def _records() -> dict:
    records = {}
    for drug in Drug.objects.order_by("slug"):
        records[f"drug {drug.slug}"] = {
            **_record(drug),
            "name": drug.generic_name,
            "brands": [[brand.name, brand.mark] for brand in drug.brand_names.all()],
            "classes": sorted(drug.classes.values_list("slug", flat=True)),
            "routes": sorted(drug.routes.values_list("slug", flat=True)),
            "conditions": sorted(drug.conditions.values_list("slug", flat=True)),
        }
    for drug_class in DrugClass.objects.order_by("slug"):
        records[f"class {drug_class.slug}"] = {
            **_record(drug_class),
            "name": drug_class.name,
            "parent": drug_class.parent.slug if drug_class.parent else None,
            "also_called": drug_class.also_called,
            "tree_path": drug_class.tree_path,
        }
    for condition in Condition.objects.order_by("slug"):
        records[f"condition {condition.slug}"] = {
            **_record(condition),
            "name": condition.name,
            "icd10_code": condition.icd10_code,
            "synonyms": [synonym.name for synonym in condition.synonyms.all()],
        }
    return records


def _people_and_workflows() -> dict:
    return {
        "reviewer_profiles": [
            [profile.user.username, profile.display_name, profile.credentials]
            for profile in ReviewerProfile.objects.order_by("pk")
        ],
        "users": [
            [user.username, user.email, user.password, sorted(g.name for g in user.groups.all())]
            for user in apps.get_model("auth.User").objects.order_by("pk")
        ],
        "workflow_states": [
            [
                str(state.content_object),
                state.status,
                [[ts.task.name, ts.status, ts.comment] for ts in state.task_states.order_by("pk")],
            ]
            for state in WorkflowState.objects.order_by("pk")
        ],
    }


def _media() -> dict[str, str]:
    files = {}
    for model in (get_image_model(), get_document_model()):
        for item in model.objects.order_by("pk"):
            with item.file.storage.open(item.file.name, "rb") as stream:
                files[item.file.name] = hashlib.sha256(stream.read()).hexdigest()
    return files


def _served_article() -> dict:
    article = ArticlePage.objects.get(slug="immunomodulators")
    response = Client().get(article.url)
    stamp = STAMP_HTML.search(response.content.decode())
    return {
        "status": response.status_code,
        "stamp": " ".join(stamp.group(0).split()) if stamp else None,
    }


def library_snapshot() -> dict:
    snapshot = {
        "tables": _tables(),
        "pages": _pages(),
        "records": _records(),
        **_people_and_workflows(),
        "media": _media(),
        "search_finds_article": [
            page.title for page in Page.objects.live().search("immunomodulators")
        ][:1],
        "reference_index_rows": ReferenceIndex.objects.count(),
        "article": _served_article(),
    }
    return json.loads(json.dumps(snapshot, default=str, sort_keys=True))


# --- The library to back up: the demo, plus what people add to it --------------------------


def _png() -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 6), (200, 30, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def add_everyday_content():
    """A reviewed change with a named stamp, a change waiting in review, an image with a tag,
    a document, a redirect and a promoted search result."""
    author = person("sam", AUTHORS, first_name="Sam", last_name="Writer")
    reviewer = person("amina", REVIEWERS, first_name="Amina", last_name="Okafor")
    ReviewerProfile.objects.create(user=reviewer, display_name="Dr Amina Okafor", credentials="MD")

    article = ArticlePage.objects.get(slug="immunomodulators")
    edit(article, author, summary="A summary checked by a second person.")
    submit(article, author)
    act(article, reviewer, "approve", comment="Updated the summary.")

    drug = Drug.objects.get(slug="adalimumab")
    edit(drug, author, summary="A draft waiting for review.")
    submit(drug, author)

    image = get_image_model().objects.create(
        title="A pill", file=ImageFile(io.BytesIO(_png()), name="pill.png")
    )
    image.tags.add("medicines")
    get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"How to take your medicine.\n", name="leaflet.txt")
    )
    article.refresh_from_db()
    Redirect.objects.create(old_path="/immunomodulators", redirect_page=article)
    SearchPromotion.objects.create(query=Query.get("biologics"), page=article, sort_order=0)


def write_after_restore():
    """Editing goes on after a restore: new rows get new ids (PostgreSQL's sequences were
    moved past the restored ones) and the page tree takes new pages."""
    from drugs.models import Route
    from pages.models import ContentPage

    Route.objects.create(name="Nasal", slug="nasal", schema_name="Nasal", sort_order=99)
    home = Page.objects.get(depth=2)
    page = home.add_child(instance=ContentPage(title="After the restore", slug="after", intro="."))
    page.save_revision().publish()
    person("new-editor", AUTHORS)


# --- An empty database, made and restored by a subprocess -----------------------------------

RESTORE_SCRIPT = """
import json, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
archive = sys.stdin.readline().strip()
call_command("import_library", archive, verbosity=0)
from tests.portal.test_backup import library_snapshot, write_after_restore
print("SNAPSHOT " + json.dumps(library_snapshot()))
write_after_restore()
print("WRITES OK")
"""


@contextlib.contextmanager
def empty_database(tmp_path: Path):
    """The DATABASE_URL of a database nothing has touched yet, on this suite's backend."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    server = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }
    name = f"portal_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{server['password']}" if server["password"] else ""
        yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restoring_process(database_url: str) -> subprocess.Popen:
    """Starts migrating at once; restores the archive whose path it is then given."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
    }
    return subprocess.Popen(
        [sys.executable, "-c", RESTORE_SCRIPT],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def restore_elsewhere(process: subprocess.Popen, archive: Path) -> dict:
    stdout, stderr = process.communicate(str(archive) + "\n", timeout=300)
    assert process.returncode == 0, stderr[-3000:]
    assert "WRITES OK" in stdout
    line = next(line for line in stdout.splitlines() if line.startswith("SNAPSHOT "))
    return json.loads(line.removeprefix("SNAPSHOT "))


# --- The tests ---------------------------------------------------------------------------------


def test_the_demo_library_round_trips_into_an_empty_database(tmp_path):
    with empty_database(tmp_path) as database_url:
        process = restoring_process(database_url)  # migrates while the library is prepared
        try:
            add_everyday_content()
            archive = tmp_path / "library.tar.gz"
            call_command("export_library", str(archive), verbosity=0)
            before = library_snapshot()
            after = restore_elsewhere(process, archive)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()

    # The library held what this test is about.
    assert before["tables"]["wagtailcore.revision"][0] > 100
    assert before["media"] and len(before["media"]) == 2
    assert before["reviewer_profiles"] == [["amina", "Dr Amina Okafor", "MD"]]
    assert [state[1] for state in before["workflow_states"]] == ["approved", "in_progress"]
    assert before["search_finds_article"] == ["Immunomodulators"]
    assert before["article"]["status"] == 200
    assert "Updated the summary." in before["article"]["stamp"]

    for part in before:  # one part at a time, so a failure names what was lost
        assert after[part] == before[part], part


def export_demo(tmp_path) -> Path:
    archive = tmp_path / "library.tar.gz"
    call_command("export_library", str(archive), verbosity=0)
    return archive


def test_replace_restores_the_archive_over_changed_content(tmp_path):
    archive = export_demo(tmp_path)
    before = library_snapshot()
    article = ArticlePage.objects.get(slug="immunomodulators")
    article.title = "Changed after the backup"
    article.save_revision().publish()
    Drug.objects.get(slug="infliximab").delete()

    out = io.StringIO()
    call_command("import_library", str(archive), "--replace", stdout=out)

    assert "Restored" in out.getvalue()
    assert library_snapshot() == before


def test_a_database_holding_content_is_refused_without_replace(tmp_path):
    archive = export_demo(tmp_path)
    Drug.objects.get(slug="infliximab").delete()
    before = _tables()

    with pytest.raises(CommandError, match="already holds content .*--replace"):
        call_command("import_library", str(archive))
    assert _tables() == before


def _rewrite(archive: Path, target: Path, manifest_change=None, data_change=None) -> Path:
    """A copy of the archive with its manifest or data altered."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest_change:
                manifest = json.loads(content)
                manifest_change(manifest)
                content = json.dumps(manifest).encode()
            if member.name == "data.jsonl" and data_change:
                content = data_change(content)
            member.size = len(content)
            out.addfile(member, io.BytesIO(content))
    return target


def _bump_version(manifest):
    manifest["format_version"] = 99


def _forget_a_migration(manifest):
    manifest["migrations"]["drugs"].pop()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("missing", "There is no archive at"),
        ("not a tar", "is not a readable library backup"),
        ("truncated", "is not a readable library backup"),
        ("wrong version", "format version 99, and this portal reads only version 1"),
        ("altered data", "data.jsonl is damaged"),
        ("older schema", "made before migrations this database has applied .*drugs.0"),
    ],
)
def test_a_bad_archive_is_refused_with_nothing_changed(tmp_path, damage, message):
    archive = export_demo(tmp_path)
    bad = tmp_path / "bad.tar.gz"
    if damage == "not a tar":
        bad.write_bytes(b"this is not an archive" * 100)
    elif damage == "truncated":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    elif damage == "wrong version":
        _rewrite(archive, bad, manifest_change=_bump_version)
    elif damage == "altered data":
        _rewrite(archive, bad, data_change=lambda data: data.replace(b"Humira", b"Humera"))
    elif damage == "older schema":
        _rewrite(archive, bad, manifest_change=_forget_a_migration)
    before = _tables()

    with pytest.raises(CommandError, match=message):
        call_command("import_library", str(bad), "--replace")
    assert _tables() == before


def test_the_command_line_exits_non_zero_with_the_reason(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "import_library", str(tmp_path / "nothing.tar.gz")],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'untouched.sqlite3'}",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "There is no archive at" in done.stderr
    assert "Nothing was changed." in done.stderr


def test_export_will_not_overwrite_an_archive_unless_asked(tmp_path):
    archive = export_demo(tmp_path)
    with pytest.raises(CommandError, match="already exists"):
        call_command("export_library", str(archive), verbosity=0)
    call_command("export_library", str(archive), "--overwrite", verbosity=0)
    with tarfile.open(archive) as tar:
        assert tar.getnames()[:2] == ["manifest.json", "data.jsonl"]
