"""A shared link with Markdown in its query string, opened in Chromium: the text is
shown as written, and the page holds no image or link to the outside host, nor asks
it for anything."""

from __future__ import annotations

import urllib.parse

import pytest

from geo.store import Store
from tests.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SETTLE_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')"""
OUTSIDE_JS = """() => [...document.querySelectorAll('img, a, image, source, iframe')]
    .filter(e => (e.getAttribute('src') || e.getAttribute('href') || '').includes('evil'))
    .map(e => e.parentElement.outerHTML.slice(0, 300))"""


@pytest.fixture
def app_url(streamlit_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'url.sqlite'}"
    store = Store(url)
    store.upsert_events([make_event(n) for n in range(3)])
    store.dispose()
    return streamlit_app(env={"DATABASE_URL": url})


@pytest.mark.parametrize("params, shown", [
    ({"actor": "![x](http://evil.example/actor.png)",
      "q": "[login](http://evil.example/login) www.evil.example spy@evil.example"},
     "[login](http://evil.example/login)"),
    ({"since": "![s](http://evil.example/since.png)"}, "![s](http://evil.example/since.png)"),
], ids=["filters", "bad-date"])
def test_markdown_in_a_shared_link_stays_text(page, app_url, params, shown):
    page.goto(f"{app_url}/?{urllib.parse.urlencode(params)}")
    page.wait_for_selector('[data-testid="stCaptionContainer"], [data-testid="stAlert"]',
                           timeout=60_000)
    page.wait_for_function(SETTLE_JS, timeout=60_000)
    # shown as written (an invisible word joiner keeps a URL from becoming a link)
    page.wait_for_function(f"() => document.body.innerText.replaceAll('\\u2060', '')"
                           f".includes({shown!r})", timeout=30_000)
    assert page.evaluate(OUTSIDE_JS) == []
    assert [b.url for b in page.blocked if "evil.example" in b.url] == []
