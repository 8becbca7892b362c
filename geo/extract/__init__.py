"""Events from article text: places, actors, event types, dates, fatalities.

Public entry point: :func:`extract_events` (article + geocoder → events). Modules,
in the order the pipeline uses them: :mod:`.sentences` (sentences, clauses, quotes),
:mod:`.triggers` (event type), :mod:`.mentions` and :mod:`.places` (place names and
their geocoding), :mod:`.locate` (where), :mod:`.actors` and :mod:`.roles` (who),
:mod:`.dates` (when), :mod:`.fatalities`, :mod:`.document` and :mod:`.pipeline`.
Their data comes from :mod:`.lexicon` (``data/actors.csv``, ``data/triggers.csv``,
read on first use, never at import).
"""

from geo.extract.pipeline import Extraction, extract, extract_events

__all__ = ["Extraction", "extract", "extract_events"]
