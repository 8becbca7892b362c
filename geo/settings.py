"""Where things are, in one place: project paths and the environment's settings.

Every setting has an embedded default so a fresh clone runs with nothing set:
``DATABASE_URL`` (default: the SQLite file ``data/conflictmap.sqlite``) and
``CONFLICTMAP_GAZETTEER`` (default: ``data/gazetteer.sqlite``).
"""

from __future__ import annotations

import os
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
