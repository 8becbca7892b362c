"""The feed watcher against a local server that misbehaves on purpose.

Feeds and pages are served on 127.0.0.1 by tests/feedserver.py; the articles are
short texts written for these tests, placed with the small real gazetteer.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest

from geo.errors import FeedError
from geo.feeds import PoliteFetcher, parse_feed, watch_once
from geo.feeds.fetch import parse_retry_after
from geo.feeds.state import FeedState
from geo.feeds.watch import retry_delay
from tests.conftest import ROOT
from tests.feedserver import FeedServer, Route, article_page, atom, rss
from tests.geofixture import chain, gaz_path  # noqa: F401

SARAQIB = article_page("Shelling in Saraqib", [
    "Government shelling killed four civilians in Saraqib on Sunday, rescue workers said.",
    "The shells hit a market in the town centre, the rescue workers added.",
])
HOMS = article_page("Protest in Homs", [
    "Hundreds of people protested in Homs on Saturday against rising bread prices.",
    "The crowd marched to the governor's office and dispersed peacefully.",
])
IDLIB = article_page("Clashes near Idlib", [
    "Rebels clashed with government forces near Idlib on Friday, a monitoring group said.",
    "Two fighters were killed in the clashes, the group said.",
])


class Clock:
    """A stand-in for the watcher's clock: time moves only when a test says so."""

    def __init__(self):
        self.t = dt.datetime(2020, 3, 2, 9, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += dt.timedelta(seconds=seconds)


def fast_fetcher(**kw) -> PoliteFetcher:
    kw.setdefault("timeout", 2.0)
    kw.setdefault("min_interval", 0.0)
    return PoliteFetcher(**kw)


def three_item_server(**routes) -> FeedServer:
    server = FeedServer({
        "/a/1": Route(body=SARAQIB), "/a/2": Route(body=HOMS), "/a/3": Route(body=IDLIB),
        **routes,
    })
    return server


def feed_of(server: FeedServer, paths: list[str]) -> str:
    return rss([(f"guid-{p}", server.url(p), f"Item {p}") for p in paths])


# -- parsing -----------------------------------------------------------------------

def test_rss_and_atom_items_are_keyed_by_guid_with_absolute_links():
    feed = parse_feed(rss([("g1", "/a/1", "One"), ("g2", "http://h/a/2", "Two")]).encode(),
                      "http://127.0.0.1:9/feed.xml")
    assert [i.key for i in feed.items] == ["g1", "g2"]
    assert feed.items[0].link == "http://127.0.0.1:9/a/1"
    assert feed.items[0].published == dt.date(2020, 3, 2)
    entries = parse_feed(atom([("urn:x:1", "http://h/b/1", "B1")]).encode(), "http://h/atom")
    assert entries.items[0].key == "urn:x:1" and entries.items[0].link == "http://h/b/1"


def test_a_repeated_guid_keeps_the_first_item():
    feed = parse_feed(rss([("g1", "http://h/1", "One"), ("g1", "http://h/2", "Dup")]).encode(),
                      "http://h/f")
    assert [i.link for i in feed.items] == ["http://h/1"] and feed.dropped == 1


@pytest.mark.parametrize("body", [b"<html><body>not a feed</body></html>", b"\x00\x01\x02",
                                  b"", b"   "])
def test_a_document_that_is_no_feed_is_a_named_error(body):
    with pytest.raises(FeedError, match=r"^http://h/bad\.xml: (not a readable|empty)"):
        parse_feed(body, "http://h/bad.xml")


def test_a_feed_cut_off_midway_keeps_its_complete_items_and_says_so():
    body = rss([("a", "http://h/1", "One"), ("b", "http://h/2", "Two")]).encode()
    feed = parse_feed(body[: body.index(b"<guid>b") + 9], "http://h/cut.xml")
    assert [i.key for i in feed.items][:1] == ["a"]
    assert feed.warning.startswith("tolerated:")


def test_retry_after_reads_seconds_and_http_dates():
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60
    assert parse_retry_after("soon") is None
    assert retry_delay(1) == 60 and retry_delay(3) == 240 and retry_delay(1, 5) == 5
    assert retry_delay(50) == 6 * 3600


# -- the watcher -----------------------------------------------------------------------

def test_new_items_are_ingested_once_and_a_second_pass_adds_nothing(store, chain):
    with three_item_server() as server:
        server.routes["/feed.xml"] = Route(body=feed_of(server, ["/a/1", "/a/2", "/a/3"]),
                                           content_type="application/rss+xml", etag='"v1"')
        first = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher())
        events_after_first = store.count_events()
        second = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher())
    assert first.ok and first.added == 3, first.lines()
    assert events_after_first >= 3
    assert second.ok and second.added == 0
    assert second.sources[0].status == "not modified"   # the ETag came back: 304
    assert store.count_events() == events_after_first
    assert server.hits("/a/1") == 1                      # each page fetched once


def test_requests_name_the_tool_and_are_conditional(store, chain):
    with three_item_server() as server:
        server.routes["/feed.xml"] = Route(
            body=feed_of(server, ["/a/1"]), content_type="application/rss+xml",
            headers={"Last-Modified": "Mon, 02 Mar 2020 08:00:00 GMT"}, etag='"abc"')
        watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher())
        watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher())
    feed_requests = [s for s in server.seen if s.path == "/feed.xml"]
    assert all(s.headers["user-agent"].startswith("ConflictMap/") for s in server.seen)
    assert "if-none-match" not in feed_requests[0].headers
    assert feed_requests[1].headers["if-none-match"] == '"abc"'
    assert feed_requests[1].headers["if-modified-since"] == "Mon, 02 Mar 2020 08:00:00 GMT"


def test_duplicate_guids_and_one_link_under_two_guids_store_one_article(store, chain):
    with three_item_server() as server:
        server.routes["/feed.xml"] = Route(body=rss([
            ("g1", server.url("/a/1"), "One"), ("g1", server.url("/a/1"), "One again"),
            ("g9", server.url("/a/1"), "Same page, new guid")]),
            content_type="application/rss+xml")
        report = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher())
    assert report.added == 1
    assert [i.status for i in report.sources[0].items] == ["added", "seen"]
    assert len(store.list_articles()) == 1


def test_a_malformed_feed_is_named_and_the_other_sources_go_on(store, chain):
    with three_item_server() as server:
        server.routes["/bad.xml"] = Route(body="<html><p>This is not a feed</p>",
                                          content_type="text/html")
        server.routes["/feed.xml"] = Route(body=feed_of(server, ["/a/1", "/a/2"]),
                                           content_type="application/rss+xml")
        report = watch_once([server.url("/bad.xml"), server.url("/missing.xml"),
                             server.url("/feed.xml")], store, chain, fetcher=fast_fetcher())
    bad, missing, good = report.sources
    assert bad.status == "failed" and server.url("/bad.xml") in bad.error
    assert missing.status == "failed" and "HTTP 404" in missing.error
    assert good.status == "read" and report.added == 2
    assert not report.ok


def test_429_and_503_are_retried_after_the_servers_wait(store, chain):
    clock = Clock()
    with three_item_server() as a, FeedServer() as b:
        a.routes["/a/1"] = Route(body=SARAQIB, times=1, first=Route(
            status=429, body="slow down", headers={"Retry-After": "120"}))
        a.routes["/a/4"] = Route(body=IDLIB)
        a.routes["/feed.xml"] = Route(body=rss([
            ("g3", a.url("/a/3"), "Three"), ("g1", a.url("/a/1"), "One"),
            ("g4", a.url("/a/4"), "Four")]))
        b.routes["/b/2"] = Route(body=HOMS, times=1, first=Route(
            status=503, body="busy", headers={"Retry-After": "30"}))
        b.routes["/other.xml"] = Route(body=rss([("g2", b.url("/b/2"), "Two")]))
        sources = [a.url("/feed.xml"), b.url("/other.xml")]
        first = watch_once(sources, store, chain, fetcher=fast_fetcher(), now=clock)
        hits_after_first = a.hits("/a/4")
        clock.advance(60)
        early = watch_once(sources, store, chain, fetcher=fast_fetcher(), now=clock)
        clock.advance(61)
        late = watch_once(sources, store, chain, fetcher=fast_fetcher(), now=clock)
    assert first.ok  # both feeds were read; only items failed
    assert [i.status for i in first.sources[0].items] == ["added", "failed", "failed"]
    assert [i.status for i in first.sources[1].items] == ["failed"]
    told = first.sources[0].items[1].error
    assert "HTTP 429" in told and a.url("/a/1") in told and "120 s" in told
    # after a 429 the host is left alone for the rest of the pass: /a/4 was not asked
    assert hits_after_first == 0 and "waiting for" in first.sources[0].items[2].error
    # after 60 s: the 503 (30 s) is retried and stored; the 429's host (120 s) still waits
    assert [i.status for i in early.sources[0].items] == ["seen", "waiting", "waiting"]
    # the report names each waiting item, why it last failed and when it is tried again
    waiting = [line for line in early.lines() if line.startswith("  waiting: ")]
    assert len(waiting) == 2 and waiting[0].startswith(f"  waiting: {a.url('/a/1')}: ")
    assert "last failed: HTTP 429" in waiting[0] and "next try after" in waiting[0]
    assert [i.status for i in early.sources[1].items] == ["added"]
    assert [i.status for i in late.sources[0].items] == ["seen", "added", "added"]
    assert len(store.list_articles()) == 4


def test_a_feed_with_an_item_to_retry_is_not_asked_conditionally(store, chain):
    clock = Clock()
    with three_item_server() as server:
        server.routes["/a/1"] = Route(body=SARAQIB, times=1, first=Route(
            status=503, headers={"Retry-After": "0"}))
        server.routes["/feed.xml"] = Route(body=feed_of(server, ["/a/1", "/a/2"]), etag='"v1"')
        first = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher(),
                           now=clock)
        clock.advance(3600)
        second = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher(),
                            now=clock)
        third = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher(),
                           now=clock)
    assert [i.status for i in first.sources[0].items] == ["failed", "added"]
    # the feed did not change, but the failed item is due: the feed is read in full again
    assert [i.status for i in second.sources[0].items] == ["added", "seen"]
    assert third.sources[0].status == "not modified"  # nothing left to retry: 304 again


def test_a_page_that_hangs_or_drips_is_cut_off_in_total_time(store, chain):
    with three_item_server() as server:
        server.routes["/a/hang"] = Route(body=SARAQIB, stall=30)
        server.routes["/a/drip"] = Route(body=SARAQIB, drip=0.1)  # ~100 pieces: ~10 s
        server.routes["/feed.xml"] = Route(body=rss([
            ("h", server.url("/a/hang"), "Hangs"), ("d", server.url("/a/drip"), "Drips"),
            ("ok", server.url("/a/2"), "Fine")]))
        start = time.monotonic()
        report = watch_once([server.url("/feed.xml")], store, chain,
                            fetcher=fast_fetcher(timeout=0.5))
        took = time.monotonic() - start
    assert [i.status for i in report.sources[0].items] == ["failed", "failed", "added"]
    assert all("within 0.5 s" in i.error for i in report.failures())
    assert took < 8  # two cut-off requests of 0.5 s each, not 30 s + 10 s


def test_redirects_are_followed_and_the_items_link_is_kept(store, chain):
    with three_item_server() as server:
        server.routes["/go/1"] = Route(status=302, headers={"Location": "/a/1"})
        server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
        server.routes["/feed.xml"] = Route(body=rss([
            ("g1", server.url("/go/1"), "Moved"), ("g2", server.url("/loop"), "Loops")]))
        report = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher())
    moved, loops = report.sources[0].items
    assert moved.status == "added"
    assert loops.status == "failed" and "redirects" in loops.error
    assert [a["path"] for a in _articles(store)] == [server.url("/go/1")]


def test_a_page_with_no_article_text_fails_and_is_retried_later(store, chain):
    clock = Clock()
    with three_item_server() as server:
        server.routes["/a/empty"] = Route(body="<html><head><title>x</title></head><body>"
                                          "<div></div></body></html>", times=1,
                                          first=None)
        server.routes["/feed.xml"] = Route(body=rss([("e", server.url("/a/empty"), "E")]))
        first = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher(),
                           now=clock)
        again = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher(),
                           now=clock)
        server.routes["/a/empty"] = Route(body=IDLIB)  # the page gets its text
        clock.advance(61)
        later = watch_once([server.url("/feed.xml")], store, chain, fetcher=fast_fetcher(),
                           now=clock)
    assert first.failures() and "no article text" in first.failures()[0].error
    assert [i.status for i in again.sources[0].items] == ["waiting"]
    assert [i.status for i in later.sources[0].items] == ["added"]
    item = FeedState(store).items()[0]
    assert item.status == "stored" and item.attempts == 1


def test_requests_to_one_host_keep_the_minimum_interval():
    slept: list[float] = []
    now = [100.0]
    fetcher = PoliteFetcher(timeout=5, min_interval=2.0)
    fetcher.clock = lambda: now[0]
    fetcher.sleep = lambda s: (slept.append(s), now.__setitem__(0, now[0] + s))
    with FeedServer({"/x": Route(body="x"), "/y": Route(body="y")}) as server:
        fetcher.get(server.url("/x"))
        now[0] += 0.5
        fetcher.get(server.url("/y"))
    assert slept == [pytest.approx(1.5)]


def test_a_drop_folder_takes_new_files_once_and_names_a_bad_one(store, chain, tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "saraqib.txt").write_text(
        "Shelling in Saraqib\n\nGovernment shelling killed four civilians in Saraqib on "
        "Sunday, rescue workers said.\n", encoding="utf-8")
    (drop / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    first = watch_once([str(drop)], store, chain)
    (drop / "homs.md").write_text("---\ntitle: Protest in Homs\npublished: 2020-03-01\n---\n"
                                  "Hundreds of people protested in Homs on Saturday.\n",
                                  encoding="utf-8")
    second = watch_once([str(drop)], store, chain)
    assert first.ok and first.added == 1
    assert [i.status for i in first.sources[0].items] == ["failed", "added"]
    assert "broken.txt" in first.failures()[0].error
    assert second.added == 1 and second.sources[0].count("seen") == 1
    assert len(store.list_articles()) == 2


def test_watch_once_on_the_command_line(tmp_path, gaz_path):
    env_db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    with three_item_server() as server:
        server.routes["/feed.xml"] = Route(body=feed_of(server, ["/a/1", "/a/2"]))
        server.routes["/bad.xml"] = Route(body="nope", status=500)
        args = [sys.executable, "-m", "geo", "watch", server.url("/feed.xml"), "--once",
                "--min-interval", "0"]
        env = {"DATABASE_URL": env_db, "CONFLICTMAP_GAZETTEER": str(gaz_path),
               "PATH": "/usr/bin:/bin"}
        ok = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
        again = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                               timeout=120)
        bad = subprocess.run(args[:4] + [server.url("/bad.xml"), "--once"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "2 added" in ok.stdout and "2 new article(s)" in ok.stdout
    assert again.returncode == 0 and "0 new article(s)" in again.stdout
    assert bad.returncode == 1 and "HTTP 500" in bad.stdout


def _articles(store):
    return store.list_articles()


def test_a_short_retry_after_is_waited_out_and_the_hosts_other_items_go_on(store, chain):
    # "Retry-After: 1" on one page: the watcher waits that second and reads the host's
    # next page in the same pass; the page that was refused is retried on a later pass
    with three_item_server() as server:
        server.routes["/a/1"] = Route(body=SARAQIB, times=1, first=Route(
            status=429, headers={"Retry-After": "1"}))
        server.routes["/feed.xml"] = Route(body=feed_of(server, ["/a/1", "/a/2", "/a/3"]))
        start = time.monotonic()
        report = watch_once([server.url("/feed.xml")], store, chain,
                            fetcher=fast_fetcher(timeout=5.0))
        waited = time.monotonic() - start
    assert [i.status for i in report.sources[0].items] == ["failed", "added", "added"]
    assert "HTTP 429" in report.sources[0].items[0].error
    assert waited >= 1.0  # the second the server asked for was kept
