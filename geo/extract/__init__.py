"""Events from article text: places, actors, event types, dates, fatalities.

Public entry point: :func:`extract_events` (article + geocoder → events). Modules,
in the order the pipeline uses them: :mod:`.sentences`, :mod:`.triggers`,
:mod:`.mentions` and :mod:`.places`, :mod:`.locate`, :mod:`.actors`, :mod:`.dates`,
:mod:`.fatalities`, :mod:`.pipeline`; their data comes from :mod:`.lexicon`
(``data/actors.csv``, ``data/triggers.csv``, read on first use).
"""

from geo.extract.pipeline import extract_events

__all__ = ["extract_events"]
