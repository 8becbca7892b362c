"""Watchlists: a named, saved filter and the events new to it.

A watchlist keeps a filter (:class:`geo.filters.EventFilter`, stored as its URL
query parameters, so a link and a watchlist say the same thing) under a name in
the store's ``watchlists`` table, and when someone last looked at it. Its *new*
events are the events that match the filter and were stored (or rewritten) at or
after a moment — by default that last look — so a mail or chat hook can run
``python -m geo watchlist report NAME --since DATE --json`` and send what it prints.
No sending is built in.

The new events are read by the store's ``stored_at`` index (only rows stored
since the moment), then filtered like everything else (:func:`filter_events`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.errors import WatchlistError
from geo.filters import EventFilter, describe, filter_events, from_query_params, to_query_params

if TYPE_CHECKING:  # the store (and pandas) only for the verbs that use them
    import pandas as pd

    from geo.store import Store

MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A saved filter under a name, and when its new events were last looked at."""

    name: str
    filter: EventFilter
    created_at: dt.datetime
    last_seen_at: dt.datetime

    @property
    def description(self) -> str:
        return describe(self.filter)


def check_name(name: str) -> str:
    """The name stripped; empty or over :data:`MAX_NAME` characters is an error."""
    cleaned = " ".join(str(name or "").split())
    if not cleaned:
        raise WatchlistError("a watchlist needs a name")
    if len(cleaned) > MAX_NAME:
        raise WatchlistError(f"watchlist name {cleaned[:20]!r}… is longer than {MAX_NAME} "
                             "characters")
    return cleaned


def save_watchlist(store: Store, name: str, flt: EventFilter, *,
                   now: dt.datetime | None = None) -> tuple[Watchlist, bool]:
    """Save ``flt`` under ``name`` (a new one starts "seen" now); an existing
    watchlist of that name gets the new filter and keeps its last look.
    Returns the watchlist and whether it was new."""
    from sqlalchemy import insert, update

    from geo.store import watchlists

    name = check_name(name)
    now = now or _now()
    stored = json.dumps(to_query_params(flt), sort_keys=True)
    with store.engine.begin() as conn:
        exists = conn.execute(watchlists.select().where(watchlists.c.name == name)).first()
        if exists:
            conn.execute(update(watchlists).where(watchlists.c.name == name)
                         .values(filter=stored))
        else:
            conn.execute(insert(watchlists).values(name=name, filter=stored, created_at=now,
                                                   last_seen_at=now))
    return get_watchlist(store, name), exists is None


def get_watchlist(store: Store, name: str) -> Watchlist:
    from geo.store import watchlists

    with store.engine.connect() as conn:
        row = conn.execute(watchlists.select().where(
            watchlists.c.name == check_name(name))).first()
    if row is None:
        known = ", ".join(w.name for w in list_watchlists(store)) or "none yet"
        raise WatchlistError(f"no watchlist named {name!r} (saved: {known})")
    return _from_row(row)


def list_watchlists(store: Store) -> list[Watchlist]:
    """Every watchlist, by name."""
    from geo.store import watchlists

    with store.engine.connect() as conn:
        rows = conn.execute(watchlists.select().order_by(watchlists.c.name)).all()
    return [_from_row(r) for r in rows]


def delete_watchlist(store: Store, name: str) -> None:
    from sqlalchemy import delete

    from geo.store import watchlists

    get_watchlist(store, name)  # a clear error when it does not exist
    with store.engine.begin() as conn:
        conn.execute(delete(watchlists).where(watchlists.c.name == check_name(name)))


def mark_seen(store: Store, name: str, *, at: dt.datetime | None = None) -> Watchlist:
    """Someone looked at the watchlist's new events: they are no longer new."""
    from sqlalchemy import update

    from geo.store import watchlists

    get_watchlist(store, name)
    with store.engine.begin() as conn:
        conn.execute(update(watchlists).where(watchlists.c.name == check_name(name))
                     .values(last_seen_at=at or _now()))
    return get_watchlist(store, name)


def new_events(store: Store, watchlist: Watchlist, *,
               since: dt.datetime | dt.date | None = None) -> pd.DataFrame:
    """The events matching the watchlist's filter stored at or after ``since``
    (default: its last look), oldest event first."""
    import pandas as pd
    from sqlalchemy import select

    from geo.record import FIELDS
    from geo.store import events, normalise_frame

    moment = _as_datetime(since) if since is not None else watchlist.last_seen_at
    query = select(*[events.c[f] for f in FIELDS]).where(events.c.stored_at >= moment)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = normalise_frame(pd.DataFrame([r._asdict() for r in rows], columns=list(FIELDS)))
    found = filter_events(frame, watchlist.filter)
    return found.sort_values(["event_date", "event_id"], na_position="last")


def count_new(store: Store, watchlist: Watchlist) -> int:
    return len(new_events(store, watchlist))


def _from_row(row) -> Watchlist:
    try:
        flt = from_query_params(json.loads(row.filter))
    except (ValueError, TypeError) as exc:
        raise WatchlistError(f"watchlist {row.name!r}: its stored filter cannot be read "
                             f"({exc})") from None
    return Watchlist(name=row.name, filter=flt, created_at=row.created_at,
                     last_seen_at=row.last_seen_at)


def _as_datetime(value: dt.datetime | dt.date) -> dt.datetime:
    """A date is its midnight (UTC); an aware time is turned into naive UTC, as stored."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value
    return dt.datetime.combine(value, dt.time())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
