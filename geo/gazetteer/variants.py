"""Spelling variants within one first-level region: the third, loosest name key.

:func:`variant_key` folds a loose key (:func:`geo.gazetteer.fold.loose_key`) further and
is used only among the settlements of one country's first-level region (never to search
the whole world: :meth:`geo.gazetteer.OfflineGazetteer.region_variants`). For names
romanised from Burmese (:data:`BURMESE_ROMANISED`) it merges what romanisations of one
name differ in: aspiration marks (hs/s, ht/t, th/t), voicing (b/p, d/t, g/k), vowel
spellings (ai/ei/ae/ay → e; aw/au/oe → o) and a silent "r" after "a" ("Pang War" =
"Pangwa", "Dawai" = "Dawei", "Mae Pa Li" = "Me Pa Li", "Thin Gan Nyi Naung" =
"Tingannyinaung"); :func:`variant_distance_bound` edits more are allowed there.
Elsewhere the key is the loose key itself (an article or a space apart: "Karama" =
"Al Karamah"). Not part of the built file: changing it needs no rebuild.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["BURMESE_ROMANISED", "variant_distance_bound", "variant_key"]

# Countries whose place names are romanised from Burmese script (the rules below are
# wrong for Arabic names, where "r" is sounded and b/p, d/t are different letters).
BURMESE_ROMANISED = frozenset({"MMR"})

_DOUBLE = re.compile(r"([a-z])\1+")
_PREFIX_H = re.compile(r"^h(?=[^aeiouy])")
_ASPIRATED = re.compile(r"([bcdgkmnlpst])h")
# a vowel pair, not a vowel and the glide of the next syllable ("Da-wai" keeps its "aw")
_VOWEL_E = re.compile(r"(?:a[iy]|e[iy])(?![aeiou])|ae")
_VOWEL_O = re.compile(r"a[wu](?![aeiou])|oe")
_SILENT_R = re.compile(r"(?<=a)r(?=[^aeiouy]|$)")
_VOICED = str.maketrans("bdgv", "ptkf")


@lru_cache(maxsize=262_144)
def variant_key(loose: str, country3: str = "") -> str:
    """The in-region spelling-variant key of a loose key (see the module docstring).

    >>> from geo.gazetteer.fold import fold_name, loose_key
    >>> key = lambda s: variant_key(loose_key(fold_name(s)), "MMR")
    >>> key("Pang War") == key("Pangwa"), key("Thin Gan Nyi Naung")
    (True, 'tinkanyinonk')
    >>> variant_key("tarmala", "SYR")
    'tarmala'
    """
    if country3.upper() not in BURMESE_ROMANISED:
        return loose
    text = _PREFIX_H.sub("", loose)
    text = _ASPIRATED.sub(r"\1", text)
    text = _VOWEL_O.sub("o", _VOWEL_E.sub("e", text))
    text = _SILENT_R.sub("", text).translate(_VOICED)
    return _DOUBLE.sub(r"\1", text)


def variant_distance_bound(key: str, country3: str = "") -> int:
    """How many edits two variant keys of one region may differ by and still be taken
    for one name: for Burmese romanisations none under 6 letters, else one; none
    elsewhere. (Measured on UCDP's villages, bench/README.md: two edits let too many
    namesakes in; one edit on Syria's Arabic names, whose variants GeoNames already
    lists, only ever took a neighbouring village.)"""
    if country3.upper() not in BURMESE_ROMANISED:
        return 0
    return 0 if len(key) < 6 else 1
