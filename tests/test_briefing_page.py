"""The Briefing page through Streamlit's AppTest (the HTML it shows is tested in
test_briefing.py, its PNG in tests/browser)."""

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.conftest import ROOT


@pytest.fixture
def app(monkeypatch, db_url, sample_events):
    Store(db_url).upsert_events(sample_events)
    monkeypatch.setenv("DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception
    return at


def buttons(at) -> list:
    return at.get("download_button")


def preview(at) -> str:
    """The HTML the page shows (an iframe's srcdoc; AppTest has no type for it)."""
    frames = [e.proto.srcdoc for e in at.main if type(e.proto).__name__ == "IFrame"]
    assert len(frames) == 1
    return frames[0]


def test_preview_is_the_briefing_with_offline_base_layer(app):
    html = preview(app)
    assert "Conflict events" in html and "GeoNames (CC BY 4.0)" in html
    assert "tile.openstreetmap.org" not in html
    app.checkbox(key="b_tiles").check().run()
    assert "© OpenStreetMap contributors" in preview(app)


def test_page_offers_five_exports(app):
    labels = [b.proto.label for b in buttons(app)]
    assert labels[0] == "PNG 1920×1080"
    assert labels[1:5] == ["PDF (print)", "Standalone HTML", "Events CSV", "Events GeoJSON"]
    assert labels[5:] == ["Animated GIF", "MP4 video"]  # the player's steps


def test_size_and_scale_choices_change_the_png(app):
    app.selectbox(key="b_size").set_value("1280×720 (HD)").run()
    app.selectbox(key="b_scale").set_value(2).run()
    assert not app.exception
    assert buttons(app)[0].proto.label == "PNG 2560×1440"


def test_custom_size(app):
    app.selectbox(key="b_size").set_value("Custom…").run()
    app.number_input(key="b_width").set_value(1000).run()
    app.number_input(key="b_height").set_value(1000).run()
    assert not app.exception
    assert buttons(app)[0].proto.label == "PNG 1000×1000"


def test_filters_reach_the_briefing(monkeypatch, db_url, sample_events):
    Store(db_url).upsert_events(sample_events)
    monkeypatch.setenv("DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.sidebar.multiselect(key="f_types").set_value(["Diplomacy"]).run()
    at.switch_page("pages/briefing.py").run()
    at.text_input(key="b_title").set_value("Talks <now>").run()
    assert not at.exception
    html = preview(at)
    assert '<h1 id="cm-title">Talks &lt;now&gt;</h1>' in html
    assert "All countries · 10–20 Feb 2020 · Diplomacy" in html
    assert "<strong>2</strong>" in html
    assert "/app/static/leaflet/leaflet.js" in html  # the preview links the served assets


def test_missing_chromium_is_said_and_png_disabled(monkeypatch, app, tmp_path):
    monkeypatch.setenv("CONFLICTMAP_CHROMIUM", str(tmp_path / "none"))
    app.run()
    assert not app.exception
    assert buttons(app)[0].proto.disabled
    assert "apt-get install chromium" in app.warning[0].value
