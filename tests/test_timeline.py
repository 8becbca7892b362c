"""geo.timeline: binning per day or week, stacking by type or actor, the selection."""

import datetime as dt

import pandas as pd
import pytest

from geo.record import FIELDS
from geo.taxonomy import colour_for
from geo.timeline import (OTHER_ACTORS, axis_span, bin_events, choose_bin, clamp_range, colour_scale,
                          selected_range, timeline_chart)
from tests.conftest import make_event


def frame(events) -> pd.DataFrame:
    from geo.store import normalise_frame

    return normalise_frame(pd.DataFrame([e.to_dict() for e in events], columns=list(FIELDS)))


def test_choose_bin_by_span():
    assert choose_bin(dt.date(2020, 1, 1), dt.date(2020, 4, 29))[0] == "day"  # 120 days
    kind, reason = choose_bin(dt.date(2020, 1, 1), dt.date(2020, 4, 30))
    assert kind == "week" and "121 days" in reason
    assert choose_bin(None, None) == ("day", "no dated events")


def test_days_stacked_by_type_in_taxonomy_order(sample_events):
    tl = bin_events(frame(sample_events))
    assert tl.bin == "day" and tl.stack == "event_type"
    assert tl.undated == 1
    assert list(tl.counts.columns) == ["period", "group", "events"]
    assert tl.counts["events"].sum() == 5
    assert tl.groups == ("Battles", "Strategic developments", "Diplomacy")
    feb29 = tl.counts[tl.counts["period"] == pd.Timestamp("2020-02-29")]
    assert feb29.to_dict("records") == [
        {"period": pd.Timestamp("2020-02-29"), "group": "Battles", "events": 1}]


def test_weeks_start_on_monday(sample_events):
    tl = bin_events(frame(sample_events), bin="week")
    assert tl.bin == "week"
    assert set(tl.counts["period"].dt.day_of_week) == {0}
    # 2020-02-29 (Saturday) and 2020-02-24..28 fall in the week of Monday 2020-02-24
    week = tl.counts[tl.counts["period"] == pd.Timestamp("2020-02-24")]
    assert week["events"].sum() == 1


def test_long_span_chooses_weeks():
    events = [make_event(i, event_date=dt.date(2020, 1, 1) + dt.timedelta(days=3 * i))
              for i in range(60)]
    tl = bin_events(frame(events))
    assert tl.bin == "week" and "per week" in tl.reason
    assert tl.counts["events"].sum() == 60


def test_actors_top_n_and_other(sample_events):
    tl = bin_events(frame(sample_events), stack="actor", top_n=1)
    assert tl.groups[0] == "Military Forces of Syria"  # events 1 and 4 (6 is undated)
    assert OTHER_ACTORS in tl.groups
    # an event counts once for each of its actors
    assert tl.counts["events"].sum() == 7
    top = tl.counts[tl.counts["group"] == "Military Forces of Syria"]["events"].sum()
    assert top == 2


def test_empty_and_bad_arguments(sample_events):
    tl = bin_events(frame(sample_events).iloc[0:0])
    assert tl.counts.empty and tl.undated == 0
    with pytest.raises(ValueError):
        bin_events(frame(sample_events), stack="country")
    with pytest.raises(ValueError):
        bin_events(frame(sample_events), bin="month")


def test_colours_come_from_the_taxonomy(sample_events):
    tl = bin_events(frame(sample_events))
    domain, colours = colour_scale(tl)
    assert colours == [colour_for(t) for t in domain]
    assert colour_scale(bin_events(frame(sample_events), stack="actor"))[1] is None


def test_chart_spec_has_colours_and_a_brush(sample_events):
    spec = timeline_chart(bin_events(frame(sample_events))).to_dict()
    assert spec["params"][0]["name"] == "brush"
    assert spec["params"][0]["select"]["type"] == "interval"
    scale = spec["encoding"]["color"]["scale"]
    assert scale["range"] == [colour_for(t) for t in scale["domain"]]
    # dates travel as plain ISO days, no URLs anywhere (nothing to fetch from a CDN)
    values = next(iter(spec["datasets"].values()))
    assert values[0]["period"] == "2020-01-15"
    assert "http" not in str(spec["datasets"])


def test_selected_range_from_milliseconds_and_strings():
    ms = lambda d: int(pd.Timestamp(d).timestamp() * 1000)  # noqa: E731
    sel = {"selection": {"brush": {"utcyearmonthdate_period": [ms("2020-02-12 13:00"),
                                                               ms("2020-02-03")]}}}
    assert selected_range(sel) == (dt.date(2020, 2, 3), dt.date(2020, 2, 12))
    # a week bar's end reaches to its Sunday
    assert selected_range(sel, "week") == (dt.date(2020, 2, 3), dt.date(2020, 2, 16))
    iso = {"selection": {"brush": {"period": ["2020-01-01", "2020-01-31"]}}}
    assert selected_range(iso) == (dt.date(2020, 1, 1), dt.date(2020, 1, 31))


@pytest.mark.parametrize("sel", [None, {}, {"selection": {}}, {"selection": {"brush": {}}},
                                 {"selection": {"brush": {"x": [1]}}},
                                 {"selection": {"brush": {"x": ["a", None]}}}])
def test_no_selection(sel):
    assert selected_range(sel) is None


def test_clamp_range():
    b = (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert clamp_range((dt.date(2019, 6, 1), dt.date(2020, 3, 1)), b) == (b[0], dt.date(2020, 3, 1))
    assert clamp_range((dt.date(2021, 6, 1), dt.date(2021, 7, 1)), b) == b


def test_chart_axis_covers_the_given_span(sample_events):
    tl = bin_events(frame(sample_events))
    spec = timeline_chart(tl, span=(dt.date(2020, 2, 1), dt.date(2020, 2, 29))).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == ["2020-02-01", "2020-03-01"]
    assert "scale" not in timeline_chart(tl).to_dict()["encoding"]["x"]


def test_axis_follows_the_date_filter_narrowed_to_the_events():
    events = [make_event(1, event_date=dt.date(2019, 1, 5)),
              make_event(2, event_date=dt.date(2019, 2, 20))]
    tl = bin_events(frame(events))
    # the store's whole range as the filter: the axis is the events' own span
    assert axis_span(tl, (dt.date(1977, 1, 1), dt.date(2023, 12, 31))) == \
        (dt.date(2019, 1, 5), dt.date(2019, 2, 20))
    # a filter narrower than the events wins
    assert axis_span(tl, (dt.date(2019, 2, 1), dt.date(2019, 2, 28))) == \
        (dt.date(2019, 2, 1), dt.date(2019, 2, 20))
    assert axis_span(tl, None) == (dt.date(2019, 1, 5), dt.date(2019, 2, 20))
    weekly = bin_events(frame(events), bin="week")
    assert axis_span(weekly, None)[1] >= dt.date(2019, 2, 20)  # the last week is whole
    assert axis_span(bin_events(frame(events).iloc[0:0]), None) is None
