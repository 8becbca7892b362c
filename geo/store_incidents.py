"""One incident, one event across articles: later reports of an incident already stored.

Two articles telling the same bombing give two events (each keeps its own evidence,
source and id). When an article's event is stored, an event of another article with
the same type at the same place (same location and country) whose dates are at most
``MAX_DAYS`` apart is the same incident: the new event's ``incident_id`` is set to that
event's incident (its ``incident_id``, or its ``event_id`` when it is the first
report). The map and counts show one row per incident (:func:`one_row_per_incident`):
the first report, carrying every report's source and evidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
from sqlalchemy import and_, select

from geo.record import Event

MAX_DAYS = 1


def assign_incidents(conn, table, article_id: str, found: list[Event],
                     own_ids: set[str] = frozenset()) -> list[Event]:
    """``found`` with ``incident_id`` set where another article already reported it.
    ``own_ids``: this article's event ids, old and new; when another article's report
    already points at one of them, this article is the incident's first report (so
    re-ingesting an article never turns it into a copy of its own copies)."""
    out = []
    answers: dict[tuple, str] = {}  # one query per (type, place, date): an article's
    # events often share them, and a store may hold thousands of reports of one place
    c = table.c
    for e in found:
        if e.event_date is None or not e.location or e.origin != "article":
            out.append(dataclasses.replace(e, incident_id=""))
            continue
        key = (e.event_type, e.location, e.country_code, e.event_date)
        if key not in answers:
            rows = conn.execute(
                select(c.event_id, c.incident_id).where(and_(
                    c.article_id != article_id, c.origin == "article",
                    c.event_type == e.event_type, c.location == e.location,
                    c.country_code == e.country_code,
                    c.event_date >= e.event_date - dt.timedelta(days=MAX_DAYS),
                    c.event_date <= e.event_date + dt.timedelta(days=MAX_DAYS)))
                .order_by(c.stored_at, c.event_id)).all()
            if any(r.incident_id in own_ids for r in rows if r.incident_id):
                answers[key] = ""  # the others are reports of this one
            else:
                first = rows[0] if rows else None
                answers[key] = (first.incident_id or first.event_id) if first is not None \
                    else ""
        out.append(dataclasses.replace(e, incident_id=answers[key]))
    return out


def one_row_per_incident(frame: pd.DataFrame) -> pd.DataFrame:
    """The events as incidents: later reports of a stored incident are folded into its
    first report, whose ``source`` lists every report's source. Frames without
    ``incident_id`` (or with none set) come back unchanged."""
    if frame.empty or "incident_id" not in frame:
        return frame
    ids = frame["incident_id"]
    later = ids.notna() & (ids != "")
    if not later.any():
        return frame
    reports = frame[later]
    out = frame[~later].copy()
    extra = reports.groupby("incident_id")["source"].agg(
        lambda s: "; ".join(sorted({str(v) for v in s if isinstance(v, str) and v})))
    hit = out["event_id"].isin(extra.index)
    if hit.any():
        more = out.loc[hit, "event_id"].map(extra)
        out["source"] = out["source"].astype(object)  # categorical in the snapshot
        out.loc[hit, "source"] = [
            "; ".join(x for x in dict.fromkeys(
                [p for p in (str(a or "") + "; " + str(b or "")).split("; ") if p]))
            for a, b in zip(out.loc[hit, "source"], more)]
    return out
