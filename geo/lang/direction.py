"""Which way a text runs, for the reader: Arabic and Persian (and any text mostly in a
right-to-left script) right to left, everything else left to right by the browser's
own rule (``dir="auto"``: the first strong character decides)."""

from __future__ import annotations

import re

__all__ = ["RTL_LANGUAGES", "text_direction"]

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"})
# Hebrew, Arabic, Syriac, Thaana, NKo and the Arabic presentation forms
_RTL_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")


def text_direction(text: str, language: str | None = None) -> str:
    """``"rtl"`` when ``language`` is right-to-left or most of the letters of ``text``
    are in a right-to-left script, else ``"auto"``.

    >>> text_direction("قصف على حلب")
    'rtl'
    >>> text_direction("Shelling in Aleppo (حلب)")
    'auto'
    """
    if language and language.split("-")[0].lower() in RTL_LANGUAGES:
        return "rtl"
    letters = len(_LETTER.findall(text or ""))
    return "rtl" if letters and 2 * len(_RTL_LETTER.findall(text)) > letters else "auto"
