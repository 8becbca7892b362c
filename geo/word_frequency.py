"""How frequent a word is in English, on wordfreq's Zipf scale (7 = "the", 3 = once per
million words, 0 = unknown).

The numbers are wordfreq's own (its packaged English list, ``large_en``). Importing
wordfreq costs about a second (its tokenizer compiles large regular expressions and
loads ftfy and langcodes), paid by every process that asks, the batch geocoder's
workers included. A plain lower-case word needs no tokenizer: it is looked up here in
the same packaged file, read with msgpack in about 0.15 s. Anything else (capitals,
digits, apostrophes, several words) goes to wordfreq itself.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import math
import re
from pathlib import Path

_PLAIN = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=65_536)
def zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")``."""
    if _PLAIN.fullmatch(word):
        bucket = _buckets().get(word)
        return 0.0 if bucket is None else _zipf_of_bucket(bucket)
    from wordfreq import zipf_frequency  # the tokenizer's rules for everything else

    return zipf_frequency(word, "en")


@functools.cache
def _buckets() -> dict[str, int]:
    """Word → its band in the packaged list (band i: frequency 10 ** (-i / 100))."""
    import msgpack  # wordfreq's own dependency, light to import

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wordfreq is not installed")
    path = Path(spec.submodule_search_locations[0]) / "data" / "large_en.msgpack.gz"
    with gzip.open(path, "rb") as fh:
        pack = msgpack.load(fh, raw=False)
    out: dict[str, int] = {}
    for band, words in enumerate(pack[1:]):  # pack[0] is the file's header
        for w in words:
            out[w] = band
    return out


@functools.cache
def _zipf_of_bucket(band: int) -> float:
    # wordfreq's arithmetic: the band's frequency rounded to 3 significant digits, at
    # least 10 ** -9 (Zipf 0), then on the Zipf scale rounded to 0.01
    freq = 10 ** (-band / 100)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(max(freq, 1e-9), 10) + 9, 2)
