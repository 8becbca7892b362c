"""The demo on first start: an empty store takes the shipped UCDP GED extracts and the
seed articles, so a new user sees a full map.

The UCDP files (``data/ucdp-ged/*.csv.gz``: Syria 2016–2019, Myanmar, Central
African Republic; credit and licence in ``data/ucdp-ged/README.md``) are imported
first, teaching the gazetteer their exactly located places; the seed articles are
ingested after, so their geocoding already knows those places.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geo import settings
from geo.importers.run import ImportReport, import_file
from geo.ingest import IngestReport, ingest_paths

__all__ = ["DEMO_DIR", "DemoReport", "demo_files", "ensure_demo"]

DEMO_DIR = settings.DATA_DIR / "ucdp-ged"


@dataclass(slots=True)
class DemoReport:
    imports: list[ImportReport] = field(default_factory=list)
    seeds: IngestReport | None = None

    @property
    def events(self) -> int:
        return sum(r.added for r in self.imports) + (self.seeds.added if self.seeds else 0)

    def summary(self) -> str:
        parts = [f"{sum(r.added for r in self.imports):,} UCDP GED events "
                 f"from {len(self.imports)} file(s)"] if self.imports else []
        if self.seeds:
            parts.append(self.seeds.summary())
        return "First start: " + "; ".join(parts or ["nothing to load"])


def demo_files(demo_dir: Path = DEMO_DIR) -> list[Path]:
    return sorted(demo_dir.glob("*.csv.gz")) if demo_dir.is_dir() else []


def ensure_demo(store, geocoder, *, seeds_dir: Path = settings.SEEDS_DIR,
                demo_dir: Path = DEMO_DIR, learn_to: Path | None | bool = True
                ) -> DemoReport | None:
    """Load the demo into an empty store; None when the store already has events.

    ``learn_to``: the gazetteer to teach the UCDP places (True: the configured one,
    when it exists; None or False: learn nothing).
    """
    if store.count_events() > 0:
        return None
    if learn_to is True:
        path = settings.gazetteer_path()
        learn_to = path if path.exists() else None
    report = DemoReport()
    for path in demo_files(demo_dir):
        report.imports.append(import_file(path, "ucdp", store, learn_to=learn_to or None))
    if seeds_dir.is_dir():
        report.seeds = ingest_paths([seeds_dir], store, geocoder)
    return report
