"""Place names the capitalised-phrase finder cannot form, found whole.

:func:`~geo.extract.mentions.candidate_spans` breaks a phrase at a stopword
("Democratic", "Republic", "Union"), at a lower-case word ("Bosnia and Herzegovina",
"Dar es Salaam", "Port-au-Prince") and at a masked actor ("British" of "British
Columbia", "Indian" of "Indian Ocean"), so such names were found in pieces — "Congo"
(the other Congo), "British" (the United Kingdom), "Ocean" (Ocean County) — or not at
all. Here every run of capitalised words joined by such bridges is looked up whole
(longest first, a set lookup per sub-run): a name the gazetteer knows as written is
one mention, and the pieces inside it are none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from geo.extract.spans import DisjointSpans

__all__ = ["find_long_names"]

# a capitalised word ("d'Ivoire" too) or a lower-case word that may join two of them
_WORD = re.compile(r"(?:[a-z]['’])?[A-Z][\w'’]*|[a-z]+")
_BRIDGES = {"and", "of", "the", "es", "au", "aux", "de", "du", "des", "la", "le", "les",
            "upon", "on", "sur", "el", "al", "da", "do", "dos", "das", "del", "di", "y",
            "en", "am", "an", "der", "van", "von", "under", "by", "in"}
_NOT_FIRST = {"the", "a", "an", "in", "on", "at", "of", "and", "or", "to", "from", "for",
              "by", "with", "as", "but", "after", "before", "during", "when", "while",
              "since", "this", "that", "his", "her", "its", "their", "our"}
_MAX_WORDS = 7
_CAP = r"(?:[a-z]['’])?[A-Z][\w'’]*"
_RUN = re.compile(rf"{_CAP}(?:[ -](?:(?:{'|'.join(sorted(_BRIDGES))})[ -])*{_CAP})+")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (len(word) > 2 and word[1] in "'’" and word[2].isupper())


def find_long_names(text: str, *, is_known: Callable[[str], bool], fold: Callable[[str], str],
                    stopwords: Iterable[str], masked: Iterable[tuple[int, int]] = (),
                    soft: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """(start, end) of each known name of two or more words that the phrase finder
    would not form whole: it crosses a stopword, a lower-case bridge word, a hyphen, a
    possessive ("Queen Anne's County") or a ``soft`` span (an actor's mask). ``masked`` spans (dateline, credits) are never
    crossed. The spans do not overlap one another, in text order."""
    stop = {w.lower() for w in stopwords}
    hidden = DisjointSpans(masked, merge=True)
    soft_spans = DisjointSpans(soft, merge=True)
    out: list[tuple[int, int]] = []
    for run_match in _RUN.finditer(text):  # only runs of two or more words are read
        base = run_match.start()
        words = [(base + m.start(), base + m.end(), m.group(0))
                 for m in _WORD.finditer(run_match.group(0))]
        out += _in_run(text, words, stop, hidden, soft_spans, is_known, fold)
    return out


def _in_run(text, words, stop, hidden, soft_spans, is_known, fold) -> list[tuple[int, int]]:
    out = []
    i, n = 0, len(words)
    while i < n:
        s, e, w = words[i]
        if not w[:1].isupper() or w.lower() in _NOT_FIRST or hidden.overlaps(s, e):
            i += 1
            continue
        run = [words[i]]  # the words that may join this one, up to the first break
        for k in range(i + 1, min(n, i + _MAX_WORDS)):
            if hidden.overlaps(*words[k][:2]):
                break
            run.append(words[k])
        found = None
        for j in range(len(run), 1, -1):
            if not _capitalised(run[j - 1][2]):
                continue
            a, b = run[0][0], run[j - 1][1]
            bridged = any(not x[:1].isupper() or x.lower().strip("'’s") in stop
                          or x.lower() in stop for _, _, x in run[:j]) or \
                any(x.endswith(("'s", "’s")) for _, _, x in run[:j - 1]) or \
                "-" in text[a:b] or soft_spans.overlaps(a, b)
            if bridged and is_known(fold(text[a:b])):
                found = (a, b, j)
                break
        if found:
            out.append(found[:2])
            i += found[2]
        else:
            i += 1
    return out
