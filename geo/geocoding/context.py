"""A geocoding context from free text ("Lebanon", "a story about Libya", "Idlib, Syria").

:func:`context_from_text` finds the countries and first-level regions a short text
names, with the gazetteer itself: capitalised word runs (up to six words) whose
exact folded spelling is a country or region, longest first. A large city named
there adds its country and its point ("Beirut" → LBN, near Beirut).
"""

from __future__ import annotations

import re

from geo.gazetteer.fold import fold_name, split_admin_suffix
from geo.gazetteer.rank import GeoContext

__all__ = ["context_from_text", "merge_contexts"]

_WORD = re.compile(r"[^\W\d_][\w'’‘ʿ.-]*", re.UNICODE)
_MAX_WORDS = 6
_CITY_POPULATION = 50_000
_POINT_POPULATION = 10_000  # a smaller town still counts as one of the document's places


def context_from_text(text: str, gazetteer, *, mention: str | None = None) -> GeoContext:
    """The GeoContext a free-text context names (empty GeoContext when none).

    ``mention``: the name being placed; that name in the text is not taken as context
    (it would confirm its own most populous namesake: "Huntsville" → Alabama, "Georgia"
    → the country).
    """
    if not text or not text.strip():
        return GeoContext()
    own = fold_name(mention) if mention else None
    words = _WORD.findall(text)
    short = len(words) <= 3
    countries: list[str] = []
    regions: list[str] = []
    near = None
    points: list[tuple[float, float]] = []
    known = getattr(gazetteer, "is_known_name", None)
    i = 0
    while i < len(words):
        taken = 0
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            gram = words[i:i + n]
            if not short and not gram[0][:1].isupper():
                continue
            phrase = " ".join(gram)
            folded = fold_name(phrase)
            if not folded:
                continue
            if known is not None and not known(folded, demonyms=True) and \
                    split_admin_suffix(folded)[1] is None:
                continue  # no exact name: only a loose match could follow, and it is not taken
            best = gazetteer.best(phrase)
            if best is None or best.match == "loose":
                continue
            if folded == own:
                # the mention itself says nothing about which of its namesakes it is
                taken = n
                break
            if best.precision == 3:
                countries.append(best.country_code)
            elif best.precision == 2:
                # a county or district stands for its first-level region and its point
                second = best.feature_code == "ADM2"
                regions.append(best.admin1 if second and best.admin1 else best.name)
                countries.append(best.country_code)
                if second:
                    near = near or (best.latitude, best.longitude)
                points.append((best.latitude, best.longitude))
            elif not gram[0][:1].isupper() or best.population < _POINT_POPULATION:
                continue
            else:
                if best.population >= _CITY_POPULATION:
                    countries.append(best.country_code)
                    near = near or (best.latitude, best.longitude)
                points.append((best.latitude, best.longitude))
            taken = n
            break
        i += taken or 1
    return GeoContext(country_codes=tuple(dict.fromkeys(c for c in countries if c)),
                      admin1=tuple(dict.fromkeys(regions)), near=near,
                      points=tuple(dict.fromkeys(points)))


def merge_contexts(*contexts: GeoContext | None) -> GeoContext:
    """One context holding every country, region, the first dateline and point."""
    given = [c for c in contexts if c is not None]
    return GeoContext(
        country_codes=tuple(dict.fromkeys(cc for c in given for cc in c.country_codes)),
        admin1=tuple(dict.fromkeys(a for c in given for a in c.admin1)),
        dateline=next((c.dateline for c in given if c.dateline), None),
        near=next((c.near for c in given if c.near is not None), None),
        points=tuple(dict.fromkeys(p for c in given for p in c.points)),
    )
