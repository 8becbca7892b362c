"""The geocoder the pipeline uses, made in one place: :func:`open_geocoder`.

It returns a :class:`~geo.geocoding.chain.GeocoderChain`: analyst corrections →
cache → offline gazetteer → optional online geopy service → the container the text
names. Modules, each owning one idea:

* :mod:`geo.geocoding.queries` — what a query names (spellings, containers);
* :mod:`geo.geocoding.context` — a GeoContext from free text;
* :mod:`geo.geocoding.corrections` — analyst corrections (store table, CSV, apply);
* :mod:`geo.geocoding.cache` — the SQLite cache of online answers and failures;
* :mod:`geo.geocoding.online` — any geopy geocoder by name behind RateLimiter;
* :mod:`geo.geocoding.answer` — the answer's raw keys and :class:`GeocodeAnswer`;
* :mod:`geo.geocoding.chain` — the order and the reasons.

Configuration: :func:`geo.settings.geocoder_settings` (environment; online off by
default). Importing this package loads no data.
"""

from __future__ import annotations

from pathlib import Path

from geo import settings

__all__ = ["open_geocoder", "load_corrections"]


def load_corrections(store=None):
    """The stored corrections as a CorrectionBook (empty when there is no store yet).

    Without ``store``, reads the configured database only if it already exists, so
    geocoding never creates a database as a side effect.
    """
    from geo.geocoding.corrections import CorrectionBook, list_corrections, read_corrections_sqlite

    if store is None:
        url = settings.database_url()
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if not path or path == ":memory:" or not Path(path).is_file():
                return CorrectionBook()
            return CorrectionBook(read_corrections_sqlite(path))
        from geo.store import Store

        store = Store(url)
        try:
            return CorrectionBook(list_corrections(store))
        finally:
            store.dispose()
    return CorrectionBook(list_corrections(store))


def open_geocoder(*, gazetteer_path: Path | None = None, store=None, config=None):
    """The configured geocoder chain; raises GazetteerMissing if the gazetteer is not
    built and GeocoderConfigError if the online settings are wrong."""
    from geo.gazetteer import OfflineGazetteer
    from geo.geocoding.cache import AnswerCache
    from geo.geocoding.chain import GeocoderChain
    from geo.geocoding.online import make_online_backend

    config = config or settings.geocoder_settings()
    online = make_online_backend(config)
    gazetteer = OfflineGazetteer(path=gazetteer_path or settings.gazetteer_path())
    cache = AnswerCache(config.cache_path) if online is not None else None
    return GeocoderChain(gazetteer, corrections=load_corrections(store), cache=cache,
                         online=online)
