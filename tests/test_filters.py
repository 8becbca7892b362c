import datetime as dt

import pandas as pd
import pytest

from geo.errors import FilterError
from geo.filters import EventFilter, describe, filter_events, from_query_params, to_query_params
from geo.store import normalise_frame


@pytest.fixture
def frame(sample_events):
    return normalise_frame(pd.DataFrame([e.to_dict() for e in sample_events]))


def ids(frame):
    return sorted(int(i) for i in frame.index)


def test_no_filter_keeps_everything(frame):
    assert len(filter_events(frame, EventFilter())) == len(frame)


def test_changing_the_unfiltered_answer_leaves_the_shared_frame_alone(frame):
    # the dashboard's loaded frame is shared by every session: the default view's answer
    # (no rows left out) must be safe to change
    before = frame.copy()
    shown = filter_events(frame, EventFilter())
    assert shown is not frame
    shown["location"] = "changed"
    shown.loc[shown.index[0], "fatalities"] = 99_999
    pd.testing.assert_frame_equal(frame, before)


def test_date_range_is_inclusive_and_drops_undated(frame):
    out = filter_events(frame, EventFilter(since=dt.date(2020, 2, 10), until=dt.date(2020, 2, 29)))
    assert sorted(out["event_date"].dt.day) == [10, 20, 29]


def test_event_types(frame):
    out = filter_events(frame, EventFilter(event_types=("Diplomacy",)))
    assert set(out["event_type"]) == {"Diplomacy"} and len(out) == 2


def test_actor_matches_either_side(frame):
    out = filter_events(frame, EventFilter(actors=("Recep Tayyip Erdogan (Turkey)",)))
    assert len(out) == 2  # actor2 of the call, actor1 of the threat


def test_country_by_code_or_name_case_insensitive(frame):
    by_code = filter_events(frame, EventFilter(countries=("irn",)))
    by_name = filter_events(frame, EventFilter(countries=("Iran",)))
    assert list(by_code["location"]) == list(by_name["location"]) == ["Tehran"]


def test_filters_combine_with_and(frame):
    out = filter_events(frame, EventFilter(countries=("SYR",), event_types=("Battles",),
                                           since=dt.date(2020, 2, 1)))
    assert list(out["event_date"].dt.day) == [29]


def test_text_and_precision_and_origin(frame):
    assert len(filter_events(frame, EventFilter(text="OFFENSIVE"))) == 1
    assert len(filter_events(frame, EventFilter(max_geo_precision=1))) == 3
    assert len(filter_events(frame, EventFilter(origins=("ucdp",)))) == 1


def test_empty_date_range_is_rejected():
    with pytest.raises(FilterError):
        EventFilter(since=dt.date(2020, 3, 1), until=dt.date(2020, 2, 1))


def test_query_string_round_trip():
    flt = EventFilter(since=dt.date(2020, 2, 1), until=dt.date(2020, 2, 29),
                      event_types=("Battles", "Diplomacy"), actors=("A & B",),
                      countries=("SYR",), text="idlib", max_geo_precision=2)
    params = to_query_params(flt)
    assert params["type"] == ["Battles", "Diplomacy"] and params["since"] == "2020-02-01"
    assert from_query_params(params) == flt


def test_empty_filter_has_no_query_params():
    assert to_query_params(EventFilter()) == {}
    assert from_query_params({}) == EventFilter()


def test_malformed_query_values_are_named():
    with pytest.raises(FilterError, match="since"):
        from_query_params({"since": "last week"})


def test_description_in_plain_words():
    text = describe(EventFilter(countries=("Syria",), event_types=("Battles",),
                                since=dt.date(2020, 2, 1), until=dt.date(2020, 2, 29)))
    assert text == "Syria · 2020-02-01 – 2020-02-29 · Battles"
    assert describe(EventFilter()) == "All events"


def test_free_text_also_matches_place_region_and_country_names(frame):
    tehran = filter_events(frame, EventFilter(text="tehr"))
    assert len(tehran) >= 1 and set(tehran["location"]) == {"Tehran"}
    iran = filter_events(frame, EventFilter(text="IRAN"))
    assert "Tehran" in set(iran["location"])
    nothing = filter_events(frame, EventFilter(text="zzqx"))
    assert nothing.empty


def test_free_text_on_categorical_columns(frame):
    from geo.store import normalise_frame  # noqa: F401 - the store's frames are categorical

    cat = frame.assign(location=frame["location"].astype("category"),
                       country=frame["country"].astype("category"))
    assert list(filter_events(cat, EventFilter(text="tehran"))["location"]) == \
        list(filter_events(frame, EventFilter(text="tehran"))["location"])


def test_the_sidebar_counts_held_per_store_version_are_the_ones_it_would_count(frame):
    from geo import facets

    held = facets.facets_of(frame)
    assert held.types == facets.value_counts(frame, "event_type")
    assert held.sub_types == facets.sub_type_counts(frame, ())
    assert held.actors == facets.actor_counts(frame)
    assert held.countries == facets.country_counts(frame) and held.countries
    assert held.country_names == facets.country_names(frame)
    assert held.precisions == facets.precision_counts(frame)
    assert held.bounds == facets.date_bounds(frame)
