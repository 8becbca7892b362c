"""Process bodies for tests/test_concurrency.py (importable by spawned processes)."""

from __future__ import annotations

import traceback

import pandas as pd

BATCH = 400
BATCHES = 16


def writer(url: str, errors, done) -> None:
    """Write BATCHES batches of BATCH new events: upsert_frame and write_article in turn."""
    from geo.articles import article_from_text
    from geo.store import Store
    from tests.conftest import make_event

    try:
        store = Store(url)
        for b in range(BATCHES):
            found = [make_event(b * BATCH + i, article_id=f"a{b}") for i in range(BATCH)]
            if b % 2:
                art = article_from_text(f"Article {b}.", metadata={"url": f"https://x.org/{b}"})
                found = [make_event(b * BATCH + i, article_id=art.article_id)
                         for i in range(BATCH)]
                store.write_article(art, found)
            else:
                store.upsert_frame(pd.DataFrame([e.to_dict() for e in found]))
        store.dispose()
    except Exception:  # reported to the test, which fails on it
        errors.put("writer: " + traceback.format_exc())
    finally:
        done.set()


def reader(url: str, errors, done, seen) -> None:
    """Read counts, versions and whole frames until the writer is done."""
    from geo.store import Store

    try:
        store = Store(url)
        last = 0
        reads = 0
        while True:
            finished = done.is_set()
            count = store.count_events()
            frame = store.load_frame()
            store.version()
            for n in (count, len(frame)):
                if n % BATCH:
                    errors.put(f"reader saw a half-written batch: {n} events")
            if count < last:
                errors.put(f"reader saw events disappear: {last} then {count}")
            if frame["event_id"].duplicated().any():
                errors.put("reader saw duplicate ids")
            last, reads = count, reads + 1
            if finished:
                break
        seen.put((reads, last))
        store.dispose()
    except Exception:
        errors.put("reader: " + traceback.format_exc())
