"""Conflict Map: conflict events from news articles and event datasets, on a map.

The package holds everything that is not page layout. Data flows one way:
read (:mod:`geo.articles`) → extract (:mod:`geo.extract`) → geocode
(:mod:`geo.gazetteer`, :mod:`geo.geocoding`) → record (:mod:`geo.record`) →
store (:mod:`geo.store`) → filter (:mod:`geo.filters`) → view (:mod:`geo.map`).
"""

__version__ = "0.1.0"
