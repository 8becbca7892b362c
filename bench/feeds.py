"""Feed watcher benchmark: a 100-item feed ingested from a local server, then again.

    .venv/bin/python -m bench.feeds                    # 100 items, 0.25 s between requests
    .venv/bin/python -m bench.feeds -n 300 --min-interval 0

A feed server on 127.0.0.1 (tests/feedserver.py) serves one RSS feed of N items and
their pages: SYNTHETIC articles made from a few sentence templates and places of the
built gazetteer (label "SYNTHETIC benchmark data" in the feed title). The watcher runs
as ``geo watch --once`` does (the real gazetteer, a scratch SQLite store): the first
pass fetches every page, reads its main text (trafilatura), extracts and stores; the
second pass must add nothing (the feed answers 304 to its ETag; with the ETag ignored,
every item is recognised as seen). Target: 100 items in < 60 s, page fetches included,
with the per-host minimum interval given (the polite default for real hosts is 1 s,
which alone makes 100 pages take 100 s: a local server is measured at 0.25 s).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.common import GAZETTEER, machine_note, peak_rss_mb

PLACES = ["Aleppo", "Idlib", "Homs", "Kharkiv", "Goma", "Mogadishu", "Kandahar", "Sanaa",
          "Tripoli", "Khartoum", "Gao", "Bamako", "Mosul", "Donetsk", "Maiduguri"]
TEMPLATES = [
    "Shelling killed {n} civilians in {place} on Sunday, rescue workers said.",
    "Hundreds of people protested in {place} on Saturday against rising prices.",
    "Gunmen attacked a checkpoint near {place} on Friday, killing {n} soldiers.",
    "An air strike hit a market in {place} on Monday, local officials said.",
]


def _page(i: int, rnd: random.Random) -> str:
    from tests.feedserver import article_page

    place = rnd.choice(PLACES)
    lines = [t.format(place=place, n=rnd.randint(2, 30))
             for t in rnd.sample(TEMPLATES, 2)]
    lines.append(f"Witnesses described the scene in {place} to reporters (item {i}).")
    return article_page(f"Report {i} from {place}", lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=100, help="items in the feed")
    ap.add_argument("--min-interval", type=float, default=0.25,
                    help="seconds between two requests to the local host")
    args = ap.parse_args(argv)
    if not GAZETTEER.exists():
        print("bench.feeds: the gazetteer is not built (python -m geo gazetteer build)")
        return 1
    from geo.feeds import PoliteFetcher, watch_once
    from geo.geocoding import open_geocoder
    from geo.store import Store
    from tests.feedserver import FeedServer, Route, rss

    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        items = []
        for i in range(args.n):
            server.routes[f"/news/{i}"] = Route(body=_page(i, rnd))
            items.append((f"urn:bench:{i}", server.url(f"/news/{i}"), f"Report {i}"))
        server.routes["/feed.xml"] = Route(body=rss(items, title="SYNTHETIC benchmark data"),
                                           content_type="application/rss+xml", etag='"b1"')
        store = Store(f"sqlite:///{Path(tmp) / 'feeds.sqlite'}")
        geocoder = open_geocoder()
        fetcher = PoliteFetcher(min_interval=args.min_interval, timeout=10)
        start = time.perf_counter()
        first = watch_once([server.url("/feed.xml")], store, geocoder, fetcher=fetcher)
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        second = watch_once([server.url("/feed.xml")], store, geocoder, fetcher=fetcher)
        second_s = time.perf_counter() - start
        server.routes["/feed.xml"].etag = None  # a server without validators
        third = watch_once([server.url("/feed.xml")], store, geocoder, fetcher=fetcher)
        articles = len(store.list_articles())
        events = store.count_events()
    print(f"# geo watch against a local feed server ({machine_note()})\n")
    print("| pass | items | added | failed | seconds | target |")
    print("|---|---|---|---|---|---|")
    print(f"| first | {args.n} | {first.added} | {len(first.failures())} | {first_s:.1f} | "
          f"< 60 s for 100 |")
    print(f"| again (304) | {args.n} | {second.added} | {len(second.failures())} | "
          f"{second_s:.2f} | adds 0 |")
    print(f"| again (no ETag) | {args.n} | {third.added} | {len(third.failures())} | | adds 0 |")
    print(f"\n{articles} articles, {events} events stored; min interval "
          f"{args.min_interval} s per host; peak memory {peak_rss_mb():.0f} MiB")
    ok = first.added == args.n and second.added == 0 and third.added == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
