"""`python -m geo trends --week YYYY-MM-DD ... --json`: the contract, on a real store."""

import datetime as dt
import json

import pytest

from geo.store import Store
from geo.trends import JSON_FIELDS
from tests.conftest import make_event
from tests.test_cli import run_cli

WEEK = dt.date(2024, 3, 4)


@pytest.fixture
def trend_store(db_url):
    """Idlib: 3 a week for 4 weeks, then 8 (a surge, one new actor); Aleppo: 6 then 6;
    Ankara (Turkey): 1 Protest this week."""
    events, n = [], 0

    def add(count, offset, **fields):
        nonlocal n
        for k in range(count):
            n += 1
            events.append(make_event(n, event_date=WEEK + dt.timedelta(days=7 * offset + k % 7),
                                     fatalities=2, **fields))

    for week in (-1, -2, -3, -4):
        add(3, week, admin1="Idlib")
        add(6, week, admin1="Aleppo", location="Aleppo", latitude=36.2, longitude=37.15)
    add(7, 0, admin1="Idlib")
    add(1, 0, admin1="Idlib", actor1="Hay'at Tahrir al-Sham")
    add(6, 0, admin1="Aleppo", location="Aleppo", latitude=36.2, longitude=37.15)
    add(1, 0, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters",
        admin1="Ankara", country="Turkey", country_code="TUR", location="Ankara")
    store = Store(db_url)
    store.upsert_events(events)
    store.dispose()
    return db_url


def trends_json(db_url, *args):
    result = run_cli("trends", "--week", WEEK.isoformat(), *args, "--json", db_url=db_url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_trends_per_country(trend_store):
    rows = trends_json(trend_store)
    assert [r["country_code"] for r in rows] == ["SYR", "TUR"]
    syria = rows[0]
    assert tuple(syria) == JSON_FIELDS
    assert syria == {"area": "Syria", "country_code": "SYR", "admin1": "", "this_week": 14,
                     "mean_4w": 9.0, "mean_52w": 36 / 52, "change_4w": pytest.approx(5 / 9),
                     "category": "large increase", "surge": False,
                     "emerging_actors": ["Hay'at Tahrir al-Sham"], "fatalities_this_week": 28}
    assert rows[1]["change_4w"] is None and rows[1]["category"] == "limited change"


def test_trends_per_region_for_one_country_and_type(trend_store):
    rows = trends_json(trend_store, "--level", "admin1", "--country", "SYR")
    assert [(r["admin1"], r["this_week"], r["surge"]) for r in rows] == \
        [("Idlib", 8, True), ("Aleppo", 6, False)]
    assert rows[0]["area"] == "Idlib, Syria" and rows[1]["category"] == "limited change"
    assert trends_json(trend_store, "--type", "Protests") == [dict(
        area="Turkey", country_code="TUR", admin1="", this_week=1, mean_4w=0.0, mean_52w=0.0,
        change_4w=None, category="limited change", surge=False, emerging_actors=["Protesters"],
        fatalities_this_week=2)]


def test_trends_bad_week_and_text_output(trend_store):
    bad = run_cli("trends", "--week", "2024-13-01", "--json", db_url=trend_store)
    assert bad.returncode == 1 and "--week '2024-13-01' is not a date" in bad.stderr
    text = run_cli("trends", "--week", WEEK.isoformat(), db_url=trend_store)
    assert text.returncode == 0 and "2 area(s)" in text.stdout and "+56%" in text.stdout
