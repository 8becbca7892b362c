"""Which language an article is in: a script-and-stopword rule, no model.

The script decides the family (Arabic letters, Cyrillic, Latin); within a family,
letters only one language uses and its commonest function words decide:

* Persian over Arabic: the letters پ چ ژ گ (absent from Arabic) and the Persian
  forms ی ک, and words such as "است", "این", "را", "که", "از".
* Ukrainian over Russian: the letters і ї є ґ (absent from Russian), ы ё э ъ
  (absent from Ukrainian), and words such as "та", "що", "у", "від" / "и", "что", "в";
  forty Cyrillic letters with none of і ї є ґ are Russian whatever the words say.
* French over English: function words ("le", "la", "les", "des", "du", "et", "est").

Anything else (or too little text) is English, the default.
"""

from __future__ import annotations

import re

SUPPORTED = ("en", "ar", "fa", "ru", "uk", "fr")
DEFAULT = "en"

_WORD = re.compile(r"[^\W\d_]+")

_FA_LETTERS = set("پچژگکی")
_AR_LETTERS = set("ةيكىأإؤئ")  # ta marbuta, Arabic ya/kaf, hamza seats
_UK_LETTERS = set("іїєґ")
_RU_LETTERS = set("ыёэъ")
# Cyrillic letters after which a text with none of і ї є ґ is Russian: together they are
# about one Ukrainian letter in fourteen (a 40-letter Ukrainian text lacks them all about
# once in twenty), while ы э ё ъ are rarer in Russian (a 40-letter Russian text lacks them
# more than once in three), so their absence decides nothing and function words decide.
UK_LETTER_SPAN = 40

_STOP = {
    "ar": set("في من على إلى الى عن أن ان التي الذي هذا هذه قال وقال كان مع بعد".split()),
    "fa": set("است این را که از به با در برای شد می‌شود آن بود هم یک".split()),
    "ru": set("и в не что на он с по как это был для из от к".split()),
    "uk": set("і та в у не що на з по як це був для від до".split()),
    "fr": set("le la les des du et est un une dans pour par sur au aux que qui a été".split()),
    "en": set("the and of to in a is was for on that by with from at".split()),
}


def detect_language(text: str) -> str:
    """The article's language code (``SUPPORTED``); English when nothing else wins."""
    sample = text[:4000]
    arabic = sum(1 for c in sample if "\u0600" <= c <= "\u06ff")
    cyrillic = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in sample if c.isascii() and c.isalpha()) + \
        sum(1 for c in sample if "\u00c0" <= c <= "\u024f")
    words = _WORD.findall(sample.lower())
    if arabic > max(cyrillic, latin):
        return _pick(sample, words, "fa", _FA_LETTERS, "ar", _AR_LETTERS)
    if cyrillic > latin:
        if cyrillic >= UK_LETTER_SPAN and not any(c in _UK_LETTERS for c in sample.lower()):
            return "ru"  # i is one Ukrainian letter in twenty: forty letters without it are Russian
        return _pick(sample, words, "uk", _UK_LETTERS, "ru", _RU_LETTERS)
    en = sum(w in _STOP["en"] for w in words)
    fr = sum(w in _STOP["fr"] for w in words) + sum(1 for c in sample if c in "éèêàçùôâî") / 5
    return "fr" if fr > en else DEFAULT


def _pick(sample: str, words: list[str], a: str, a_letters: set, b: str, b_letters: set) -> str:
    """Of two languages sharing a script: letters only one uses, then stopwords."""
    score_a = sum(1 for c in sample if c in a_letters) / 10 + sum(w in _STOP[a] for w in words)
    score_b = sum(1 for c in sample if c in b_letters) / 10 + sum(w in _STOP[b] for w in words)
    return a if score_a > score_b else b


def language_of(metadata: dict, text: str) -> tuple[str, str]:
    """(language, why): front matter's ``language`` when it names a supported one,
    else the detected language."""
    stated = str(metadata.get("language") or metadata.get("lang") or "").strip().lower()
    stated = stated.split("-")[0].split("_")[0]
    if stated in SUPPORTED:
        return stated, "front matter"
    return detect_language(text), "detected"
