"""``geo watch --once`` against a feed server that misbehaves on purpose: what the
analyst's terminal shows, pass after pass.

    .venv/bin/python -m bench.watch_report

A local server on 127.0.0.1 (tests/feedserver.py) serves two feeds and a drop folder is
watched beside them. The first feed's items: two good pages, a page that answers 503
with "Retry-After: 1" once, a page that answers 429 once, a redirect, a redirect loop, a
page with no article text, a page that hangs past the timeout, and the same article
under a second GUID and a repeated GUID. The second feed is malformed XML. The drop
folder holds one good file and one binary file. The real command line runs three times
on one scratch store (real gazetteer): the first pass stores what it can and names every
failure with its URL; the second, after the servers' waits, retries only the failed
items; the third adds nothing. The SYNTHETIC pages are written here, not taken from any
corpus. Prints each pass's output, its exit code and the stored counts.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import GAZETTEER, ROOT

PAGES = {
    "/news/1": ("Shelling in Saraqib", [
        "Government forces shelled Saraqib in Idlib province on Sunday, killing four "
        "civilians, rescue workers said."]),
    "/news/2": ("Protest in Homs", [
        "Hundreds of people protested in Homs on Saturday against rising bread prices, "
        "witnesses said."]),
    "/news/3": ("Clashes near Daraa", [
        "Gunmen attacked an army checkpoint near Daraa on Friday, killing two soldiers, "
        "a monitoring group said."]),
    "/news/4": ("Air strike in Maarat al-Numan", [
        "An air strike hit a market in Maarat al-Numan on Monday, killing seven people, "
        "local officials said."]),
}


def _server():
    from tests.feedserver import FeedServer, Route, article_page, rss

    server = FeedServer()
    for path, (title, lines) in PAGES.items():
        server.routes[path] = Route(body=article_page(title, lines))
    page3, page4 = server.routes["/news/3"].body, server.routes["/news/4"].body
    server.routes["/news/3"] = Route(body=page3, times=1, first=Route(
        status=503, body="busy", headers={"Retry-After": "1"}))
    server.routes["/news/4"] = Route(body=page4, times=1, first=Route(
        status=429, body="slow down", headers={"Retry-After": "2"}))
    server.routes["/moved"] = Route(status=301, headers={"Location": "/news/2"})
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    server.routes["/empty"] = Route(body="<html><body><nav>Home | World</nav></body></html>")
    server.routes["/hangs"] = Route(body=article_page("Late", ["Too late."]), stall=20)
    server.routes["/bad.xml"] = Route(body="<rss><channel><item><title>cut",
                                      content_type="application/rss+xml")
    return server, Route, rss


def main() -> int:
    if not GAZETTEER.exists():
        print("bench.watch_report: the gazetteer is not built (python -m geo gazetteer build)")
        return 1
    server, Route, rss = _server()
    with tempfile.TemporaryDirectory() as tmp, server:
        u = server.url
        server.routes["/feed.xml"] = Route(content_type="application/rss+xml", etag='"w1"',
                                           body=rss([
            ("n1", u("/news/1"), "Shelling in Saraqib"), ("n2", u("/news/2"), "Protest"),
            ("n3", u("/news/3"), "Clashes (503 once)"), ("n4", u("/news/4"), "Strike (429)"),
            ("m", u("/moved"), "Moved (the Homs page again)"), ("l", u("/loop"), "Loops"),
            ("e", u("/empty"), "No article text"), ("h", u("/hangs"), "Hangs"),
            ("n1", u("/news/1"), "The same GUID twice"),
            ("n1-again", u("/news/1"), "The same page under another GUID")]))
        drop = Path(tmp) / "drop"
        drop.mkdir()
        (drop / "kidal.txt").write_text(
            "Attack near Kidal\n\nArmed men ambushed a convoy near Kidal on Sunday, killing "
            "three soldiers, the army said.\n", encoding="utf-8")
        (drop / "broken.txt").write_bytes(b"\xff\xfe\x00\x01binary")
        db = Path(tmp) / "watch.sqlite"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}",
               "CONFLICTMAP_GAZETTEER": str(GAZETTEER)}
        args = [sys.executable, "-m", "geo", "watch", u("/feed.xml"), u("/bad.xml"),
                str(drop), "--once", "--min-interval", "0.2", "--timeout", "2"]
        print(f"$ python -m geo watch FEED BAD_FEED DROP_FOLDER --once --min-interval 0.2 "
              f"--timeout 2   (local server {server.base})\n")
        for n, wait in ((1, 0), (2, 3), (3, 0)):
            time.sleep(wait)  # pass 2 after the servers' Retry-After
            start = time.perf_counter()
            run = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                                 timeout=300)
            took = time.perf_counter() - start
            print(f"## pass {n} (after {wait} s; exit {run.returncode}; {took:.1f} s)\n")
            print(run.stdout.rstrip())
            if run.stderr.strip():
                print("stderr:", run.stderr.strip()[-800:])
            with sqlite3.connect(db) as con:
                arts = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                evs = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            print(f"\nstored: {arts} articles, {evs} events\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
