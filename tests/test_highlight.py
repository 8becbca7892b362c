"""geo.highlight and geo.escaping: the reader's HTML is escaped, marked and linked."""

import datetime as dt
import re
from pathlib import Path

import pytest

from geo.escaping import link, safe_href
from geo.highlight import (Mark, article_header_html, event_anchor, events_list_html,
                           find_marks, highlight_html, resolve_overlaps, search_terms)
from geo.articles import read_article
from tests.conftest import make_event
from tests.fakes import FakeGazetteer

XSS_ARTICLE = Path(__file__).parent / "fixtures" / "xss-article.md"
TEXT = ("Tehran (IP) - Rouhani spoke to Erdogan on Saturday.\n\n"
        "Turkish troops clashed with Syrian forces near Idlib on Friday.")


def _event(n, start, end, **kw):
    return make_event(n, evidence_start=start, evidence_end=end, **kw)


def assert_inert(out: str) -> None:
    """No tag but the reader's own, no event handler, no javascript: URL."""
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", out))
    assert tags <= {"div", "mark", "a", "h3", "span", "ol", "li", "b", "blockquote"}, tags
    assert not re.search(r"<[^>]*\son\w+\s*=", out)
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", out, re.I)
    assert not re.search(r"<(script|img|svg|iframe)", out, re.I)


def test_marks_within_the_evidence_span_only():
    second = TEXT.index("Turkish")
    e = _event(1, second, len(TEXT), location="Idlib", actor1="", triggers="clashed",
               date_text="on Friday")
    marks = find_marks(TEXT, [e])
    assert [(TEXT[m.start:m.end], m.kind) for m in marks] == [
        ("clashed", "trigger"), ("Idlib", "place"), ("on Friday", "date")]
    # the same place outside the span is not marked
    e2 = _event(2, 0, second - 2, location="Idlib", actor1="", triggers="")
    assert find_marks(TEXT, [e2]) == []


def test_actor_variants_for_a_person_with_a_country():
    terms = search_terms(make_event(1, actor1="Recep Tayyip Erdogan (Turkey)",
                                    actor2="Military Forces of Syria", location=""))
    assert ("actor", "Recep Tayyip Erdogan") in terms and ("actor", "Erdogan") in terms
    assert ("actor", "Syria") not in terms  # no surname guess for organisations
    e = _event(1, 0, 52, actor1="Recep Tayyip Erdogan (Turkey)", actor2="Hassan Rouhani (Iran)",
               location="Tehran", triggers="spoke", date_text="on Saturday")
    found = {TEXT[m.start:m.end] for m in find_marks(TEXT, [e])}
    assert found == {"Tehran", "Rouhani", "Erdogan", "spoke", "on Saturday"}


def test_whole_words_and_case_insensitive():
    e = _event(1, 0, len(TEXT), location="iran", actor1="", triggers="CLASH")
    assert find_marks(TEXT, [e]) == []  # "Iran" is not in "Tehran", "clash" not in "clashed"
    e = _event(1, 0, len(TEXT), location="idlib", actor1="")
    assert [TEXT[m.start:m.end] for m in find_marks(TEXT, [e])] == ["Idlib"]


def test_one_mark_for_several_events_on_the_same_words():
    a = _event(1, 0, len(TEXT), location="Idlib", actor1="")
    b = _event(2, 0, len(TEXT), location="Idlib", actor1="", event_type="Protests")
    (mark,) = find_marks(TEXT, [a, b])
    assert mark.event_ids == (a.event_id, b.event_id) and mark.event_type == "Battles"


def test_overlaps_longest_wins_then_text_order():
    marks = [Mark(0, 10, "trigger", ("a",), "Battles", "x"),
             Mark(5, 8, "place", ("b",), "Battles", "y"),
             Mark(8, 14, "date", ("c",), "Battles", "z"),
             Mark(14, 16, "actor", ("d",), "Battles", "w")]
    kept = resolve_overlaps(marks)
    assert [(m.start, m.end) for m in kept] == [(0, 10), (14, 16)]
    same = [Mark(0, 5, "date", ("a",), "Battles", "x"), Mark(0, 5, "place", ("b",), "Battles", "x")]
    assert [m.kind for m in resolve_overlaps(same)] == ["place"]


def test_overlapping_terms_render_once_and_keep_all_text():
    e = _event(1, 0, len(TEXT), location="Idlib", actor1="", triggers="forces near Idlib")
    out = highlight_html(TEXT, [e])
    assert out.count("<mark") == 1 and "forces near Idlib</a></mark>" in out
    assert re.sub(r"<[^>]+>", "", out) == TEXT


def test_marks_link_to_event_anchors_in_the_type_colour():
    e = _event(1, 0, len(TEXT), location="Idlib", actor1="", event_type="Protests")
    out = highlight_html(TEXT, [e])
    assert f'href="#{event_anchor(e.event_id)}"' in out
    assert "#2ca02c" in out
    listed = events_list_html([e])
    assert f'<li id="{event_anchor(e.event_id)}"' in listed
    assert event_anchor('x"><script>') == "event-x___script_"


def test_text_without_events_is_escaped_verbatim():
    raw = "a < b & c > d \"q\" 'x'"
    assert highlight_html(raw, []) .endswith(
        "a &lt; b &amp; c &gt; d &quot;q&quot; &#x27;x&#x27;</div>")


def test_missing_offsets_fall_back_to_the_evidence_sentence():
    e = make_event(1, evidence="Turkish troops clashed with Syrian forces near Idlib on Friday.",
                   location="Idlib", actor1="")
    assert [TEXT[m.start:m.end] for m in find_marks(TEXT, [e])] == ["Idlib"]
    # offsets past the end are clamped, an empty span gives nothing
    assert find_marks(TEXT, [_event(2, 90, 9999, location="Idlib", actor1="")])
    assert find_marks(TEXT, [_event(3, 50, 50, location="Idlib", actor1="")]) == []


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("java\tscript:alert(1)", False),
    (" javascript:alert(1)", False), ("data:text/html,<script>", False), ("vbscript:x", False),
    ("//evil.example/x", False), ("/relative", False), ("https:///nohost", False), ("", False),
    (None, False), (float("nan"), False),
])
def test_safe_href(url, ok):
    assert (safe_href(url) is not None) is ok


def test_link_escapes_and_refuses_javascript():
    assert link("javascript:alert(1)", "<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert link('https://e.org/"onmouseover=x', "t") == (
        '<a href="https://e.org/&quot;onmouseover=x" target="_blank" '
        'rel="noopener noreferrer">t</a>')


def test_header_escapes_title_and_source_and_drops_unsafe_url():
    out = article_header_html({"title": "<script>alert(1)</script>", "source": "<img src=x "
                               "onerror=alert(1)>", "url": "javascript:alert(1)",
                               "published": dt.date(2020, 2, 29)})
    assert "&lt;script&gt;" in out and "2020-02-29" in out
    assert "<a " not in out
    assert_inert(out)
    assert '<a href="https://e.org/a"' in article_header_html({"url": "https://e.org/a"})


def test_the_xss_article_comes_out_inert():
    article = read_article(XSS_ARTICLE)
    from geo.extract import extract_events

    events = extract_events(article, FakeGazetteer())
    assert len(events) >= 2
    out = highlight_html(article.text, events)
    assert out.count("<mark") >= 6
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(&#x27;img&#x27;)&gt;" in out
    assert_inert(out)
    listed = events_list_html(events)
    assert "&lt;svg onload" in listed
    assert_inert(listed)
    assert_inert(article_header_html({"title": article.title, "source": article.source,
                                      "url": article.url, "published": article.published}))
