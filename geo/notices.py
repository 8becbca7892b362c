"""What the dashboard says when the store changed while it was open (pure decisions).

The page keeps the store version it last drew (:meth:`geo.store.Store.version`);
a fragment re-checks the version every few seconds and, when it moved on, asks the
store for the events written since and turns them into a :class:`NewEventsNotice`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["NewEventsNotice", "new_events_notice", "refresh_seconds"]

DEFAULT_REFRESH_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class NewEventsNotice:
    count: int
    lines: tuple[tuple[str, str], ...]   # (link to the event, plain words)

    @property
    def headline(self) -> str:
        return f"{self.count:,} new event{'s' if self.count != 1 else ''} since you opened this view"


def refresh_seconds(env=None) -> float | None:
    """How often the open dashboard re-checks the store (``CONFLICTMAP_REFRESH_SECONDS``;
    0 turns it off)."""
    env = os.environ if env is None else env
    try:
        value = float(env.get("CONFLICTMAP_REFRESH_SECONDS", DEFAULT_REFRESH_SECONDS))
    except ValueError:
        value = DEFAULT_REFRESH_SECONDS
    return value if value > 0 else None


def new_events_notice(seen: tuple | None, current: tuple, count: int,
                      rows: list[dict]) -> NewEventsNotice | None:
    """A notice when events were written after the version the page drew, else None.

    ``count`` and ``rows`` come from ``Store.events_stored_after(seen[1])``; each row
    becomes a link to the event (``?event=ID``) and its date, type and place in words.
    """
    if seen is None or tuple(seen) == tuple(current) or count <= 0:
        return None
    lines = []
    for r in rows:
        where = r.get("location") or "unplaced"
        if r.get("country_code"):
            where += f" ({r['country_code']})"
        words = " · ".join(str(x) for x in (r.get("event_date") or "undated",
                                            r.get("event_type") or "event", where))
        lines.append((f"?event={quote(str(r['event_id']), safe='')}", words))
    return NewEventsNotice(count=count, lines=tuple(lines))
