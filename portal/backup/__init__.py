"""Back up the whole library to one archive, and restore it into an empty database.

- `scope`: which tables an archive holds, which it leaves out and why, and what counts as
  content when deciding whether a database is empty.
- `archive`: the archive's format: a manifest, the rows as Django JSON Lines, the media files.
- `export`: writes an archive from one consistent snapshot of the database.
- `restore`: checks an archive completely, then replaces the database's content with it.

The management commands `export_library` and `import_library` are thin wrappers."""

from .archive import FORMAT_VERSION, BackupError
from .export import export_library
from .restore import import_library

__all__ = ["FORMAT_VERSION", "BackupError", "export_library", "import_library"]
