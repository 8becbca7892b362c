"""The timeline: events counted per day or week, stacked by event type or by actor.

Pure functions over the events DataFrame (columns as in
:data:`geo.record.FIELDS`). :func:`bin_events` gives a tidy frame
(``period``, ``group``, ``events``) that any chart can draw;
:func:`timeline_chart` draws it with Altair in the taxonomy's colours, with an
interval selection on the time axis; :func:`selected_range` reads that
selection back as dates for the date filter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from geo.taxonomy import TYPE_NAMES, colour_for

Bin = Literal["day", "week"]
Stack = Literal["event_type", "actor"]

MAX_DAY_BINS = 120  # up to four months of days; beyond that, weeks
OTHER_ACTORS = "Other actors"
BRUSH = "brush"  # the name of the chart's interval selection
COLUMNS = ("period", "group", "events")


@dataclass(frozen=True, slots=True)
class Timeline:
    """Counts per period and group, and how they were binned (and why)."""

    counts: pd.DataFrame  # period (Timestamp: the day, or the Monday of the week), group, events
    bin: Bin
    reason: str
    stack: Stack
    undated: int  # events without a date, left out of the counts
    groups: tuple[str, ...] = ()  # stacking order: the taxonomy's, or actors by count


def choose_bin(since: dt.date | None, until: dt.date | None, *,
               max_day_bins: int = MAX_DAY_BINS) -> tuple[Bin, str]:
    """Days for a short span, weeks for a long one; says why."""
    if since is None or until is None:
        return "day", "no dated events"
    days = (until - since).days + 1
    if days <= max_day_bins:
        return "day", f"{days} day(s) span: one bar per day"
    return "week", f"{days} days span (over {max_day_bins}): one bar per week (from Monday)"


def bin_events(frame: pd.DataFrame, *, stack: Stack = "event_type", bin: Bin | None = None,
               top_n: int = 8) -> Timeline:
    """Count events per period, stacked by event type or by the ``top_n`` actors.

    By type: one group per event type, in the taxonomy's order. By actor: an
    event counts once for each of its actors (actor1, actor2); the ``top_n``
    most frequent actors keep their names, the rest are one "Other actors" group;
    events with no actor are left out. ``bin`` None chooses by span (:func:`choose_bin`).
    """
    if stack not in ("event_type", "actor"):
        raise ValueError(f"stack must be 'event_type' or 'actor', not {stack!r}")
    if bin not in (None, "day", "week"):
        raise ValueError(f"bin must be 'day', 'week' or None, not {bin!r}")
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    dates = pd.to_datetime(frame["event_date"], errors="coerce")
    dated = frame[dates.notna()]
    dates = dates[dates.notna()]
    undated = len(frame) - len(dated)
    span = (dates.min().date(), dates.max().date()) if len(dates) else (None, None)
    if bin is None:
        bin, reason = choose_bin(*span)
    else:
        reason = f"one bar per {bin} (chosen)"
    periods = dates.dt.normalize()
    if bin == "week":
        periods = periods - pd.to_timedelta(periods.dt.day_of_week, unit="D")

    if stack == "event_type":
        long = pd.DataFrame({"period": periods.values,
                             "group": dated["event_type"].fillna("").astype(str).values})
        long["group"] = long["group"].replace("", "Unknown type")
        order = [t for t in TYPE_NAMES if t in set(long["group"])]
        order += sorted(set(long["group"]) - set(order))
    else:
        both = pd.concat([
            pd.DataFrame({"period": periods.values, "group": dated[col].fillna("").astype(str)
                          .values}) for col in ("actor1", "actor2")
        ], ignore_index=True)
        long = both[both["group"] != ""]
        ranked = long["group"].value_counts()
        ranked = ranked.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        top = list(ranked.index[:top_n])
        long = long.assign(group=long["group"].where(long["group"].isin(top), OTHER_ACTORS))
        order = top + ([OTHER_ACTORS] if (long["group"] == OTHER_ACTORS).any() else [])

    counts = (long.groupby(["period", "group"]).size().rename("events").reset_index())
    counts["group"] = pd.Categorical(counts["group"], categories=order)
    counts = counts.sort_values(["period", "group"]).reset_index(drop=True)
    counts["group"] = counts["group"].astype(str)
    counts["events"] = counts["events"].astype("int64")
    counts["period"] = pd.to_datetime(counts["period"])
    return Timeline(counts=counts[list(COLUMNS)], bin=bin, reason=reason, stack=stack,
                    undated=undated, groups=tuple(order))


def axis_span(timeline: Timeline, dates: tuple[dt.date, dt.date] | None
              ) -> tuple[dt.date, dt.date] | None:
    """The dates the time axis covers: the date filter, narrowed to the filtered
    events' own first and last bar (a filter reaching back to the store's oldest
    event does not squeeze a country's bars into one corner). None: no dated event."""
    if timeline.counts.empty:
        return None
    periods = pd.to_datetime(timeline.counts["period"])
    first, last = periods.min().date(), periods.max().date()
    if timeline.bin == "week":
        last += dt.timedelta(days=6)
    if dates is not None and len(dates) == 2 and dates[0] <= dates[1]:
        first, last = max(first, dates[0]), min(last, dates[1])
        if first > last:  # events outside the filter cannot be; keep the filter then
            first, last = dates
    return first, last


def colour_scale(timeline: Timeline) -> tuple[list[str], list[str] | None]:
    """Domain and range of the colour scale: the taxonomy's colours for event
    types; None (the chart's default palette) for actors."""
    groups = list(timeline.groups)
    if timeline.stack == "event_type":
        return groups, [colour_for(g) for g in groups]
    return groups, None


def timeline_chart(timeline: Timeline, *, height: int = 320,
                   span: tuple[dt.date, dt.date] | None = None):
    """A stacked bar chart of the counts with an interval selection (``BRUSH``) on x;
    ``span``: the dates the time axis covers (default: the data's)."""
    import altair as alt  # imported here: only the pages draw charts

    domain, colours = colour_scale(timeline)
    scale = alt.Scale(domain=domain, range=colours) if colours else alt.Scale(domain=domain)
    label = "Event type" if timeline.stack == "event_type" else "Actor"
    unit = "utcyearmonthdate"  # dates go out as "YYYY-MM-DD", which browsers read as UTC
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    data = timeline.counts.assign(
        period=timeline.counts["period"].dt.strftime("%Y-%m-%d"),
        order=timeline.counts["group"].map({g: i for i, g in enumerate(domain)}))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{unit}(period):T", title="Week from" if timeline.bin == "week" else "Day",
                    scale=_x_scale(alt, span)),
            y=alt.Y("sum(events):Q", title="Events", axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color("group:N", scale=scale, title=label,
                            legend=alt.Legend(orient="bottom", columns=4)),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip(f"{unit}(period):T", title="Week from"
                                 if timeline.bin == "week" else "Day"),
                     alt.Tooltip("group:N", title=label),
                     alt.Tooltip("sum(events):Q", title="Events")],
        )
        .add_params(brush)
        .properties(height=height)
    )


def _x_scale(alt, span):
    if span is None:
        return alt.Undefined
    start, end = span
    return alt.Scale(domain=[start.isoformat(), (end + dt.timedelta(days=1)).isoformat()])


def selected_range(selection: object, timeline_bin: Bin = "day") -> tuple[dt.date, dt.date] | None:
    """The dates an interval selection covers, or None when nothing is selected.

    ``selection`` is what ``st.altair_chart(on_select=...)`` reports:
    ``{"selection": {"brush": {"<field>": [start, end]}}}`` with epoch
    milliseconds (or ISO strings). A week bin extends the end to the week's Sunday.
    """
    sel = _get(selection, "selection")
    brush = _get(sel, BRUSH)
    if not brush:
        return None
    values = next(iter(brush.values()), None) if hasattr(brush, "values") else None
    if not isinstance(values, (list, tuple)) or len(values) != 2:
        return None
    try:
        start, end = sorted(_as_date(v) for v in values)
    except (TypeError, ValueError):
        return None
    if timeline_bin == "week":
        end = end + dt.timedelta(days=6 - end.weekday())
    return start, end


def clamp_range(picked: tuple[dt.date, dt.date],
                bounds: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """``picked`` cut to ``bounds`` (a range outside them becomes the bounds)."""
    start, end = max(picked[0], bounds[0]), min(picked[1], bounds[1])
    return (start, end) if start <= end else bounds


def _get(obj: object, key: str):
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(key)
    try:
        return obj[key]  # Streamlit's AttributeDictionary
    except (KeyError, TypeError):
        return getattr(obj, key, None)


def _as_date(value: object) -> dt.date:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return pd.Timestamp(int(value), unit="ms").date()
    if isinstance(value, str):
        return pd.Timestamp(value).date()
    raise TypeError(f"not a date: {value!r}")
