"""The geocoder the pipeline uses, made in one place.

Today: the offline gazetteer. The chain (corrections → cache → gazetteer →
optional online service) wraps it here, so callers never change.
"""

from __future__ import annotations

from pathlib import Path

from geo import settings


def open_geocoder(*, gazetteer_path: Path | None = None):
    """The configured geocoder; raises GazetteerMissing if the gazetteer is not built."""
    from geo.gazetteer import OfflineGazetteer

    return OfflineGazetteer(path=gazetteer_path or settings.gazetteer_path())
