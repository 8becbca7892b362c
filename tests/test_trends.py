"""The trend functions on hand-made weekly series (geo/trends.py)."""

import datetime as dt

import pandas as pd
import pytest

from geo.errors import FilterError
from geo.store import normalise_frame
from geo.trends import (
    JSON_FIELDS, change_category, change_fraction, default_week, is_surge, trends_table,
    weekly_trends,
)

WEEK = dt.date(2024, 3, 4)  # a Monday; the week is 4–10 March


def series(weekly: dict[int, int], *, country="SYR", name="Syria", admin1="Idlib",
           actor="Military Forces of Syria", fatalities=1, lat=35.9, lon=36.6) -> list[dict]:
    """Events per week: key 0 is the chosen week, -1 the week before, ... -52."""
    rows = []
    for offset, n in weekly.items():
        for k in range(n):
            day = WEEK + dt.timedelta(days=7 * offset + k % 7)
            rows.append(dict(event_id=f"{country}-{admin1}-{offset}-{k}-{actor}", event_date=day,
                             event_type="Battles", country_code=country, country=name,
                             admin1=admin1, actor1=actor, actor2="", fatalities=fatalities,
                             latitude=lat, longitude=lon))
    return rows


def frame(*parts: list[dict]) -> pd.DataFrame:
    return normalise_frame(pd.DataFrame([r for p in parts for r in p]))


def only(rows, **where):
    found = [r for r in rows if all(getattr(r, k) == v for k, v in where.items())]
    assert len(found) == 1, found
    return found[0]


def four_weeks(per_week: int) -> dict[int, int]:
    return {-1: per_week, -2: per_week, -3: per_week, -4: per_week}


# -- the category's boundaries ----------------------------------------------------

@pytest.mark.parametrize("this_week, mean_4w, category", [
    (26, 20, "large increase"),      # +30 %
    (25, 20, "moderate increase"),   # +25 % exactly: not above +25 %
    (22, 20, "moderate increase"),   # +10 % exactly: the moderate band starts there
    (11, 10, "moderate increase"),   # +10 % with floating point (1.1 - 1 > 0.1)
    (21, 20, "limited change"),      # +5 %
    (15, 20, "limited change"),      # −25 % exactly: not below −25 %
    (14, 20, "large decrease"),      # −30 %
    (0, 8, "large decrease"),
    (5, 2, "limited change"),        # +150 % but a low baseline: mean ≤ 2 and week ≤ 5
    (6, 2, "large increase"),        # the week above 5: no longer a low baseline
    (3, 2.25, "large increase"),     # +33 %: the mean is above 2, not a low baseline
])
def test_category_boundaries(this_week, mean_4w, category):
    assert change_category(this_week, mean_4w).category == category


def test_low_baseline_says_why_and_a_start_from_nothing():
    low = change_category(4, 0)
    assert low.category == "limited change" and "low baseline" in low.reason
    fresh = change_category(9, 0)
    assert fresh.category == "large increase" and "none in the 4 weeks" in fresh.reason
    assert change_fraction(9, 0) is None
    assert change_fraction(15, 10) == pytest.approx(0.5)


def test_surge_rule():
    assert is_surge(2, 1) and is_surge(10, 5)
    assert not is_surge(9, 5)          # under twice the mean
    assert not is_surge(3, 0.75)       # the mean is under one event a week
    assert not is_surge(5, 0)


# -- weekly series through weekly_trends -----------------------------------------

def test_means_change_and_fatalities_per_country():
    # 4 weeks before: 10 a week; weeks -5..-52: 2 a week; this week 14 (+40 %)
    history = {-w: 2 for w in range(5, 53)} | four_weeks(10) | {0: 14}
    rows = weekly_trends(frame(series(history, fatalities=3)), WEEK)
    syria = only(rows, country_code="SYR")
    assert syria.area == "Syria" and syria.admin1 == ""
    assert syria.this_week == 14
    assert syria.mean_4w == 10
    assert syria.mean_52w == pytest.approx((40 + 48 * 2) / 52)
    assert syria.change_4w == pytest.approx(0.4)
    assert syria.category == "large increase"
    assert not syria.surge  # 14 < 2 × 10
    assert syria.fatalities_this_week == 42 and syria.fatalities_mean_4w == 30


def test_events_outside_the_53_weeks_do_not_count():
    rows = weekly_trends(frame(series({1: 9, -53: 30, -1: 4, 0: 4})), WEEK)
    syria = only(rows, country_code="SYR")
    assert (syria.this_week, syria.mean_4w, syria.mean_52w) == (4, 1, 4 / 52)
    # an area seen only before the 52 weeks (or after the week) is not listed
    assert weekly_trends(frame(series({-53: 3, 2: 3})), WEEK) == []


def test_a_surge_in_one_region_and_calm_in_another():
    rows = weekly_trends(frame(series(four_weeks(3) | {0: 8}, admin1="Idlib"),
                               series(four_weeks(6) | {0: 6}, admin1="Aleppo", lat=36.2)),
                         WEEK, level="admin1")
    idlib = only(rows, admin1="Idlib")
    aleppo = only(rows, admin1="Aleppo")
    assert idlib.area == "Idlib, Syria" and idlib.surge and idlib.category == "large increase"
    assert not aleppo.surge and aleppo.category == "limited change"
    assert aleppo.change_4w == 0
    assert [r.admin1 for r in rows] == ["Idlib", "Aleppo"]  # most events this week first
    assert aleppo.latitude == pytest.approx(36.2)
    # the country row adds both regions up
    syria = only(weekly_trends(frame(series(four_weeks(3) | {0: 8}, admin1="Idlib"),
                                     series(four_weeks(6) | {0: 6}, admin1="Aleppo")), WEEK),
                 country_code="SYR")
    assert (syria.this_week, syria.mean_4w) == (14, 9)


def test_emerging_actor_is_new_to_the_region_not_to_the_country():
    old = series({-10: 2, -1: 1}, admin1="Idlib", actor="Military Forces of Syria")
    new_here = series({0: 1}, admin1="Idlib", actor="Hay'at Tahrir al-Sham")
    known_elsewhere = series({-20: 1}, admin1="Aleppo", actor="Hay'at Tahrir al-Sham")
    again = series({0: 1}, admin1="Idlib", actor="Military Forces of Syria")
    back_after_a_year = series({-60: 1, 0: 1}, admin1="Idlib", actor="Syrian National Army")
    data = frame(old, new_here, known_elsewhere, again, back_after_a_year)
    idlib = only(weekly_trends(data, WEEK, level="admin1"), admin1="Idlib")
    assert idlib.emerging_actors == ("Hay'at Tahrir al-Sham", "Syrian National Army")
    syria = only(weekly_trends(data, WEEK), country_code="SYR")
    assert syria.emerging_actors == ("Syrian National Army",)  # HTS was in Aleppo
    # actor2 counts as an actor too, and an actor seen there as actor2 is not new
    second = frame(series({-3: 1}, actor="Civilians (Syria)"),
                   [dict(r, actor2="Civilians (Syria)", actor1="ISIS") for r in series({0: 1})])
    assert only(weekly_trends(second, WEEK), country_code="SYR").emerging_actors == ("ISIS",)


def test_events_without_a_place_have_no_area():
    data = frame(series({0: 2}), series({0: 5}, country="", name="", admin1=""),
                 series({0: 3}, admin1=""))
    assert [(r.country_code, r.this_week) for r in weekly_trends(data, WEEK)] == [("SYR", 5)]
    assert [(r.admin1, r.this_week) for r in weekly_trends(data, WEEK, level="admin1")] == \
        [("Idlib", 2)]


def test_json_record_is_the_contract_and_table_has_every_row():
    rows = weekly_trends(frame(series(four_weeks(1) | {0: 1})), WEEK)
    record = rows[0].to_json()
    assert tuple(record) == JSON_FIELDS
    assert record["emerging_actors"] == [] and isinstance(record["this_week"], int)
    table = trends_table(rows)
    assert list(table["area"]) == ["Syria"] and "reason" in table.columns


def test_bad_level_and_default_week():
    with pytest.raises(FilterError):
        weekly_trends(frame(series({0: 1})), WEEK, level="district")
    data = frame(series({0: 7}))
    assert default_week(data) == WEEK  # the last event is on the 10th: the 7 days to it
    assert default_week(data, until=dt.date(2024, 1, 7)) == dt.date(2024, 1, 1)
    assert default_week(data.iloc[0:0]) is None


def test_change_map_shades_countries_and_sizes_regions():
    from geo.map.change_map import CATEGORY_COLOURS, build_change_map, symbol_radius

    data = frame(series(four_weeks(3) | {0: 8}, admin1="Idlib <b>"),
                 series(four_weeks(6) | {0: 2}, admin1="Aleppo", lat=36.2))
    html = build_change_map(weekly_trends(data, WEEK), level="country").get_root().render()
    assert f'"SYR": ["{CATEGORY_COLOURS["moderate increase"]}", "Syria: 10 this week' in html
    regions = weekly_trends(data, WEEK, level="admin1")
    html = build_change_map(regions, level="admin1").get_root().render()
    assert "Idlib \\u003cb\\u003e, Syria: 8 this week" in html and "Idlib <b>" not in html
    assert "+167 % (large increase, surge)" in html
    assert symbol_radius(8, 8) == 26.0 and symbol_radius(2, 8) == 15.0
    assert "cdn" not in html.lower()
