"""The store's bulk paths: a million events in and out in seconds.

:meth:`geo.store.Store.upsert_frame`, :meth:`~geo.store.Store.load_table` and
:meth:`~geo.store.Store.load_frame` come here. Every path goes through an Arrow
table and never through one Python object per cell (measured in bench/README.md):

- **write, SQLite**: ``executemany`` of one ``INSERT … ON CONFLICT DO UPDATE``
  on the raw sqlite3 connection, rows in ``event_id`` order, inside ``BEGIN
  IMMEDIATE`` (the writer lock is held, so counting rows before and after tells
  added from updated exactly). When the batch is at least as large as the table,
  the secondary indexes are dropped and rebuilt in the same transaction (one sort
  beats a million random index inserts: 33 s instead of 50 s for a million rows).
- **write, PostgreSQL**: the table as CSV (written by Arrow) ``COPY``-ed into a
  temporary table, then one ``INSERT … SELECT … ON CONFLICT DO UPDATE RETURNING
  (xmax = 0)``.
- **read**: SQLite through a plain cursor, fetched in chunks and turned into
  Arrow arrays column by column; PostgreSQL through ``COPY … TO STDOUT`` as CSV,
  parsed by Arrow's CSV reader with the schema given. The dashboard does not pay
  this on every start: :mod:`geo.snapshot` keeps an Arrow copy keyed by the
  store's version.

Why not the ADBC SQLite driver (14 s to write and 4 s to read a million rows in
a trial)? It links its own copy of SQLite; two copies in one process break
SQLite's POSIX locks (closing one copy's file handle drops the other's locks),
and the trial corrupted a database that SQLAlchemy had open at the same time.

Values stored are exactly those SQLAlchemy's own types store (ISO dates,
``YYYY-MM-DD HH:MM:SS.ffffff`` timestamps, 0/1 booleans on SQLite, NULL for
missing), so rows written by either path are identical (``tests/test_store.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from geo.record import FIELDS

DATE_COLUMNS = ("event_date", "published")
FLOAT_COLUMNS = ("latitude", "longitude", "confidence")
INT_COLUMNS = ("geo_precision", "fatalities", "evidence_start", "evidence_end")
BOOL_COLUMNS = ("date_uncertain",)
# Text with few distinct values: dictionary-encoded in Arrow, categoricals in pandas.
CATEGORY_COLUMNS = (
    "event_type", "sub_event_type", "origin", "date_precision", "actor1", "actor1_country",
    "actor2", "actor2_country", "location", "admin1", "country", "country_code", "source",
    "geo_backend", "date_text", "article_id", "source_url", "triggers", "geo_reason",
)
STORED_COLUMNS: tuple[str, ...] = (*FIELDS, "stored_at")
CHUNK_ROWS = 100_000
REBUILD_INDEXES_FROM = 50_000  # batches this large (and >= the table) rebuild indexes


def arrow_type(name: str) -> pa.DataType:
    """The Arrow type of a record column as loaded."""
    if name in DATE_COLUMNS:
        return pa.date32()
    if name in FLOAT_COLUMNS:
        return pa.float64()
    if name in INT_COLUMNS:
        return pa.int64()
    if name in BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()


def sqlite_timestamp(value: dt.datetime) -> str:
    """A timestamp as SQLAlchemy's SQLite ``DateTime`` stores it."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def prepare_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Record columns only (missing ones empty), one row per id: the last one wins,
    as it would in row-by-row upserts."""
    frame = frame.reindex(columns=list(FIELDS))
    if frame["event_id"].isna().any():
        raise ValueError("every row needs an event_id")
    return frame.drop_duplicates("event_id", keep="last")


def storage_table(frame: pd.DataFrame, now: dt.datetime, *, dialect: str) -> pa.Table:
    """The frame as the values to store: per column, vectorised, no Python objects.

    SQLite gets dates as ISO text and booleans as 0/1 (as SQLAlchemy stores them);
    PostgreSQL gets typed dates and booleans.
    """
    columns = {name: _storage_array(frame[name], name, dialect=dialect) for name in FIELDS}
    stamp = sqlite_timestamp(now)
    columns["stored_at"] = pa.array(np.full(len(frame), stamp, dtype=object), pa.string())
    return pa.table(columns)


def _storage_array(series: pd.Series, name: str, *, dialect: str) -> pa.Array:
    if name in DATE_COLUMNS:
        days = pd.to_datetime(series, errors="raise").to_numpy(dtype="datetime64[D]")
        array = pa.array(days, pa.date32(), from_pandas=True)
        return array.cast(pa.string()) if dialect == "sqlite" else array
    if name in FLOAT_COLUMNS:
        numbers = pd.to_numeric(series, errors="raise").to_numpy(dtype="float64",
                                                                 na_value=np.nan)
        return pa.array(numbers, pa.float64(), from_pandas=True)
    if name in INT_COLUMNS:
        return pa.array(pd.to_numeric(series, errors="raise").astype("Int64"), pa.int64(),
                        from_pandas=True)
    if name in BOOL_COLUMNS:
        flags = series.astype("boolean")
        if dialect == "sqlite":
            return pa.array(flags.astype("Int64"), pa.int64(), from_pandas=True)
        return pa.array(flags, pa.bool_(), from_pandas=True)
    try:
        array = pa.array(series, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # numbers among the text: store as text
        array = pa.array(series.map(lambda v: v if pd.isna(v) else str(v)), pa.string(),
                         from_pandas=True)
    if pa.types.is_dictionary(array.type):
        array = array.dictionary_decode()
    return array.cast(pa.string())


def _upsert_sql(source: str, *, order: bool) -> str:
    names = ", ".join(STORED_COLUMNS)
    sets = ", ".join(f"{c} = excluded.{c}" for c in STORED_COLUMNS if c != "event_id")
    return (f"INSERT INTO events ({names}) SELECT {names} FROM {source} WHERE true "
            f"{'ORDER BY event_id ' if order else ''}"
            f"ON CONFLICT (event_id) DO UPDATE SET {sets}")


# -- SQLite ---------------------------------------------------------------------

def sqlite_upsert(dbapi_conn, table: pa.Table) -> tuple[int, int]:
    """Upsert a storage table on a raw sqlite3 connection; returns (added, updated)."""
    marks = ", ".join("?" * len(STORED_COLUMNS))
    sets = ", ".join(f"{c} = excluded.{c}" for c in STORED_COLUMNS if c != "event_id")
    sql = (f"INSERT INTO events ({', '.join(STORED_COLUMNS)}) VALUES ({marks}) "
           f"ON CONFLICT (event_id) DO UPDATE SET {sets}")
    table = table.sort_by("event_id")
    cur = dbapi_conn.cursor()
    cache = cur.execute("PRAGMA cache_size").fetchone()[0]
    try:
        cur.execute("PRAGMA cache_size=-524288")  # 512 MiB while the indexes grow
        if dbapi_conn.in_transaction:
            dbapi_conn.commit()
        cur.execute("BEGIN IMMEDIATE")
        before = cur.execute("SELECT count(*) FROM events").fetchone()[0]
        rebuild = []
        if table.num_rows >= max(REBUILD_INDEXES_FROM, before):
            rebuild = cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                  "AND tbl_name = 'events' AND sql IS NOT NULL").fetchall()
            for name, _ in rebuild:
                cur.execute(f'DROP INDEX "{name}"')
        for part in table.to_batches(CHUNK_ROWS):
            cur.executemany(sql, zip(*[column.to_pylist() for column in part.columns]))
        for _, create in rebuild:
            cur.execute(create)
        after = cur.execute("SELECT count(*) FROM events").fetchone()[0]
        dbapi_conn.commit()
    except BaseException:
        dbapi_conn.rollback()
        raise
    finally:
        cur.execute(f"PRAGMA cache_size={int(cache)}")
        cur.close()
    added = after - before
    return added, table.num_rows - added


def cursor_read(dbapi_conn) -> pa.Table:
    """Every event through a plain DBAPI cursor, in chunks, column by column."""
    cur = dbapi_conn.cursor()
    parts: list[pa.Table] = []
    try:
        cur.execute(f"SELECT {', '.join(FIELDS)} FROM events")
        while rows := cur.fetchmany(CHUNK_ROWS):
            parts.append(pa.table({name: _column_array(name, values)
                                   for name, values in zip(FIELDS, zip(*rows))}))
    finally:
        cur.close()
    if not parts:
        return typed_table(empty_table())
    return typed_table(pa.concat_tables(parts).combine_chunks())


def _column_array(name: str, values: tuple) -> pa.Array:
    if name in DATE_COLUMNS and any(isinstance(v, str) for v in values):
        return pa.array(values, pa.string()).cast(pa.date32())
    if name in BOOL_COLUMNS:
        return pa.array([None if v is None else bool(v) for v in values], pa.bool_())
    return pa.array(values, arrow_type(name))


def typed_table(table: pa.Table) -> pa.Table:
    """Cast a loaded table to the record's Arrow types, repeated text dictionary-encoded."""
    arrays = {}
    for name in table.column_names:
        column = table.column(name)
        wanted = arrow_type(name)
        if column.type != wanted:
            column = column.cast(wanted)
        if name in CATEGORY_COLUMNS:
            column = column.dictionary_encode()
        arrays[name] = column
    return pa.table(arrays)


# -- PostgreSQL -----------------------------------------------------------------

def postgres_upsert(dbapi_conn, table: pa.Table) -> tuple[int, int]:
    """COPY a storage table (as CSV) into a temporary table, then upsert from it."""
    names = ", ".join(STORED_COLUMNS)
    try:
        with dbapi_conn.cursor() as cur:
            cur.execute("CREATE TEMPORARY TABLE events_incoming "
                        "(LIKE events INCLUDING DEFAULTS) ON COMMIT DROP")
            with cur.copy(f"COPY events_incoming ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
                for part in table.to_batches(CHUNK_ROWS):
                    buffer = io.BytesIO()
                    pacsv.write_csv(pa.Table.from_batches([part]), buffer,
                                    pacsv.WriteOptions(include_header=False))
                    copy.write(buffer.getbuffer())
            cur.execute(f"WITH up AS ({_upsert_sql('events_incoming', order=False)} "
                        "RETURNING (xmax = 0) AS inserted) "
                        "SELECT count(*) FILTER (WHERE inserted), count(*) FROM up")
            added, total = cur.fetchone()
        dbapi_conn.commit()
    except BaseException:
        dbapi_conn.rollback()
        raise
    return int(added), int(total) - int(added)


def postgres_read(dbapi_conn) -> pa.Table:
    """Every event through ``COPY … TO STDOUT`` (CSV), parsed by Arrow with our schema."""
    with tempfile.TemporaryFile() as spool:
        with dbapi_conn.cursor() as cur:
            with cur.copy(f"COPY (SELECT {', '.join(FIELDS)} FROM events) "
                          "TO STDOUT WITH (FORMAT csv)") as copy:
                for chunk in copy:
                    spool.write(chunk)
        dbapi_conn.rollback()  # end the read transaction
        if spool.tell() == 0:
            return typed_table(empty_table())
        spool.seek(0)
        table = pacsv.read_csv(
            spool,
            read_options=pacsv.ReadOptions(column_names=list(FIELDS)),
            convert_options=pacsv.ConvertOptions(
                column_types={name: arrow_type(name) for name in FIELDS},
                strings_can_be_null=True, quoted_strings_can_be_null=False,
                true_values=["t"], false_values=["f"]),
        )
    return typed_table(table)


# -- to pandas ------------------------------------------------------------------

def table_to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table of events as the DataFrame the filters and the map expect:
    datetime64 dates, float64 coordinates, nullable Int64 counts, bool flags,
    empty strings (never NaN) for text, categoricals for repeated text."""
    table = readable_dates(table)
    frame = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get,
                            date_as_object=False)
    for name in DATE_COLUMNS:
        frame[name] = frame[name].astype("datetime64[ns]")
    for name in BOOL_COLUMNS:
        frame[name] = frame[name].fillna(False).astype(bool)
    for name in FIELDS:
        if arrow_type(name) != pa.string():
            continue
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            if column.isna().any():
                if "" not in column.cat.categories:
                    column = column.cat.add_categories([""])
                column = column.fillna("")
            frame[name] = column
        else:
            frame[name] = column.fillna("").astype(str)
    return frame.reindex(columns=list(FIELDS))


_FIRST_READABLE = dt.date(1677, 9, 22)  # the span of pandas' nanosecond timestamps
_LAST_READABLE = dt.date(2262, 4, 11)


def readable_dates(table: pa.Table) -> pa.Table:
    """The table with dates pandas cannot hold (a 1676 stored before dates were
    checked) made null, with a warning naming them: one bad row must not make
    every event unreadable."""
    for name in DATE_COLUMNS:
        if name not in table.column_names:
            continue
        column = table.column(name)
        if not pa.types.is_date(column.type) or column.null_count == len(column):
            continue
        outside = pc.or_(pc.less(column, pa.scalar(_FIRST_READABLE, column.type)),
                         pc.greater(column, pa.scalar(_LAST_READABLE, column.type)))
        if not pc.any(outside).as_py():
            continue
        bad = table.filter(outside)
        ids = bad.column("event_id").to_pylist() if "event_id" in bad.column_names else []
        shown = ", ".join(f"{i} ({d})" for i, d in zip(ids[:5], bad.column(name).to_pylist()))
        warnings.warn(f"{len(bad)} stored event(s) with an unreadable {name} read without "
                      f"it: {shown}{' …' if len(bad) > 5 else ''}", StoreDataWarning,
                      stacklevel=2)
        fixed = pc.if_else(outside, pa.scalar(None, column.type), column)
        table = table.set_column(table.column_names.index(name), name, fixed)
    return table


class StoreDataWarning(UserWarning):
    """A stored value could not be read as its type and was read as missing."""


def empty_table() -> pa.Table:
    return pa.table({name: pa.array([], arrow_type(name)) for name in FIELDS})
