"""Benchmark: extraction time against article size — is it linear in the text?

    .venv/bin/python -m bench.extract_scaling [--sizes 25,100,200,500,1000] [--fake] [--profile]

One synthetic article per size (KB of text), built from the sentence templates of
``bench/extract.py`` with real gazetteer names, so every size has the same mix of
places, actors and triggers per KB. Prints seconds and seconds per 100 KB per size:
a linear extractor keeps the last column flat. Target: 1 MB in < 10 s (and the
article size limit, :data:`geo.articles.MAX_ARTICLE_BYTES`, in well under a minute).
``--profile`` prints the ten costliest functions of the largest size.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time

from bench.extract import ROOT, TEMPLATES, ADJ, MONTHS, WEEKDAYS, place_pool

sys.path.insert(0, str(ROOT / "tests"))


def article_of(kb: int, pool: list[str], *, seed: int = 11):
    """About ``kb`` KB of report text, paragraphs of three sentences, new places every
    paragraph (a long article names many places, as a digest of reports does)."""
    import datetime as dt

    from geo.articles import article_from_text

    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < kb * 1000 - 600:  # stay under the size limit at its own size
        places = {f"p{k}": rng.choice(pool) for k in range(1, 5)}
        para = " ".join(rng.choice(TEMPLATES).format(
            adj=rng.choice(ADJ), wd=rng.choice(WEEKDAYS), month=rng.choice(MONTHS),
            n=rng.randint(2, 30), m=rng.randint(2, 40), big=rng.randint(2, 90) * 1000,
            **places) for _ in range(3))
        paragraphs.append(para)
        size += len(para) + 2
    body = "DAMASCUS (Wire) - " + "\n\n".join(paragraphs)
    return article_from_text(body, title=f"{kb} KB", metadata={
        "published": dt.date(2024, 3, 16), "url": f"bench:scaling:{kb}"})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,100,200,500,1000", help="KB, comma-separated")
    ap.add_argument("--fake", action="store_true", help="use the fake gazetteer")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    if args.fake:
        from fakes import PLACES, FakeGazetteer

        geocoder = FakeGazetteer()
        geocoder.places_table = PLACES
    else:
        from geo.gazetteer import OfflineGazetteer

        geocoder = OfflineGazetteer()
    from geo.extract import extract_events
    from geo.extract.lexicon import default_lexicon

    default_lexicon()
    pool = place_pool(geocoder)
    extract_events(article_of(5, pool), geocoder)  # warm the caches and lazy loads

    print(f"geocoder: {type(geocoder).__name__}")
    print(f"{'KB':>6} {'chars':>9} {'events':>7} {'seconds':>8} {'s per 100 KB':>12}")
    for kb in sizes:
        article = article_of(kb, pool)
        profiler = cProfile.Profile() if args.profile and kb == max(sizes) else None
        t0 = time.perf_counter()
        if profiler:
            profiler.enable()
        events = extract_events(article, geocoder)
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - t0
        print(f"{kb:6} {len(article.text):9,} {len(events):7} {seconds:8.2f} "
              f"{seconds / kb * 100:12.2f}", flush=True)
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
