"""Where things are, in one place: project paths and the environment's settings.

Every setting has an embedded default so a fresh clone runs with nothing set:
``DATABASE_URL`` (default: the SQLite file ``data/conflictmap.sqlite``) and
``CONFLICTMAP_GAZETTEER`` (default: ``data/gazetteer.sqlite``); ``CONFLICTMAP_TILES``
(an MBTiles or PMTiles file for the map's base layer, default none); the geocoder chain's
``CONFLICTMAP_GEOCODER*`` variables (online backend off by default, see
:func:`geocoder_settings`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
STATIC_DIR = PROJECT_ROOT / "static"
DEFAULT_DB_PATH = DATA_DIR / "conflictmap.sqlite"
DEFAULT_GAZETTEER_PATH = DATA_DIR / "gazetteer.sqlite"


def database_url() -> str:
    """The store's SQLAlchemy URL: ``DATABASE_URL`` or the embedded SQLite file."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return normalise_database_url(url) if url else f"sqlite:///{DEFAULT_DB_PATH}"


def normalise_database_url(url: str) -> str:
    """``postgresql://`` means PostgreSQL through psycopg 3 (the driver we ship)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def gazetteer_path() -> Path:
    value = os.environ.get("CONFLICTMAP_GAZETTEER", "").strip()
    return Path(value) if value else DEFAULT_GAZETTEER_PATH


def tiles_path(env=None) -> Path | None:
    """``CONFLICTMAP_TILES``: your own MBTiles or PMTiles file (raster or vector), served from this machine
    as the map's base layer (:mod:`geo.map.tile_server`); None when unset."""
    env = os.environ if env is None else env
    value = env.get("CONFLICTMAP_TILES", "").strip()
    return Path(value).expanduser() if value else None


# -- geocoding ------------------------------------------------------------------
# The online backend is off unless CONFLICTMAP_GEOCODER names one; everything else
# has a default that is safe for the public services (their usage policies ask for
# a real user agent and at most one request a second).
DEFAULT_GEOCODE_CACHE_PATH = DATA_DIR / "geocode-cache.sqlite"
DEFAULT_USER_AGENT = "conflict-map (offline-first event dashboard)"
DEFAULT_GEOCODER_TIMEOUT = 5.0
DEFAULT_GEOCODER_MIN_DELAY = 1.0


@dataclass(frozen=True, slots=True)
class GeocoderSettings:
    """How the geocoder chain is configured (see :func:`geocoder_settings`).

    ``online``: None (off, the default), ``"nominatim"``, ``"photon"`` or any geopy
    geocoder's service name (``geopy.geocoders.SERVICE_TO_GEOCODER``); ``url``: the
    service's base URL (scheme + host, e.g. ``http://127.0.0.1:8080``); ``user_agent``,
    ``timeout`` (seconds), ``min_delay`` (seconds between requests, geopy's
    RateLimiter); ``cache_path``: the SQLite file that keeps online answers.
    """

    online: str | None = None
    url: str | None = None
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = DEFAULT_GEOCODER_TIMEOUT
    min_delay: float = DEFAULT_GEOCODER_MIN_DELAY
    cache_path: Path = DEFAULT_GEOCODE_CACHE_PATH

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"geocoder timeout must be positive, got {self.timeout}")
        if self.min_delay < 0:
            raise ValueError(f"geocoder min delay must be ≥ 0, got {self.min_delay}")


def _float_env(env, name: str, default: float) -> float:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None


def geocoder_settings(env=None) -> GeocoderSettings:
    """The geocoder chain's settings from the environment (``os.environ`` by default).

    ``CONFLICTMAP_GEOCODER`` (off when unset or ``off``/``none``),
    ``CONFLICTMAP_GEOCODER_URL``, ``CONFLICTMAP_GEOCODER_USER_AGENT``,
    ``CONFLICTMAP_GEOCODER_TIMEOUT``, ``CONFLICTMAP_GEOCODER_MIN_DELAY`` and
    ``CONFLICTMAP_GEOCODE_CACHE`` (the cache file).
    """
    env = os.environ if env is None else env
    online = env.get("CONFLICTMAP_GEOCODER", "").strip().lower() or None
    if online in ("off", "none", "offline", "gazetteer", "0", "false"):
        online = None
    cache = env.get("CONFLICTMAP_GEOCODE_CACHE", "").strip()
    return GeocoderSettings(
        online=online,
        url=env.get("CONFLICTMAP_GEOCODER_URL", "").strip() or None,
        user_agent=env.get("CONFLICTMAP_GEOCODER_USER_AGENT", "").strip() or DEFAULT_USER_AGENT,
        timeout=_float_env(env, "CONFLICTMAP_GEOCODER_TIMEOUT", DEFAULT_GEOCODER_TIMEOUT),
        min_delay=_float_env(env, "CONFLICTMAP_GEOCODER_MIN_DELAY", DEFAULT_GEOCODER_MIN_DELAY),
        cache_path=Path(cache) if cache else DEFAULT_GEOCODE_CACHE_PATH,
    )
