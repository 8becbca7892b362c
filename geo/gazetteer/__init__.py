"""The offline gazetteer: settlements, first-level regions and countries in one SQLite file.

* :mod:`geo.gazetteer.fold` — name folding (exact key and loose key);
* :mod:`geo.gazetteer.build` — ``build_gazetteer`` from registry packages;
* :mod:`geo.gazetteer.extend` — grow it from GeoNames dumps and learned places;
* :mod:`geo.gazetteer.rank` — ``GeoContext``, ``Candidate`` and the ranking decision;
* :mod:`geo.gazetteer.geocoder` — ``OfflineGazetteer``, a geopy ``Geocoder``.

Importing this package loads no data; names are imported lazily.
"""

from __future__ import annotations

import importlib

__all__ = [
    "BuildReport", "Candidate", "GeoContext", "OfflineGazetteer",
    "add_geonames_dump", "add_learned_places", "build_gazetteer", "fold_name",
]

_WHERE = {
    "BuildReport": "build", "build_gazetteer": "build",
    "add_geonames_dump": "extend", "add_learned_places": "extend",
    "Candidate": "rank", "GeoContext": "rank",
    "OfflineGazetteer": "geocoder", "fold_name": "fold",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f"geo.gazetteer.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'geo.gazetteer' has no attribute {name!r}")
