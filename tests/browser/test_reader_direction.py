"""The Articles reader in Chromium lays an Arabic article out right to left: the text
and the evidence under its event carry ``dir="rtl"`` and the browser computes
``direction: rtl`` for them; an English article's text stays left to right."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.articles import article_from_text
from geo.store import Store
from tests.browser.conftest import SCREENSHOTS, wait_app_idle
from tests.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ARABIC = "قصف مدفعي على بلدة في ريف إدلب يوم الأحد، وقالت مصادر محلية إن مدنيين أصيبوا."


@pytest.fixture
def app_url(streamlit_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'rtl.sqlite'}"
    store = Store(url)
    article = article_from_text(ARABIC, metadata={"published": "2026-09-10", "title": "قصف",
                                                  "language": "ar"})
    event = make_event(1, event_date=dt.date(2026, 9, 6), article_id=article.article_id,
                       evidence=ARABIC, evidence_start=0, evidence_end=len(ARABIC))
    store.write_article(article, [event])
    store.dispose()
    return streamlit_app(env={"DATABASE_URL": url})


def test_arabic_article_reads_right_to_left(page, app_url):
    page.goto(app_url)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Articles").first.click()
    page.wait_for_selector(".cm-reader", timeout=30_000)
    wait_app_idle(page, 30_000)
    reader = page.locator(".cm-reader")
    assert reader.get_attribute("dir") == "rtl"
    assert reader.evaluate("e => getComputedStyle(e).direction") == "rtl"
    evidence = page.locator("ol.cm-events .cm-evidence").first
    assert evidence.get_attribute("dir") == "rtl"
    assert evidence.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "إدلب" in reader.inner_text()  # shown in the original script
    page.screenshot(path=str(SCREENSHOTS / "reader-rtl.png"), full_page=True)
