"""A columnar copy of the store for the dashboard: Arrow IPC files keyed by the
store's version.

Reading a million events out of SQLite costs tens of seconds (one Python object
per cell); memory-mapping an Arrow file with the same events costs about one
second. :func:`load_events_frame` reads the store only when its
:meth:`~geo.store.Store.version` has changed since the last snapshot (any
process may have written it), then keeps the newest file and deletes older ones.
Files are written to a temporary name and renamed, so a reader in another
process never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa

from geo import settings
from geo.store import Store
from geo.store_bulk import table_to_frame

PREFIX = "events-"
SUFFIX = ".arrow"


def snapshot_dir(store: Store) -> Path:
    """Beside a SQLite file (``NAME.snapshots/``); under ``data/snapshots/`` otherwise."""
    database = store.engine.url.database if store.dialect == "sqlite" else None
    if database and database != ":memory:":
        return Path(database).with_name(Path(database).name + ".snapshots")
    digest = hashlib.sha256(store.safe_url.encode()).hexdigest()[:12]
    return settings.DATA_DIR / "snapshots" / f"{store.dialect}-{digest}"


def snapshot_path(store: Store, version: tuple, *, directory: Path | None = None) -> Path:
    key = hashlib.sha256(repr(version).encode()).hexdigest()[:16]
    return (directory or snapshot_dir(store)) / f"{PREFIX}{key}{SUFFIX}"


def load_events_table(store: Store, *, directory: Path | None = None,
                      version: tuple | None = None) -> pa.Table:
    """Every stored event as Arrow, from the snapshot of the store's current version."""
    version = version if version is not None else store.version()
    path = snapshot_path(store, version, directory=directory)
    if path.exists():
        try:
            return read_snapshot(path)
        except (OSError, pa.ArrowInvalid):
            pass  # removed or damaged meanwhile: rebuild it below
    table = store.load_table()
    try:
        write_snapshot(table, path)
    except OSError:
        pass  # a read-only data folder: serve from memory, rebuild next time
    return table


def load_events_frame(store: Store, *, directory: Path | None = None,
                      version: tuple | None = None) -> pd.DataFrame:
    """:func:`load_events_table` as the DataFrame the filters and the map expect."""
    return table_to_frame(load_events_table(store, directory=directory, version=version))


def read_snapshot(path: Path) -> pa.Table:
    with pa.memory_map(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


def write_snapshot(table: pa.Table, path: Path) -> Path:
    """Write ``table`` to ``path`` atomically and delete older snapshots beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(f"{PREFIX}*{SUFFIX}"):
        if old != path:
            old.unlink(missing_ok=True)
    return path
