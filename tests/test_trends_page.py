"""The Trends page through AppTest: the week's table follows the sidebar."""

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_pages import open_page
from tests.test_trends_cli import WEEK, trend_store  # noqa: F401 (a fixture)


@pytest.fixture
def app(monkeypatch, trend_store):  # noqa: F811
    monkeypatch.setenv("DATABASE_URL", trend_store)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def test_trends_table_per_country_and_region(app):
    open_page(app, "trends")
    # the default week: the 7 days ending at the last event (10 March)
    assert app.date_input(key="tr_week").value == WEEK
    table = app.dataframe[0].value
    assert list(table["area"]) == ["Syria", "Turkey"]
    syria = table.iloc[0]
    assert (syria["this_week"], syria["mean_4w"], syria["category"]) == (14, 9, "large increase")
    assert syria["change_4w"] == pytest.approx(500 / 9)  # shown in per cent
    assert syria["emerging_actors"] == "Hay'at Tahrir al-Sham"
    assert [m.value for m in app.metric][:4] == ["2", "15", "1", "0"]
    app.radio(key="tr_level").set_value("Regions (first level)").run()
    assert not app.exception
    regions = app.dataframe[0].value
    assert list(regions["admin1"]) == ["Idlib", "Aleppo", "Ankara"]
    assert list(regions["surge"]) == [True, False, False]
    csv = app.get("download_button")[0]
    assert csv.proto.label == "Download CSV"
    app.date_input(key="tr_week").set_value(dt.date(2024, 2, 26)).run()
    before = app.dataframe[0].value
    assert list(before["this_week"]) == [6, 3]  # the week before: Aleppo 6, Idlib 3


def test_trends_follow_the_sidebar_but_not_its_date_range(app):
    open_page(app, "trends", f_types=["Protests"])
    table = app.dataframe[0].value
    assert list(table["area"]) == ["Turkey"]
    assert "Protests" in app.caption[0].value


def test_trends_week_ends_at_the_sidebar_range(app):
    open_page(app, "trends", f_dates=(dt.date(2024, 2, 5), dt.date(2024, 3, 3)))
    assert app.date_input(key="tr_week").value == dt.date(2024, 2, 26)
    # the baseline still counts events before the sidebar's range
    assert app.dataframe[0].value.iloc[0]["mean_4w"] == 9 * 3 / 4
