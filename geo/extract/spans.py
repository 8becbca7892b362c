"""Lookups in lists sorted by start offset: what a clause or sentence holds, found
by bisection instead of a scan of the whole article per clause, so extraction
stays linear in the text (the scans made a 1 MB article take minutes).

Every list the pipeline keeps (mentions, placed mentions, actors, triggers,
dates) is in text order; ``tests/test_extract_scaling.py`` pins that.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["DisjointSpans", "placed_start", "starting_in"]


def _start(item) -> int:
    return item.start


def placed_start(pair) -> int:
    """The start of a ``(Mention, Place)`` pair."""
    return pair[0].start


def starting_in(items: Sequence, lo: int, hi: int, *,
                key: Callable[[Any], int] = _start) -> Sequence:
    """The items whose start is in ``[lo, hi)``; ``items`` sorted by start."""
    return items[bisect_left(items, lo, key=key):bisect_left(items, hi, key=key)]


class DisjointSpans:
    """Spans that do not overlap one another, kept sorted; asks whether ``[s, e)``
    overlaps one of them (``a < e and s < b``) in O(log n)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = (), *, merge: bool = False):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for a, b in sorted(spans):
            if merge and self._ends and a <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], b)  # the union overlaps the same spans
            else:
                self._starts.append(a)
                self._ends.append(b)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_right(self._ends, s)  # the first span ending after s
        return i < len(self._starts) and self._starts[i] < e

    def add(self, s: int, e: int) -> None:
        """Add a span that overlaps none of those held."""
        i = bisect_left(self._starts, s)
        self._starts.insert(i, s)
        self._ends.insert(i, e)
