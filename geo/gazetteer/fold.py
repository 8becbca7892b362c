"""Name folding: the one place that decides when two spellings are the same name.

Two keys, both pure functions of a string:

* :func:`fold_name` — the *exact* key: transliterated (unidecode), lower case,
  apostrophes, ayin/hamza marks and full stops dropped, hyphens and punctuation turned into
  spaces, Arabic article forms ("al-", "el-", "ad-Dana", "ash-Shaddadi", "ez-Zor")
  normalised to ``al``, whitespace collapsed.
  "Ma'arrat al-Nu'man" → ``maarrat al numan``; "Ma`arrat an Nu`man" → the same.
* :func:`loose_key` — a second, looser key for names the exact key misses:
  the article dropped, spaces dropped, a few English transliteration variants
  merged (q/k, ou/u, ee/i, doubled letters, final "h" after a vowel).
  "Maarat al-Numan" and "Maarat al-Numaan" → ``maratnuman``.

:func:`split_admin_suffix` recognises a trailing "province"/"governorate"/... word,
which asks for the first-level region rather than the town of the same name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

__all__ = ["ADMIN_SUFFIXES", "fold_name", "loose_key", "split_admin_suffix"]

# Apostrophe-like marks (ASCII ', backtick, curly quotes, ayin/hamza modifier letters,
# prime) vanish: "Ma'arrat" = "Maarrat", "Nu`man" = "Numan".
_APOSTROPHES = "'`\u2018\u2019\u02bf\u02be\u02bb\u02bc\u2032\u00b4"
# Full stops vanish too, so "U.S." folds like "US" and "St. Louis" like "St Louis".
_APOS_TABLE = str.maketrans("", "", _APOSTROPHES + ".")
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Sun-letter assimilated article: "as Suwayda", "ar-Raqqa", "ez-Zor", "ash-Sham".
_SUN = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")
_ARTICLE_WORDS = frozenset({"al", "el", "il", "ul"})

# A trailing word that asks for the first-level region, not the town.
ADMIN_SUFFIXES = frozenset(
    {
        "province", "governorate", "region", "oblast", "state", "prefecture",
        "muhafazah", "wilayah", "vilayet", "ili", "krai", "kray", "department",
        "departement", "regional state", "autonomous region", "district",
    }
)


def _is_article(word: str, following: str) -> bool:
    """True when ``word`` is an Arabic article before ``following`` (both folded)."""
    if word in _ARTICLE_WORDS:
        return bool(following)
    if len(word) < 2 or word[0] not in "aeiu" or not following:
        return False
    consonant = word[1:]
    return consonant in _SUN and following.startswith(consonant)


@lru_cache(maxsize=262_144)
def fold_name(s: str) -> str:
    """Fold a place name to its exact lookup key (see the module docstring).

    >>> fold_name("Ma'arrat al-Nu'man")
    'maarrat al numan'
    >>> fold_name("  Deir ez-Zor ")
    'deir al zor'
    """
    if not s:
        return ""
    text = unidecode(s.translate(_APOS_TABLE)).translate(_APOS_TABLE).lower()
    words = _NON_WORD.sub(" ", text).split()
    out: list[str] = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        out.append("al" if _is_article(word, following) else word)
    return " ".join(out)


_DOUBLE = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"([aeiou])h\b")
_LOOSE_SUBS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"), ("ck", "k"))


@lru_cache(maxsize=262_144)
def loose_key(folded: str) -> str:
    """The looser second key of an already folded name.

    >>> loose_key(fold_name("Maarat al-Numan")) == loose_key(fold_name("Maarat al-Numaan"))
    True
    """
    words = [w for w in folded.split() if w != "al"]
    text = " ".join(words)
    text = _FINAL_H.sub(r"\1", text)
    for old, new in _LOOSE_SUBS:
        text = text.replace(old, new)
    text = text.replace(" ", "")
    return _DOUBLE.sub(r"\1", text)


_FUSED_ARTICLE = re.compile(r"\b[ae]([dnrstz])\1(?=[a-z]{2,})")


def unfuse_articles(folded: str) -> str:
    """An Arabic article written fused with a sun letter's doubling, as one word
    ("Deir Ezzor", "Ezzour"), spelled apart as the index has it ("deir al zor").

    >>> unfuse_articles("deir ezzor")
    'deir al zor'
    """
    return _FUSED_ARTICLE.sub(r"al \1", folded)


@lru_cache(maxsize=262_144)
def split_admin_suffix(folded: str) -> tuple[str, str | None]:
    """Split a trailing region word off a folded name.

    ``"idlib province"`` → ``("idlib", "province")``; ``"idlib"`` → ``("idlib", None)``.
    A leading "province of"/"governorate of" is recognised too.
    """
    words = folded.split()
    if len(words) >= 2:
        for n in (2, 1):
            tail = " ".join(words[-n:])
            if len(words) > n and tail in ADMIN_SUFFIXES:
                return " ".join(words[:-n]), tail
        if len(words) >= 3 and words[0] in ADMIN_SUFFIXES and words[1] == "of":
            return " ".join(words[2:]), words[0]
    return folded, None
