"""The answer cache: online geocoders' answers kept in a small SQLite file.

Keyed by (backend, key) where the key is the folded query plus the context's
countries; a stored miss (``raw`` None) is an answer too, so a name the service
does not know is asked once. Failures of the online backend are recorded in a
second table for the review page and the logs.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from geo.errors import GeocoderError

__all__ = ["AnswerCache", "MISSING", "cache_key"]

_DDL = """
CREATE TABLE IF NOT EXISTS answers (
    backend TEXT NOT NULL, key TEXT NOT NULL, raw TEXT, stored_at TEXT NOT NULL,
    PRIMARY KEY (backend, key)
);
CREATE TABLE IF NOT EXISTS failures (
    backend TEXT NOT NULL, query TEXT NOT NULL, kind TEXT NOT NULL, message TEXT,
    at TEXT NOT NULL
);
"""
_MISSING = object()


def cache_key(folded: str, countries: tuple[str, ...]) -> str:
    return folded + "|" + ",".join(sorted(countries))


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class AnswerCache:
    """A SQLite file of online answers (created on first use)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            self._conn.executescript(_DDL)
        except (OSError, sqlite3.Error) as exc:
            raise GeocoderError(f"{self.path}: cannot open the geocode cache: {exc}") from exc
        self._lock = threading.Lock()

    def get(self, backend: str, key: str) -> Any:
        """The cached raw answer (a dict), None for a cached miss, or ``MISSING``."""
        with self._lock:
            row = self._conn.execute(
                "SELECT raw FROM answers WHERE backend = ? AND key = ?", (backend, key)).fetchone()
        if row is None:
            return _MISSING
        return None if row[0] is None else json.loads(row[0])

    def put(self, backend: str, key: str, raw: dict | None) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT OR REPLACE INTO answers (backend, key, raw, stored_at) VALUES (?, ?, ?, ?)",
                (backend, key, None if raw is None else json.dumps(raw, default=str), _now()))

    def record_failure(self, backend: str, query: str, kind: str, message: str) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO failures (backend, query, kind, message, at) VALUES (?, ?, ?, ?, ?)",
                (backend, query, kind, message[:500], _now()))

    def failures(self, limit: int = 100) -> list[tuple[str, str, str, str, str]]:
        """(backend, query, kind, message, at), newest first."""
        with self._lock:
            return self._conn.execute(
                "SELECT backend, query, kind, message, at FROM failures ORDER BY rowid DESC LIMIT ?",
                (limit,)).fetchall()

    def __len__(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT count(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        self._conn.close()


MISSING = _MISSING
