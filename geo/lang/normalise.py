"""Arabic-script normalisation for matching, the same length as its input so that
offsets found in the normalised text are offsets into the original.

* alef forms (أ إ آ ٱ) → ا; hamza seats ؤ → و, ئ → ي
* Persian/Arabic variants: ی ى ي → ي, ک ك → ك, ة → ه, ۀ → ه
* Persian and Arabic-Indic digits → ASCII digits
* diacritics (harakat, shadda, sukun, superscript alef) and tatweel → a space-like
  filler (U+200C is *not* used: the filler is removed by :func:`compact`)

:func:`compact` drops the fillers for a lookup key; :func:`strip_article` drops the
definite article ال (and و/ب/ل + ال prefixes) for lookups of place names.
"""

from __future__ import annotations

import re

FILLER = "\u0640"  # tatweel: diacritics become this, so the length is kept
_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي",
    "ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "ۀ": "ه", "ە": "ه",
}
_MAP.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Persian digits
_DIACRITICS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"]
_MAP.update({d: FILLER for d in _DIACRITICS})
_TABLE = str.maketrans(_MAP)
_ARTICLE = re.compile(r"^(?:[وبلف]?ال|لل)(?=\S{2,})")


def normalise(text: str) -> str:
    """The text with Arabic-script variants merged; ``len(result) == len(text)``."""
    return text.translate(_TABLE)


def compact(text: str) -> str:
    """A lookup key: normalised, fillers (diacritics, tatweel) and ZWNJ removed."""
    return normalise(text).replace(FILLER, "").replace("\u200c", " ").strip()


def strip_article(word: str) -> str:
    """``word`` (already normalised) without its definite article: الرقه → رقه,
    والرقه → رقه, للرقه → رقه."""
    return _ARTICLE.sub("", word)
