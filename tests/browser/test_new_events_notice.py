"""In Chromium: events written while the dashboard is open appear without a reload,
with a "N new events" notice linking to them."""

from __future__ import annotations

import pytest

from geo.store import Store
from tests.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_events_written_while_open_appear_with_a_notice(streamlit_app, page, tmp_path):
    db = f"sqlite:///{tmp_path / 'live.sqlite'}"
    store = Store(db)
    store.upsert_events([make_event(1), make_event(2, location="Homs")])
    url = streamlit_app(env={"DATABASE_URL": db, "CONFLICTMAP_REFRESH_SECONDS": "1"})
    page.goto(url + "/")
    page.get_by_text("2 events match the filters").wait_for(timeout=60_000)
    store.upsert_events([make_event(3, location="Ariha", event_type="Protests",
                                    sub_event_type="Peaceful protest")])
    # no reload: the fragment sees the new store version and the page follows
    page.get_by_text("1 new event since you opened this view").wait_for(timeout=60_000)
    page.get_by_text("3 events match the filters").wait_for(timeout=60_000)
    link = page.locator(".st-key-new_events_notice a", has_text="Ariha")
    link.first.wait_for(timeout=60_000)
    assert link.first.get_attribute("href") == f"?event={make_event(3).event_id}"
    assert page.unexpected_errors() == []
