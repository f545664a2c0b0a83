"""The archive format (version 1): a gzip-compressed tar holding, in this order,

- `manifest.json`: the format's name and version, when the archive was made and by which
  Django and Wagtail, the database's applied migrations, the number of rows of every table,
  and the size and SHA-256 of every other member;
- `data.jsonl`: every row, as Django's JSON Lines serialisation with primary keys, table by
  table (many-to-many tables as tables of their own);
- `media/<name>`: each file an image, document or upload names, under its storage name.

A reader checks the format, the version and every checksum before it changes anything."""

import datetime
import hashlib
import io
import json
import tarfile
import zlib
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.utils import validate_file_name
from django.core.serializers.json import DjangoJSONEncoder

FORMAT_NAME = "open-health-library-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA_PREFIX = "media/"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive that cannot be written or restored; the message says why and what to do."""


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to milliseconds; a backup keeps every microsecond, so
    a restored revision's timestamp compares equal to the original's."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def copy_and_hash(source, target) -> tuple[int, str]:
    """Copy one binary stream to another; return the byte count and SHA-256."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def hash_file(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def file_entry(name: str, size: int, sha256: str, **extra) -> dict:
    return {"name": name, "size": size, "sha256": sha256, **extra}


# --- Writing ---------------------------------------------------------------------------------


def _member(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o644
    return info


def write_archive(path: Path, manifest: dict, data_file: Path, media_files: dict[str, Path]):
    """Write the archive next to `path`, then move it into place, so a failed export never
    leaves a half-written archive under the name asked for."""
    mtime = datetime.datetime.fromisoformat(manifest["created_at"]).timestamp()
    partial = path.with_name(path.name + ".partial")
    try:
        with tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as tar:
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            tar.addfile(_member(MANIFEST, len(encoded), mtime), io.BytesIO(encoded))
            with data_file.open("rb") as stream:
                tar.addfile(_member(DATA, manifest["data"]["size"], mtime), stream)
            for entry in manifest["media"]:
                staged = media_files[entry["name"]]
                with staged.open("rb") as stream:
                    member = _member(MEDIA_PREFIX + entry["name"], entry["size"], mtime)
                    tar.addfile(member, stream)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


# --- Reading ---------------------------------------------------------------------------------


def _check_manifest(manifest) -> dict:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise BackupError("its manifest is not a library backup's manifest")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"it is in backup format version {version!r}, and this portal reads only version "
            f"{FORMAT_VERSION}; restore it with the version of the portal that made it"
        )
    data, media = manifest.get("data"), manifest.get("media")
    tables, migrations = manifest.get("tables"), manifest.get("migrations")
    if not (
        isinstance(data, dict)
        and data.get("name") == DATA
        and isinstance(media, list)
        and all(isinstance(entry, dict) for entry in media)
        and isinstance(tables, dict)
        and isinstance(migrations, dict)
    ):
        raise BackupError("its manifest is incomplete")
    for entry in [data, *media]:
        if not (
            isinstance(entry.get("name"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
        ):
            raise BackupError("its manifest lists a file without a name, size or checksum")
    for entry in media:
        if not entry.get("fields") or not isinstance(entry["fields"], list):
            raise BackupError(f"its manifest does not say which field names {entry['name']}")
        try:
            validate_file_name(entry["name"], allow_relative_path=True)
        except SuspiciousFileOperation:
            raise BackupError(f"it names an unsafe media file: {entry['name']!r}") from None
    if not all(isinstance(count, int) for count in tables.values()):
        raise BackupError("its manifest's row counts are not numbers")
    return manifest


def _expected_members(manifest: dict) -> dict[str, dict]:
    expected = {DATA: manifest["data"]}
    expected.update({MEDIA_PREFIX + entry["name"]: entry for entry in manifest["media"]})
    return expected


def _extract(tar, member, entry: dict, target: Path) -> None:
    source = tar.extractfile(member)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        size, sha256 = copy_and_hash(source, out)
    if (size, sha256) != (entry.get("size"), entry.get("sha256")):
        raise BackupError(f"{member.name} is damaged: it does not match its checksum")


def _read_members(tar, workdir: Path) -> tuple[dict, dict[str, Path]]:
    manifest, expected, found = None, {}, {}
    for member in tar:
        if manifest is None:
            if member.name != MANIFEST or not member.isfile():
                raise BackupError("it does not start with a manifest")
            if member.size > MAX_MANIFEST_BYTES:
                raise BackupError("its manifest is too large")
            manifest = _check_manifest(json.loads(tar.extractfile(member).read()))
            expected = _expected_members(manifest)
            continue
        entry = expected.get(member.name)
        if entry is None or not member.isfile() or member.name in found:
            raise BackupError(f"it holds {member.name!r}, which its manifest does not list")
        target = workdir / f"{len(found):06d}"
        _extract(tar, member, entry, target)
        found[member.name] = target
    if manifest is None:
        raise BackupError("it is empty")
    missing = sorted(set(expected) - set(found))
    if missing:
        raise BackupError(f"it is incomplete: {', '.join(missing[:5])} missing")
    return manifest, found


def read_archive(path: Path, workdir: Path) -> tuple[dict, Path, dict[str, Path]]:
    """Check the whole archive and unpack it into `workdir`. Returns the manifest, the data
    file, and the media files by storage name. Raises BackupError for anything amiss."""
    if not path.is_file():
        raise BackupError(f"There is no archive at {path}.")
    try:
        with tarfile.open(path, "r|gz") as tar:
            manifest, found = _read_members(tar, workdir)
    except BackupError as error:
        raise BackupError(f"{path} cannot be restored: {error}.") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError) as error:
        # ValueError covers JSON and text-decoding errors in the manifest.
        raise BackupError(
            f"{path} is not a readable library backup (a .tar.gz from export_library): {error}"
        ) from None
    media = {entry["name"]: found[MEDIA_PREFIX + entry["name"]] for entry in manifest["media"]}
    return manifest, found[DATA], media
