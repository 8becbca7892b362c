"""What changed this week, and where: week-over-week change per country or region.

For a chosen week — the 7 days from a date — and each area (a country, or a
first-level region within its country) :func:`weekly_trends` counts the events
and fatalities of the week, the weekly means of the 4 weeks before (the 28 days
before the week) and of the 52 weeks before (the 364 days before), the change
against the 4-week mean as a fraction, a category, a surge flag and the
emerging actors. The decisions are pure functions that say why:

* :func:`change_category` — above +25 % "large increase"; +10 % to +25 %
  "moderate increase" (both ends included); −25 % (included) to +10 %
  "limited change"; below −25 % "large decrease"; and "limited change" wherever
  the 4-week mean is ≤ 2 and this week ≤ 5 (a low baseline, checked first).
  A rise from a 4-week mean of 0 to more than 5 is a "large increase" (the
  change itself is undefined: ``None``).
* :func:`is_surge` — this week ≥ 2 × the 4-week mean, and that mean at least 1.
* emerging actors — actors (actor1 or actor2) with an event in the area this
  week and none there in the previous 52 weeks.

An area is listed when it has an event in the week or in the 52 weeks before.
Events without a country code have no area; at the ``admin1`` level, events
without a first-level region are left out too (they are in the country row).

Fast at a million events: the work is integer codes of the loaded frame's
categoricals and ``np.bincount`` over the 53 weeks' rows only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from geo.errors import FilterError

LEVELS = ("country", "admin1")
CATEGORIES = ("large increase", "moderate increase", "limited change", "large decrease")
WEEK_DAYS, SHORT_DAYS, LONG_DAYS = 7, 28, 364
LOW_BASELINE_MEAN, LOW_BASELINE_WEEK = 2.0, 5
# the contract of ``python -m geo trends --json``: these keys, in this order
_COLUMNS = ("event_date", "country_code", "country", "admin1", "actor1", "actor2",
            "fatalities", "latitude", "longitude")
JSON_FIELDS = ("area", "country_code", "admin1", "this_week", "mean_4w", "mean_52w",
               "change_4w", "category", "surge", "emerging_actors", "fatalities_this_week")


@dataclass(frozen=True, slots=True)
class Change:
    """The category of a week's change, and why."""

    category: str
    reason: str


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One area's week against its baselines."""

    area: str
    country_code: str
    admin1: str
    this_week: int
    mean_4w: float
    mean_52w: float
    change_4w: float | None
    category: str
    surge: bool
    emerging_actors: tuple[str, ...]
    fatalities_this_week: int
    fatalities_mean_4w: float
    fatalities_mean_52w: float
    latitude: float | None  # the area's centre: the mean of its located events
    longitude: float | None
    reason: str

    def to_json(self) -> dict:
        """The CLI contract's record (:data:`JSON_FIELDS`)."""
        row = asdict(self)
        row["emerging_actors"] = list(self.emerging_actors)
        return {key: row[key] for key in JSON_FIELDS}


def change_fraction(this_week: float, mean_4w: float) -> float | None:
    """(this week − mean) / mean; None when the mean is 0 (no baseline to compare)."""
    if mean_4w <= 0:
        return None
    return (this_week - mean_4w) / mean_4w


def change_category(this_week: float, mean_4w: float) -> Change:
    """The week's category against the 4-week mean (boundaries in the module's doc)."""
    if mean_4w <= LOW_BASELINE_MEAN and this_week <= LOW_BASELINE_WEEK:
        return Change("limited change", f"low baseline: 4-week mean {mean_4w:g} ≤ "
                      f"{LOW_BASELINE_MEAN:g} and {this_week:g} this week ≤ {LOW_BASELINE_WEEK}")
    change = change_fraction(this_week, mean_4w)
    if change is None:
        return Change("large increase", f"{this_week:g} this week after none in the 4 weeks "
                      "before")
    # compare in whole hundredths of a percent: 1.1 / 1 - 1 is 0.10000000000000009
    pct = round(change * 100, 6)
    said = f"{pct:+.1f} % against the 4-week mean {mean_4w:g}"
    if pct > 25:
        return Change("large increase", f"{said} (above +25 %)")
    if pct >= 10:
        return Change("moderate increase", f"{said} (+10 % to +25 %)")
    if pct >= -25:
        return Change("limited change", f"{said} (−25 % to +10 %)")
    return Change("large decrease", f"{said} (below −25 %)")


def is_surge(this_week: float, mean_4w: float) -> bool:
    """At least twice the 4-week mean, where that mean is at least 1 event a week."""
    return mean_4w >= 1 and this_week >= 2 * mean_4w


def week_bounds(week: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the week that starts on ``week``."""
    return week, week + dt.timedelta(days=WEEK_DAYS - 1)


def weekly_trends(frame: pd.DataFrame, week: dt.date, *, level: str = "country") -> list[TrendRow]:
    """Every area's trend for the week from ``week`` (events as the dashboard loads them).

    Rows come sorted by this week's events (most first), then area.
    """
    if level not in LEVELS:
        raise FilterError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    start = np.datetime64(week, "D")
    dates = frame["event_date"].to_numpy(dtype="datetime64[D]")
    window = (dates >= start - LONG_DAYS) & (dates < start + WEEK_DAYS)
    rows = frame.loc[window, [c for c in _COLUMNS if c in frame.columns]]
    if rows.empty:
        return []
    age = (rows["event_date"].to_numpy(dtype="datetime64[D]") - start).astype(np.int64)
    key, areas = _area_keys(rows, level)
    keep = key >= 0
    if not keep.all():
        rows, age, key = rows[keep], age[keep], key[keep]
    n = len(areas)
    this = age >= 0
    short = (age < 0) & (age >= -SHORT_DAYS)
    long = age < 0
    fatal = rows["fatalities"].fillna(0).to_numpy(dtype=np.int64) if len(rows) else \
        np.zeros(0, np.int64)

    def count(mask, weights=None):
        return np.bincount(key[mask], weights=None if weights is None else weights[mask],
                           minlength=n)

    this_n, short_n, long_n = count(this), count(short), count(long)
    this_f, short_f, long_f = count(this, fatal), count(short, fatal), count(long, fatal)
    lat, lon = _centres(rows, key, n)
    emerging = _emerging_actors(rows, key, this, long)
    out = []
    for i, (code, admin1, name) in enumerate(areas):
        week_n, mean_4w, mean_52w = int(this_n[i]), float(short_n[i] / 4), float(long_n[i] / 52)
        change = change_category(week_n, mean_4w)
        out.append(TrendRow(
            area=name, country_code=code, admin1=admin1, this_week=week_n,
            mean_4w=mean_4w, mean_52w=mean_52w,
            change_4w=change_fraction(week_n, mean_4w), category=change.category,
            surge=is_surge(week_n, mean_4w), emerging_actors=emerging.get(i, ()),
            fatalities_this_week=int(this_f[i]), fatalities_mean_4w=float(short_f[i] / 4),
            fatalities_mean_52w=float(long_f[i] / 52),
            latitude=lat[i], longitude=lon[i], reason=change.reason))
    out.sort(key=lambda r: (-r.this_week, r.area))
    return out


def trends_table(rows: list[TrendRow]) -> pd.DataFrame:
    """The rows as a table (emerging actors joined by "; ")."""
    records = [asdict(r) for r in rows]
    for r in records:
        r["emerging_actors"] = "; ".join(r["emerging_actors"])
    columns = [f.name for f in TrendRow.__dataclass_fields__.values()]  # type: ignore[attr-defined]
    return pd.DataFrame.from_records(records, columns=columns)


def trends_csv(rows: list[TrendRow]) -> bytes:
    """The table as CSV (UTF-8), change as a fraction, for the page's download."""
    return trends_table(rows).to_csv(index=False).encode("utf-8")


def default_week(frame: pd.DataFrame, until: dt.date | None = None) -> dt.date | None:
    """The last full week of the data: the 7 days ending at ``until`` or at the last
    event date."""
    last = until
    if last is None:
        dates = frame["event_date"].dropna()
        if dates.empty:
            return None
        last = dates.max().date()
    return last - dt.timedelta(days=WEEK_DAYS - 1)


# -- plumbing ----------------------------------------------------------------

def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(integer code per row, category names); "" and missing have code -1."""
    cat = column if isinstance(column.dtype, pd.CategoricalDtype) else \
        column.astype(object).fillna("").astype(str).astype("category")
    names = np.asarray(cat.cat.categories.astype(str), dtype=object)
    codes = cat.cat.codes.to_numpy().astype(np.int64)
    blank = np.flatnonzero(np.char.str_len(names.astype(str)) == 0) if len(names) else []
    for b in blank:
        codes[codes == b] = -1
    return codes, names


def _area_keys(rows: pd.DataFrame, level: str) -> tuple[np.ndarray, list[tuple[str, str, str]]]:
    """A dense area index per row (-1: no area) and each area's (code, admin1, name)."""
    cc, cc_names = _codes(rows["country_code"])
    country_of = _first_names(cc, rows["country"], len(cc_names))
    if level == "country":
        combined = cc
    else:
        a1, a1_names = _codes(rows["admin1"])
        combined = np.where((cc >= 0) & (a1 >= 0), cc * (len(a1_names) + 1) + a1, -1)
    present, key = np.unique(combined, return_inverse=True)
    key = key.astype(np.int64)
    areas = []
    if len(present) and present[0] == -1:
        key -= 1  # the "no area" group becomes -1, the rest 0..n-1
        present = present[1:]
    for value in present.tolist():
        if level == "country":
            code = str(cc_names[value])
            areas.append((code, "", country_of.get(value) or code))
        else:
            c, a = divmod(value, len(a1_names) + 1)
            code, admin1 = str(cc_names[c]), str(a1_names[a])
            areas.append((code, admin1, f"{admin1}, {country_of.get(c) or code}"))
    return key, areas


def _first_names(codes: np.ndarray, names: pd.Series, n: int) -> dict[int, str]:
    """The country name shown with each country code (its most common spelling)."""
    if not n:
        return {}
    values = names.astype(object).fillna("").astype(str).to_numpy()
    pairs = pd.DataFrame({"c": codes, "n": values})
    pairs = pairs[(pairs["c"] >= 0) & (pairs["n"] != "")]
    if pairs.empty:
        return {}
    top = pairs.groupby(["c", "n"]).size().reset_index(name="k") \
        .sort_values(["c", "k"], ascending=[True, False]).drop_duplicates("c")
    return dict(zip(top["c"].tolist(), top["n"].tolist()))


def _centres(rows: pd.DataFrame, key: np.ndarray, n: int) -> tuple[list, list]:
    lat = rows["latitude"].to_numpy(dtype=float)
    lon = rows["longitude"].to_numpy(dtype=float)
    ok = ~(np.isnan(lat) | np.isnan(lon))
    k = np.bincount(key[ok], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mlat = np.bincount(key[ok], weights=lat[ok], minlength=n) / k
        mlon = np.bincount(key[ok], weights=lon[ok], minlength=n) / k
    return ([None if c == 0 else float(v) for v, c in zip(mlat, k)],
            [None if c == 0 else float(v) for v, c in zip(mlon, k)])


def _emerging_actors(rows: pd.DataFrame, key: np.ndarray, this: np.ndarray,
                     before: np.ndarray) -> dict[int, tuple[str, ...]]:
    """Per area index: actors of this week's events with no event there in the 52
    weeks before (sorted by name)."""
    if not this.any():
        return {}
    seen: set[tuple[int, str]] = set()
    now: set[tuple[int, str]] = set()
    for column in ("actor1", "actor2"):
        codes, names = _codes(rows[column])
        for mask, into in ((before, seen), (this, now)):
            ok = mask & (codes >= 0)
            if not ok.any():
                continue
            width = len(names) + 1
            pairs = np.unique(key[ok] * width + codes[ok])
            into.update((int(p // width), str(names[p % width])) for p in pairs.tolist())
    out: dict[int, list[str]] = {}
    for area, actor in sorted(now - seen):
        out.setdefault(area, []).append(actor)
    return {area: tuple(actors) for area, actors in out.items()}
