"""The Events, Timeline, Articles and Ingest pages through AppTest (no browser)."""

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.articles import read_article
from geo.extract import extract_events
from geo.store import Store
from geo.ui import data
from tests.conftest import ROOT, make_event
from tests.fakes import FakeGazetteer
from tests.test_highlight import XSS_ARTICLE


@pytest.fixture
def filled(db_url, sample_events):
    store = Store(db_url)
    store.upsert_events(sample_events)
    article = read_article(XSS_ARTICLE)
    store.write_article(article, extract_events(article, FakeGazetteer()))
    store.dispose()
    return article


@pytest.fixture
def app(monkeypatch, db_url, filled):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setattr(data, "get_geocoder", FakeGazetteer)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def open_page(app, page: str, **sidebar):
    """Run the app, set sidebar widgets by key on the entry page, switch to ``page``.

    (AppTest lists the entry script's sidebar only before a switch of page, so the
    sidebar is set first; the values persist, as in the browser.)"""
    app.run()
    for key, value in sidebar.items():
        getattr(app.sidebar, "date_input" if key == "f_dates" else "multiselect")(
            key=key).set_value(value)
    if sidebar:
        app.run()
    app.switch_page(f"pages/{page}.py").run()
    assert not app.exception, app.exception
    return app


def html_bodies(app) -> str:
    return "\n".join(el.proto.body for el in app.get("html"))


# -- Events -------------------------------------------------------------------

def test_events_table_and_downloads(app):
    open_page(app, "events")
    table = app.dataframe[0].value
    assert len(table) == 9  # six sample events and the three of the article
    # the article's "javascript:" URL never becomes a link in the table
    assert not table["source_url"].str.contains("javascript", case=False).any()
    assert (table["source_url"] == "https://example.org/a").sum() == 6
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels == ["Download CSV", "Download GeoJSON"]


def test_events_follow_the_sidebar(app):
    open_page(app, "events", f_types=["Diplomacy"])
    assert len(app.dataframe[0].value) == 2
    assert app.caption[0].value.startswith("2 events · Diplomacy")


# -- Timeline -------------------------------------------------------------------

def test_timeline_controls(app):
    open_page(app, "timeline")
    assert "one bar per day" in app.caption[1].value
    assert "1 undated event(s)" in app.caption[1].value
    counts = app.dataframe[0].value
    assert counts["events"].sum() == 8
    app.radio(key="tl_stack").set_value("Actor").run()
    assert not app.exception
    groups = set(app.dataframe[0].value["group"])
    assert "Military Forces of Syria" in groups
    app.number_input(key="tl_top").set_value(1).run()
    assert set(app.dataframe[0].value["group"]) == {
        "Military Forces of Syria", "Other actors"}
    app.radio(key="tl_bin").set_value("Week").run()
    assert not app.exception
    assert "one bar per week" in app.caption[1].value
    weeks = app.dataframe[0].value["period"]
    assert set(weeks.dt.day_of_week) == {0}


def test_timeline_range_sets_the_date_filter(app):
    """The slider's callback writes the sidebar's key (the browser test sees the
    filter applied: AppTest drops the entry script's sidebar after a page switch)."""
    open_page(app, "timeline")
    slider = app.slider(key="timeline_range")
    assert slider.value == (dt.date(2020, 1, 15), dt.date(2020, 2, 29))
    slider.set_value((dt.date(2020, 2, 15), dt.date(2020, 2, 29))).run()
    assert not app.exception
    assert app.session_state["f_dates"] == (dt.date(2020, 2, 15), dt.date(2020, 2, 29))
    app.button(key="tl_reset").click().run()
    assert not app.exception
    assert app.session_state["f_dates"] == (dt.date(2020, 1, 15), dt.date(2020, 2, 29))


def test_timeline_slider_follows_the_sidebar(app):
    open_page(app, "timeline", f_dates=(dt.date(2020, 2, 1), dt.date(2020, 2, 20)))
    assert app.slider(key="timeline_range").value == (dt.date(2020, 2, 1), dt.date(2020, 2, 20))
    shown = re.sub(r"\\(.)", r"\1", app.caption[0].value)  # Markdown-escaped: as rendered
    assert shown.startswith("3 events · 2020-02-01 – 2020-02-20")


def test_timeline_with_no_dated_events(app):
    open_page(app, "timeline", f_dates=(dt.date(2020, 1, 16), dt.date(2020, 1, 20)))  # none then
    assert not app.exception
    assert app.info[0].value == "No dated events match the filters."


# -- Articles -------------------------------------------------------------------

def test_reader_shows_the_article_escaped_and_linked(app, filled):
    open_page(app, "articles")
    pick = app.selectbox(key="reader_article")
    assert pick.value == filled.article_id
    assert pick.options[0].startswith("2020-02-29 · Shelling in Idlib <script>")
    body = html_bodies(app)
    assert "Shelling in Idlib &lt;script&gt;" in body
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in body
    assert "<script" not in body and "<img" not in body and "<svg" not in body
    assert 'href="javascript' not in body.lower()  # the javascript: URL is only text
    assert 'href="#event-' in body and '<li id="event-' in body
    assert "3 event(s) read from this article" in app.caption[0].value


def test_reader_without_articles(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'one.sqlite'}"
    Store(url).upsert_events([make_event(1)])
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    open_page(at, "articles")
    assert at.info[0].value.startswith("No articles yet")


# -- Ingest -------------------------------------------------------------------

ARTICLE = ("Tehran (IP) - Iranian President Rouhani has told his Turkish counterpart Erdogan "
           "that innocent people should be protected in Syria's Idlib province.\n\n"
           "Turkish troops clashed with Syrian forces near Saraqib on Friday.\n")


def test_ingest_pasted_text_reports_and_refreshes(app):
    open_page(app, "ingest")
    app.text_input(key="paste_title").set_value("Pasted <b>report</b>")
    app.date_input(key="paste_published").set_value(dt.date(2020, 2, 29))
    app.text_area(key="paste_text").set_value(ARTICLE)
    app.button[0].click().run()  # the form's submit button
    assert not app.exception
    rows = app.dataframe[0].value
    assert rows.iloc[0]["file"] == "pasted text" and rows.iloc[0]["status"] == "added"
    assert rows.iloc[0]["events"] >= 1
    assert app.success[0].value.startswith("1 file(s) read, 0 rejected")
    app.switch_page("pages/articles.py").run()
    assert any(o.endswith("Pasted <b>report</b>") for o in app.selectbox(
        key="reader_article").options)


def test_ingest_empty_paste_is_rejected_with_why(app):
    open_page(app, "ingest")
    app.button[0].click().run()
    rows = app.dataframe[0].value
    assert rows.iloc[0]["status"] == "rejected"
    assert rows.iloc[0]["reason"] == "pasted text: no article text found"
    assert app.warning[0].value.startswith("0 file(s) read, 1 rejected")


def test_ingest_upload_controls(app):
    open_page(app, "ingest")
    go = app.button(key="upload_go")
    assert go.disabled  # nothing uploaded yet
    assert app.get("file_uploader")[0].proto.type == [".txt", ".md", ".html", ".htm", ".json"]
