"""Dataset importers: UCDP GED, ACLED and GDELT 2.0 files → event records → store.

* :mod:`geo.importers.base` — the :class:`Importer` interface and its plumbing
  (opening, chunked parsing, row numbers, the record check);
* :mod:`geo.importers.ucdp`, :mod:`~geo.importers.acled`, :mod:`~geo.importers.gdelt`
  — one small module per format, each a column-by-column mapping;
* :mod:`geo.importers.run` — :func:`import_file`: read, store, learn places, report;
* :mod:`geo.importers.countries` — country names and codes → ISO alpha-3.

The type crosswalk itself is :mod:`geo.crosswalk`. Importing this package loads
no format and no data.
"""

from __future__ import annotations

import importlib

__all__ = ["FORMATS", "get_importer", "import_file"]

# name → (module, class); the CLI offers exactly these
FORMATS: dict[str, tuple[str, str]] = {
    "ucdp": ("geo.importers.ucdp", "UcdpImporter"),
    "acled": ("geo.importers.acled", "AcledImporter"),
    "gdelt": ("geo.importers.gdelt", "GdeltImporter"),
}


def get_importer(name: str, **options):
    """A new importer for a format name; ValueError names the formats on offer."""
    if name not in FORMATS:
        raise ValueError(f"unknown dataset format {name!r}: use one of {', '.join(FORMATS)}")
    module, cls = FORMATS[name]
    return getattr(importlib.import_module(module), cls)(**options)


def import_file(*args, **kwargs):
    """See :func:`geo.importers.run.import_file`."""
    from geo.importers.run import import_file as run

    return run(*args, **kwargs)
