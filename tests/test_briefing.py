"""The briefing page as HTML: what it says, whom it credits, that it fetches nothing."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from geo.map.assets import find_remote_assets
from geo.map.basemap import Credit
from geo.briefing import (
    GEONAMES, OSM, UCDP, BriefingSpec, credits_for, export_bytes, format_date_range,
    make_spec, place_labels, render_briefing_html, summary_line, type_counts,
)
from geo.filters import EventFilter
from geo.taxonomy import colour_for

MADE = dt.datetime(2026, 11, 28, 14, 5, tzinfo=dt.timezone.utc)


@pytest.fixture
def frame(store, sample_events) -> pd.DataFrame:
    """The sample events as the store gives them back (a real SQLite store)."""
    store.upsert_events(sample_events)
    return store.load_frame()


def spec_for(frame, flt=EventFilter(), **kwargs) -> BriefingSpec:
    return make_spec(frame, flt, made_at=MADE, **kwargs)


# -- the words ------------------------------------------------------------------

@pytest.mark.parametrize("since, until, words", [
    (dt.date(2020, 2, 1), dt.date(2020, 2, 29), "1–29 Feb 2020"),
    (dt.date(2020, 1, 3), dt.date(2020, 2, 29), "3 Jan – 29 Feb 2020"),
    (dt.date(2019, 12, 3), dt.date(2020, 2, 29), "3 Dec 2019 – 29 Feb 2020"),
    (dt.date(2020, 2, 29), dt.date(2020, 2, 29), "29 Feb 2020"),
    (dt.date(2020, 2, 1), None, "from 1 Feb 2020"),
    (None, dt.date(2020, 2, 29), "until 29 Feb 2020"),
    (None, None, "all dates"),
])
def test_date_ranges_in_plain_words(since, until, words):
    assert format_date_range(since, until) == words


def test_summary_line_reads_like_the_issue(frame):
    flt = EventFilter(countries=("SYR",), since=dt.date(2020, 2, 1), until=dt.date(2020, 2, 29),
                      event_types=("Battles", "Strategic developments"),
                      actors=("Military Forces of Turkey",))
    assert summary_line(flt, frame) == (
        "Syria · 1–29 Feb 2020 · Battles, Strategic developments · "
        "actors: Military Forces of Turkey")


def test_summary_without_filters_gives_the_events_dates(frame):
    assert summary_line(EventFilter(), frame) == \
        "All countries · 15 Jan – 29 Feb 2020 · All event types"


# -- credits -----------------------------------------------------------------------

def test_ucdp_is_credited_only_when_ucdp_events_are_shown(frame):
    assert UCDP in credits_for(frame, tiles=False)
    articles = frame[frame["origin"] != "ucdp"]
    assert UCDP not in credits_for(articles, tiles=False)
    html = render_briefing_html(articles, spec_for(articles), assets="served")
    assert "UCDP" not in html
    html = render_briefing_html(frame, spec_for(frame), assets="served")
    assert UCDP.html() in html


def test_openstreetmap_is_credited_only_with_its_tiles(frame):
    assert OSM not in credits_for(frame, tiles=False)
    assert OSM in credits_for(frame, tiles=True)
    off = render_briefing_html(frame, spec_for(frame), assets="served")
    on = render_briefing_html(frame, spec_for(frame, tiles=True), assets="served")
    assert "OpenStreetMap contributors" not in off and "tile.openstreetmap.org" not in off
    assert "© OpenStreetMap contributors" in on and "tile.openstreetmap.org" in on


def test_the_page_shows_title_summary_counts_time_and_credits(frame):
    spec = spec_for(frame, title="Idlib, February")
    html = render_briefing_html(frame, spec, assets="served")
    assert '<h1 id="cm-title">Idlib, February</h1>' in html
    assert spec.summary in html
    assert "GeoNames (CC BY 4.0)" in html
    assert re.search(r"<strong>6</strong>\s*events\s*· 5 on the map", html)
    assert "Made 28 Nov 2026, 14:05 UTC" in html
    assert html.count("L.control.scale(") == 1 and "maxWidth: 192" in html
    for name in type_counts(frame):
        assert name in html and colour_for(name) in html


def test_text_is_escaped(frame):
    nasty = frame.copy()
    nasty["location"] = nasty["location"].astype(str)  # the store loads it categorical
    nasty.loc[nasty.index[0], "location"] = "<img src=x onerror=alert(1)>"
    spec = BriefingSpec(title="<script>alert(1)</script>", summary="a & b <i>", made_at=MADE,
                        event_count=6, mapped_count=5,
                        credits=(GEONAMES, Credit("<b>bold</b> data")))
    html = render_briefing_html(nasty, spec, assets="served")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &amp; b &lt;i&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; data" in html
    assert "<img src=x" not in html  # place labels go in as JSON, set as text


def test_inline_page_names_no_remote_asset(frame):
    for tiles in (False, True):
        html = render_briefing_html(frame, spec_for(frame, tiles=tiles), assets="inline")
        assert find_remote_assets(html) == []
        assert "/app/static" not in html


def test_served_page_links_the_static_folder(frame):
    html = render_briefing_html(frame, spec_for(frame), assets="served")
    assert find_remote_assets(html) == []
    assert "/app/static/leaflet/leaflet.js" in html
    assert len(html) < 200_000


def test_no_events_still_makes_a_page(frame):
    empty = frame.iloc[0:0]
    html = render_briefing_html(empty, spec_for(empty), assets="served")
    assert "No events on the map" in html
    assert "<strong>0</strong>" in html


def test_place_labels_name_the_busiest_places(frame):
    labels = place_labels(frame)
    assert labels[0][2] == "Idlib · 3"
    assert {t for _, _, t in labels} == {"Idlib · 3", "Tehran · 1", "Ankara · 1"}
    assert place_labels(frame, limit=1) == labels[:1]


@pytest.mark.parametrize("kwargs, message", [
    (dict(title="  "), "title"),
    (dict(width=100), "width"),
    (dict(height=10_000), "height"),
    (dict(scale=5), "scale"),
    (dict(mapped_count=9), "counts"),
])
def test_spec_rejects_misuse(kwargs, message):
    base = dict(title="T", summary="S", made_at=MADE, event_count=3, mapped_count=2)
    with pytest.raises(ValueError, match=message):
        BriefingSpec(**{**base, **kwargs})


def test_spec_pixel_size_and_default_title(frame):
    spec = spec_for(frame, width=1280, height=720, scale=2, title="")
    assert spec.pixel_size == (2560, 1440)
    assert spec.title == "Conflict events"
    assert spec.online_hosts == ()
    assert spec_for(frame, tiles=True).online_hosts == ("tile.openstreetmap.org",)


def test_csv_and_geojson_exports_are_the_events(frame):
    spec = spec_for(frame)
    csv = export_bytes("csv", frame, spec).decode()
    assert csv.count("\n") == 1 + len(frame)
    geojson = export_bytes("geojson", frame, spec).decode()
    assert geojson.count('"Feature"') == 5
    with pytest.raises(ValueError, match="format"):
        export_bytes("tiff", frame, spec)


def test_a_briefing_of_many_events_is_aggregated_and_small(frame):
    """10^4 events: grid cells like the dashboard, not one marker each; under 3 MB."""
    import numpy as np

    from geo.record import FIELDS

    rng = np.random.default_rng(3)
    n = 10_000
    many = pd.DataFrame({c: [None] * n for c in FIELDS})
    many["event_id"] = [f"m{i}" for i in range(n)]
    many["event_type"] = "Battles"
    many["latitude"] = 35 + rng.uniform(-1, 1, n)
    many["longitude"] = 38 + rng.uniform(-2, 2, n)
    many["geo_precision"] = 1
    spec = make_spec(many, EventFilter(), made_at=dt.datetime(2026, 1, 1))
    html = render_briefing_html(many, spec, assets="inline")
    assert len(html) < 3_000_000
    assert "window.cmRingIcon(parts, c[3])" in html  # the aggregate layer
    assert '"m9999"' not in html  # no event is sent one by one
