"""Shared fixtures: real SQLite stores in tmp_path, events made to order."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# No test may write the project's own store: anything that opens the default store
# (a CLI run or an app run that forgot its DATABASE_URL, or an AppTest script thread
# still running after its test) gets a throwaway file instead of data/conflictmap.sqlite.
# Likewise the gazetteer it would teach: a copy of the built one.
_SCRATCH = Path(tempfile.mkdtemp(prefix="conflictmap-tests-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_SCRATCH / 'default.sqlite'}")
if "CONFLICTMAP_GAZETTEER" not in os.environ and (ROOT / "data" / "gazetteer.sqlite").exists():
    shutil.copyfile(ROOT / "data" / "gazetteer.sqlite", _SCRATCH / "gazetteer.sqlite")
    os.environ["CONFLICTMAP_GAZETTEER"] = str(_SCRATCH / "gazetteer.sqlite")

from geo.record import Event, make_event_id  # noqa: E402
from geo.store import Store  # noqa: E402
from tests.conftest_postgres import pg_database_url, postgres_url  # noqa: E402,F401


def pytest_unconfigure(config) -> None:
    shutil.rmtree(_SCRATCH, ignore_errors=True)


def make_event(n: int = 0, **overrides) -> Event:
    """A valid article event; override any field by keyword."""
    fields = dict(
        event_id=make_event_id("test", n), event_date=dt.date(2020, 2, 29),
        event_type="Battles", sub_event_type="Armed clash", origin="article",
        actor1="Military Forces of Syria", actor1_country="SYR",
        location="Idlib", latitude=35.93, longitude=36.63, geo_precision=1,
        admin1="Idlib", country="Syria", country_code="SYR",
        evidence="Fighting was reported near the town.", source="Test Wire",
        source_url="https://example.org/a", article_id="art1", confidence=0.8,
    )
    fields.update(overrides)
    return Event(**fields)


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'events.sqlite'}"


@pytest.fixture
def store(db_url) -> Store:
    s = Store(db_url)
    yield s
    s.dispose()


@pytest.fixture
def sample_events() -> list[Event]:
    """Six events across two countries, three types, three actors and a month."""
    return [
        make_event(1),
        make_event(2, event_date=dt.date(2020, 2, 10), event_type="Diplomacy",
                   sub_event_type="Meeting or call", actor1="Hassan Rouhani (Iran)",
                   actor2="Recep Tayyip Erdogan (Turkey)", location="Tehran",
                   latitude=35.69, longitude=51.42, country="Iran", country_code="IRN",
                   admin1="Tehran"),
        make_event(3, event_date=dt.date(2020, 2, 1), event_type="Strategic developments",
                   sub_event_type="Other", actor1="Military Forces of Turkey",
                   geo_precision=2),
        make_event(4, event_date=dt.date(2020, 1, 15), origin="ucdp", geo_precision=3,
                   actor1="Military Forces of Syria", actor2="HTS"),
        make_event(5, event_date=dt.date(2020, 2, 20), event_type="Diplomacy",
                   sub_event_type="Threat", actor1="Recep Tayyip Erdogan (Turkey)",
                   evidence="He warned of an offensive.", location="Ankara",
                   latitude=39.93, longitude=32.86, country="Turkey", country_code="TUR"),
        make_event(6, event_date=None, latitude=None, longitude=None, location="",
                   geo_precision=None, country="", country_code=""),
    ]
