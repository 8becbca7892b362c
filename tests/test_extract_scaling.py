"""Extraction stays linear in the text: the span lookups that replaced whole-article
scans (geo/extract/spans.py) answer exactly as the scans did, and the lists they
bisect are in text order. Speed itself is measured by bench/extract_scaling.py."""

from __future__ import annotations

import random

import pytest

from geo.articles import read_article
from geo.extract.lexicon import default_lexicon
from geo.extract.pipeline import analyse
from geo.extract.spans import DisjointSpans, starting_in
from tests.conftest import ROOT
from tests.fakes import FakeGazetteer


@pytest.mark.parametrize("seed", range(20))
def test_disjoint_spans_answer_like_a_scan(seed):
    rng = random.Random(seed)
    spans = [(a, a + rng.randint(0, 12)) for a in (rng.randint(0, 300) for _ in range(40))]
    merged = DisjointSpans(spans, merge=True)
    for _ in range(300):
        s = rng.randint(0, 320)
        e = s + rng.randint(1, 15)
        assert merged.overlaps(s, e) == any(a < e and s < b for a, b in spans), (s, e)
    taken: list[tuple[int, int]] = []
    greedy = DisjointSpans()
    for s, e in spans:
        if e == s:
            continue
        scan = all(e <= a or s >= b for a, b in taken)
        assert (not greedy.overlaps(s, e)) == scan
        if scan:
            taken.append((s, e))
            greedy.add(s, e)


def test_starting_in_is_the_slice_a_filter_gives():
    class Item:
        def __init__(self, start):
            self.start = start
    rng = random.Random(3)
    items = sorted((Item(rng.randint(0, 500)) for _ in range(200)), key=lambda i: i.start)
    for _ in range(200):
        lo = rng.randint(-5, 505)
        hi = lo + rng.randint(0, 80)
        assert list(starting_in(items, lo, hi)) == [i for i in items if lo <= i.start < hi]


def test_the_lists_the_pipeline_bisects_are_in_text_order():
    article = read_article(ROOT / "seeds" / "000_04e7ac960a2816e0.txt")
    doc = analyse(article, FakeGazetteer(), default_lexicon())
    for name in ("actors", "triggers", "dates"):
        starts = [x.start for x in getattr(doc, name)]
        assert starts == sorted(starts) and starts, name
    placed = [m.start for m, _ in doc.placed]
    assert placed == sorted(placed) and placed
