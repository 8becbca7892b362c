"""A columnar copy of the store for the dashboard: Arrow IPC files keyed by the
store's version.

Reading a million events out of SQLite costs tens of seconds (one Python object
per cell); memory-mapping an Arrow file with the same events costs about one
second. :func:`load_events_frame` reads the store only when its
:meth:`~geo.store.Store.version` has changed since the last snapshot (any
process may have written it), then keeps the newest file and deletes older ones.
Files are written to a temporary name and renamed, so a reader in another
process never sees half a file.

A new version does not rebuild the snapshot: each file records the latest
``stored_at`` it holds (every write sets it), and the next one is the previous
file with the rows stored since then read from the store (an index range on
``stored_at``) put in place of their older copies — after one ingested article,
a few rows instead of a million. Only when the result does not count what the
store counts (rows were deleted, e.g. an article re-read with fewer events) is
the whole store read again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo import settings
from geo.store import Store
from geo.store_bulk import table_to_frame

PREFIX = "events-"
SUFFIX = ".arrow"
STORED_UNTIL = b"conflictmap.stored_until"  # the latest stored_at the file holds


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
                      version: tuple | None = None, background: bool = False) -> pa.Table:
    """Every stored event as Arrow, from the snapshot of the store's current version
    (made from the previous snapshot and the rows written since, when there is one).

    ``background``: write the new snapshot file in a thread and return at once (the
    dashboard: the page does not wait for a file it does not show; a process that
    ends first leaves the previous snapshot, and the next start updates that)."""
    version = version if version is not None else store.version()
    path = snapshot_path(store, version, directory=directory)
    if path.exists():
        try:
            return read_snapshot(path)
        except (OSError, pa.ArrowInvalid):
            pass  # removed or damaged meanwhile: rebuild it below
    table = _updated(store, path.parent, version)
    if table is None:
        table = store.load_table()
    until = version[1] if len(version) > 1 else None
    if background:
        threading.Thread(target=_write_quietly, args=(table, path, until),
                         name="conflictmap-snapshot", daemon=True).start()
    else:
        _write_quietly(table, path, until)
    return table.replace_schema_metadata(None)


def _write_quietly(table: pa.Table, path: Path, until: str | None) -> None:
    try:
        write_snapshot(table, path, stored_until=until)
    except OSError:
        pass  # a read-only data folder: serve from memory, rebuild next time


def _updated(store: Store, folder: Path, version: tuple) -> pa.Table | None:
    """The newest earlier snapshot with the rows stored since it in place of their old
    copies; None when there is none, or when rows have gone (count differs)."""
    previous = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"), key=_mtime, reverse=True)
    for old_path in previous[:1]:
        try:
            old = read_snapshot(old_path)
        except (OSError, pa.ArrowInvalid):
            return None
        until = (old.schema.metadata or {}).get(STORED_UNTIL)
        since = _timestamp(until.decode() if until else "")
        if since is None:
            return None
        fresh = store.load_table(since=since)
        old = old.replace_schema_metadata(None)
        if fresh.num_rows:
            kept = old.filter(pc.invert(pc.is_in(old["event_id"], value_set=fresh["event_id"])))
            merged = pa.concat_tables([kept, fresh.cast(old.schema)])
        else:
            merged = old
        if len(version) and merged.num_rows != version[0]:
            return None
        return merged
    return None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _timestamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def load_events_frame(store: Store, *, directory: Path | None = None,
                      version: tuple | None = None, background: bool = False) -> pd.DataFrame:
    """:func:`load_events_table` as the DataFrame the filters and the map expect."""
    return table_to_frame(load_events_table(store, directory=directory, version=version,
                                            background=background))


def updated_frame(store: Store, frame: pd.DataFrame, version_of_frame: tuple,
                  version: tuple) -> pd.DataFrame | None:
    """``frame`` (the events at ``version_of_frame``) brought to ``version`` the way
    :func:`_updated` brings a snapshot file: the rows stored since put in place of their
    older copies. The dashboard's loaded frame after one ingested article: a few rows
    converted instead of a million. None when rows have gone (the counts differ) or
    the frame's version says nothing of when it was read; read the whole store then."""
    since = _timestamp(str(version_of_frame[1])) if len(version_of_frame) > 1 else None
    if since is None or not len(version):
        return None
    fresh = table_to_frame(store.load_table(since=since))
    if not len(fresh):
        return frame if len(frame) == version[0] else None
    again = frame["event_id"].isin(fresh["event_id"]).to_numpy()  # newer copies came
    merged = concat_events([*_without(frame, np.flatnonzero(again)), fresh])
    return merged if len(merged) == version[0] else None


def _without(frame: pd.DataFrame, positions: np.ndarray) -> list[pd.DataFrame]:
    """``frame`` without the rows at ``positions``, as slices between them (views:
    copying a million rows to drop a few cost half a second)."""
    if len(positions) > 256:
        keep = np.ones(len(frame), dtype=bool)
        keep[positions] = False
        return [frame[keep]]
    parts, start = [], 0
    for p in positions:
        if p > start:
            parts.append(frame.iloc[start:p])
        start = p + 1
    if start < len(frame):
        parts.append(frame.iloc[start:])
    return parts


def concat_events(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Event frames as one, each column keeping the first frame's dtype (a categorical
    column's categories grow by the others' new values), index 0..n-1."""
    from pandas.api.types import union_categoricals

    first = frames[0]
    columns = {}
    for name in first.columns:
        parts = [f[name] for f in frames]
        dtype = parts[0].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            cats = [p if isinstance(p.dtype, pd.CategoricalDtype) else p.astype("category")
                    for p in parts]
            columns[name] = pd.Series(union_categoricals([c.array for c in cats]), name=name)
        else:
            columns[name] = pd.concat([p.astype(dtype) for p in parts], ignore_index=True)
    return pd.DataFrame(columns, columns=first.columns)


#: seconds the snapshot file waits after a store change: the page being drawn first
SAVE_AFTER_S = 5.0


def save_in_background(store: Store, version: tuple, *, after_s: float = SAVE_AFTER_S
                       ) -> threading.Thread:
    """Write the snapshot of ``version`` (from the previous one and the rows since) in a
    thread, ``after_s`` seconds on: the next restart starts from it; the page does not
    wait for it, nor share the machine with it while it draws."""
    def save() -> None:
        try:  # below the page's own work: Linux gives a thread its own nice value
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (AttributeError, OSError):
            pass
        try:
            load_events_table(store, version=version)
        except Exception:  # noqa: BLE001 - a snapshot is a cache: the next start rebuilds it
            pass

    thread = threading.Timer(after_s, save)
    thread.name, thread.daemon = "conflictmap-snapshot", True
    thread.start()
    return thread


def read_snapshot(path: Path) -> pa.Table:
    with pa.memory_map(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


def write_snapshot(table: pa.Table, path: Path, *, stored_until: str | None = None) -> Path:
    """Write ``table`` to ``path`` atomically and delete older snapshots beside it.

    ``stored_until``: the latest ``stored_at`` the table holds, kept in the file's
    metadata so the next snapshot can start from this one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = table.unify_dictionaries()  # an IPC file has one dictionary per column
    meta = dict(table.schema.metadata or {})
    meta.pop(STORED_UNTIL, None)
    if stored_until:
        meta[STORED_UNTIL] = str(stored_until).encode()
    table = table.replace_schema_metadata(meta or None)
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
