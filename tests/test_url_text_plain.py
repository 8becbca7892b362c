"""Text from the URL's query string is shown as plain text, never Markdown: a shared
link must not put an image or a link to an outside host on the page. (The same link
in Chromium: tests/browser/test_url_text.py.)"""

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.store import Store
from tests.conftest import ROOT

HOSTILE = {
    "actor": "![x](http://evil.example/actor.png)",
    "q": "[login](http://evil.example/login) <http://evil.example/a> www.evil.example "
         "spy@evil.example",
    "type": "Battles",
}
BAD_DATE = {"since": "![s](http://evil.example/since.png)"}
# In Markdown source, each of these makes a link or an image; escaped, none survives.
# GFM also links bare URLs, www. names and e-mail addresses whatever their escapes.
LIVE = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\(|(?i:https?\\?:\\?/)|(?<!\\)<http|"
                  r"(?i:www\\?\.)|\w\\?@\\?\w")


def _shown(at) -> list[str]:
    out = []
    for kind in ("caption", "markdown", "warning", "error", "info", "success", "title"):
        out += [e.value for e in getattr(at, kind)]
        out += [e.value for e in getattr(at.sidebar, kind)]
    return out


@pytest.mark.parametrize("params, page", [
    (HOSTILE, "dashboard.py"), (HOSTILE, "pages/events.py"), (HOSTILE, "pages/timeline.py"),
    (HOSTILE, "pages/review.py"), (BAD_DATE, "dashboard.py")])
def test_query_text_is_never_live_markdown(monkeypatch, db_url, sample_events, params, page):
    Store(db_url).upsert_events(sample_events)
    monkeypatch.setenv("DATABASE_URL", db_url)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != "dashboard.py":
        at.switch_page(page).run()
    assert not at.exception
    shown = _shown(at)
    assert any("evil" in s for s in shown), shown  # the text is there, as text
    if "q" in params:
        assert any("login" in s and "actor" in s for s in shown), shown
    live = [s for s in shown if LIVE.search(s)]
    assert live == []
