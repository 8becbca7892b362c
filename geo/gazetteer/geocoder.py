"""``OfflineGazetteer``: the built gazetteer file as a geopy ``Geocoder``.

Lookups go exact fold → (region-suffix) → loose key, each through an index, then
:func:`geo.gazetteer.rank.rank_candidates` orders what was found. Answers are
geopy ``Location`` objects whose ``raw`` carries the chosen candidate's fields, its
``reason`` and the ranked ``candidates``. The file is opened read-only; results are
kept in an in-process LRU cache.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from geo.errors import GazetteerError, GazetteerMissing
from geo.gazetteer.arabic_names import closest_spellings, query_keys
from geo.gazetteer.fold import fold_name, loose_key, split_admin_suffix, unfuse_articles
from geo.gazetteer.model import load_model
from geo.gazetteer.rank import Candidate, GeoContext, PlaceRecord, distance_km, rank_candidates
from geo.gazetteer.schema import SCHEMA_VERSION, cell_of
from geo.word_frequency import zipf
from geo.gazetteer.variants import BURMESE_ROMANISED, variant_distance_bound, variant_key

__all__ = ["OfflineGazetteer", "DEFAULT_PATH"]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer.sqlite"

_COLUMNS = """p.id, p.geonameid, p.name, p.latitude, p.longitude, p.feature_class,
p.feature_code, p.country_code3, p.country_code2, p.country, p.admin1, p.admin2,
p.population, p.precision, p.source, p.extent_km"""
_BY_NAME = f"SELECT {_COLUMNS}, n.name, n.kind FROM names n JOIN places p ON p.id = n.place_id WHERE n.folded_name = ?"
_BY_LOOSE = f"SELECT {_COLUMNS}, p.name, 1 FROM loose_names n JOIN places p ON p.id = n.place_id WHERE n.loose_key = ?"
_BY_ARABIC = f"SELECT {_COLUMNS}, n.name, 1 FROM arabic_keys n JOIN places p ON p.id = n.place_id WHERE n.key = ?"
_MAX_ROWS = 2000
# The arabic_keys table's distinct keys are held in memory (a set) when there are at most
# this many (about 10,000 in the offline build: well under a MiB); a larger table is asked.
_ARABIC_KEYS_IN_MEMORY = 200_000


def _record(row: tuple) -> PlaceRecord:
    return PlaceRecord(*row[:15], row[16], row[17], row[15])


class OfflineGazetteer(Geocoder):
    """Geocode place names against the offline gazetteer file (no network).

    >>> gaz = OfflineGazetteer()                                  # doctest: +SKIP
    >>> gaz.geocode("Tripoli", context=GeoContext(country_codes=("LBN",)))  # doctest: +SKIP
    Location(Tripoli, North Governorate, Lebanon, (34.43667, 35.84972, 0.0))
    """

    def __init__(self, *, path: Path | str | None = None, cache_size: int = 100_000,
                 model: Path | str | bool | None = None):
        """``model``: the learned ranker's file (default ``data/ranker.json`` when it
        exists); False ranks with the hand weights."""
        super().__init__(adapter_factory=URLLibAdapter)
        self.model = None if model is False else load_model(None if model in (None, True) else model)
        self.path = Path(path) if path is not None else DEFAULT_PATH
        if not self.path.is_file():
            raise GazetteerMissing(
                f"{self.path}: gazetteer not built; run `python -m geo gazetteer build`"
            )
        try:
            uri = self.path.resolve().as_uri() + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            meta = dict(self._conn.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as exc:
            raise GazetteerError(f"{self.path}: not a gazetteer file ({exc}); rebuild it") from exc
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise GazetteerError(
                f"{self.path}: gazetteer schema {meta.get('schema_version')!r}, expected "
                f"{SCHEMA_VERSION!r}; run `python -m geo gazetteer build`"
            )
        self.meta = meta
        self._has_arabic = bool(self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'arabic_keys'").fetchone())
        self._lock = threading.Lock()
        self._arabic_key_set: frozenset[str] | None | bool = False  # False: not read yet
        self._resolve_cached = lru_cache(maxsize=cache_size)(self._resolve)
        self._known_cached = lru_cache(maxsize=cache_size)(self._is_known)
        self._admin1_cached = lru_cache(maxsize=65_536)(self._admin1_place)
        self._seat_cached = lru_cache(maxsize=16_384)(self._seat)
        self._country_cached = lru_cache(maxsize=1_024)(self._country_for_code)
        self._script_cached = lru_cache(maxsize=65_536)(self._script)
        self._regions_cached = lru_cache(maxsize=4_096)(self._regions_of)
        self._region_keys_cached = lru_cache(maxsize=64)(self._region_keys)

    # -- plumbing ---------------------------------------------------------------
    def _query(self, sql: str, params: tuple, *, rows: int | None = _MAX_ROWS) -> list[tuple]:
        with self._lock:
            try:
                cur = self._conn.execute(sql, params)
                return cur.fetchall() if rows is None else cur.fetchmany(rows)
            except sqlite3.Error as exc:
                raise GazetteerError(f"{self.path}: lookup failed: {exc}") from exc

    def _exact(self, folded: str) -> list[PlaceRecord]:
        return [_record(r) for r in self._query(_BY_NAME, (folded,))] if folded else []

    def _loose(self, folded: str) -> list[PlaceRecord]:
        key = loose_key(folded)
        found = [_record(r) for r in self._query(_BY_LOOSE, (key,))] if len(key) >= 3 else []
        if not found:  # "Deir Ezzor": the article fused to the name, asked once more apart
            apart = unfuse_articles(folded)
            if apart != folded and len(loose_key(apart)) >= 3:
                found = [_record(r) for r in self._query(_BY_LOOSE, (loose_key(apart),))]
        return found

    def _arabic(self, folded: str, *, closest: bool = True) -> list[PlaceRecord]:
        """Places of an Arabic-speaking country whose name is another romanisation of
        ``folded`` (:mod:`geo.gazetteer.arabic_names`); none in a file built without
        the table."""
        if not self._has_arabic:
            return []
        found = [_record(r) for key in query_keys(folded) if self._may_have_arabic_key(key)
                 for r in self._query(_BY_ARABIC, (key,))]
        return closest_spellings(folded, found) if closest else found

    def _may_have_arabic_key(self, key: str) -> bool:
        """False when ``key`` is surely not in ``arabic_keys`` (the table's keys are held in
        memory when few enough); True otherwise (the table is to be asked)."""
        keys = self._arabic_key_set
        if keys is False:
            keys = self._arabic_key_set = self._read_arabic_keys()
        return keys is None or key in keys

    def _read_arabic_keys(self) -> frozenset[str] | None:
        rows = self._query("SELECT DISTINCT key FROM arabic_keys LIMIT ?",
                           (_ARABIC_KEYS_IN_MEMORY + 1,), rows=None)
        return frozenset(r[0] for r in rows) if len(rows) <= _ARABIC_KEYS_IN_MEMORY else None

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the decision -----------------------------------------------------------
    def _find(self, folded: str, context: GeoContext | None = None
              ) -> tuple[list[PlaceRecord], bool, str]:
        """Places a folded name may mean: (places, region asked for, match kind)."""
        base, suffix = split_admin_suffix(folded)
        found = self._exact(folded)
        if found:
            return found, suffix is not None, "exact"
        if suffix is not None:
            found = self._exact(base) or self._loose(base)
            regions = [p for p in found if p.precision == 2]
            if regions or found:
                return regions or found, True, "region suffix"
        found = self._loose(folded)
        # "Al Quriyah": a loose namesake (Korla, or a village of another governorate) does
        # not hide the town of the document's country spelled otherwise
        seen = {p.place_id for p in found}
        found += [p for p in self._arabic(folded)
                  if p.place_id not in seen and self._fits_context(p, context)]
        return found, False, "loose"

    def _fits_context(self, p: PlaceRecord, context: GeoContext | None) -> bool:
        """Whether a place found only by another romanisation of its name may be meant:
        it lies in one of the document's countries. The key is loose enough that a
        namesake elsewhere is mostly a word or a person ("Nusra", "al-Deibeh"). (Asking
        also for one of the regions the document names lost right villages: the context
        holds only regions told as regions; a wrong village inside a named city or region
        is caught by :mod:`geo.extract.containers`.)"""
        return context is not None and p.country_code in context.country_codes

    def _with_region_names(self, context: GeoContext) -> GeoContext:
        """The context with each region it names also under the gazetteer's own name
        ("Deir Ez-Zor province" → Dayr az Zawr), so a candidate's region is seen as named."""
        extra = [name for _cc, name in self._context_regions(context.admin1)]
        folded = {fold_name(a) for a in context.admin1}
        extra = [n for n in extra if n not in folded]
        return replace(context, admin1=context.admin1 + tuple(extra)) if extra else context

    def _context_regions(self, admin1: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """(country alpha-3, first-level region name) of each region the context
        names, by any of the region's names ("Hasakeh" → Al Ḩasakah)."""
        return self._regions_cached(admin1)

    def _regions_of(self, admin1: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        out = []
        for name in admin1:
            folded = split_admin_suffix(fold_name(name))[0]
            for find in (self._exact, self._loose, lambda f: self._arabic(f, closest=False)):
                regions = [(r.country_code, r.name) for r in find(folded)
                           if r.precision == 2 and r.feature_code == "ADM1" and r.country_code]
                if regions:
                    out += regions
                    break
        return tuple(dict.fromkeys(out))

    def lookup_records(self, name: str, context: GeoContext | None):
        """The unranked candidates of ``name`` and what ranking needs to know of the
        lookup: (places, region asked for, match kind, dateline country). Training
        (``bench.train_ranker``) reads the same records the ranker does."""
        folded = fold_name(name)
        if not folded:
            return [], False, "exact", None
        places, region_asked, match = self._find(folded, context)
        if not places:
            return [], region_asked, match, None
        # Deduplicate (one place reached by several spellings keeps its best spelling).
        best: dict[int, PlaceRecord] = {}
        for p in places:
            if p.place_id not in best or p.matched_kind < best[p.place_id].matched_kind:
                best[p.place_id] = p
        dateline_country = None
        if context is not None and context.dateline:
            top = self._resolve_cached(context.dateline, None)
            dateline_country = top[0].country_code if top else None
        return list(best.values()), region_asked, match, dateline_country

    def _resolve(self, name: str, context: GeoContext | None) -> tuple[Candidate, ...]:
        places, region_asked, match, dateline_country = self.lookup_records(name, context)
        if not places:
            return ()
        if context is not None and context.admin1:
            context = self._with_region_names(context)
        return tuple(
            rank_candidates(
                places, query=name, context=context, region_asked=region_asked, match=match,
                dateline_country=dateline_country, model=self.model,
            )
        )

    # -- typed API --------------------------------------------------------------
    def candidates(
        self, name: str, *, context: GeoContext | None = None, limit: int = 10
    ) -> list[Candidate]:
        """The places ``name`` may mean, best first (at most ``limit``)."""
        return list(self._resolve_cached(name, context)[:limit])

    def best(self, name: str, *, context: GeoContext | None = None) -> Candidate | None:
        """The best candidate for ``name``, or None."""
        found = self._resolve_cached(name, context)
        return found[0] if found else None

    def _is_known(self, folded: str, demonyms: bool) -> bool:
        sql = "SELECT 1 FROM names WHERE folded_name = ?" + ("" if demonyms else " AND kind < 3")
        return bool(self._query(sql + " LIMIT 1", (folded,))) or self._known_arabic(folded)

    def _known_arabic(self, folded: str) -> bool:
        """A name known only by another romanisation ("Tel Hamis", "Raqa"): several words,
        or one word that is no frequent English word (Zipf < 3: "Jobar", not "Cara")."""
        if not self._has_arabic or (" " not in folded and zipf(folded) >= 3.0):
            return False
        return any(self._has_arabic_key(k) for k in query_keys(folded))

    def _has_arabic_key(self, key: str) -> bool:
        if not self._may_have_arabic_key(key):
            return False
        return self._arabic_key_set is not None or bool(self._query(  # in memory: the table's
            "SELECT 1 FROM arabic_keys WHERE key = ? LIMIT 1", (key,)))

    def script_places(self, key: str) -> tuple[PlaceRecord, ...]:
        """Places with an Arabic-script or Cyrillic name of this key
        (:func:`geo.gazetteer.script_names.script_key`), most populous first; none when
        the file has no ``script_names`` table (built by older code)."""
        return self._script_cached(key) if key else ()

    def _script(self, key: str) -> tuple[PlaceRecord, ...]:
        try:
            rows = self._query(f"SELECT {_COLUMNS}, n.name, 1 FROM script_names n JOIN places p "
                               "ON p.id = n.place_id WHERE n.key = ? ORDER BY p.population DESC",
                               (key,))
        except GazetteerError:
            return ()
        return tuple(_record(r) for r in rows)

    def is_known_name(self, folded: str, *, demonyms: bool = False) -> bool:
        """Whether an already folded name is in the exact index. Demonyms ("Russian",
        kind 3) count only when asked for: whether a mention finder tags them is its
        own policy, while ``geocode("Russian")`` always answers the country."""
        return self._known_cached(folded, demonyms)

    def iter_names(self, *, min_population: int = 0) -> Iterator[tuple[str, str]]:
        """(surface name, folded name) of every indexed spelling.

        ``min_population`` filters settlements only; regions and countries are always
        yielded; demonyms (kind 3) are not. Reads through its own cursor, so it may run while lookups happen.
        """
        conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            yield from conn.execute(
                """SELECT n.name, n.folded_name FROM names n JOIN places p ON p.id = n.place_id
                WHERE (p.precision > 1 OR p.population >= ?) AND n.kind < 3""",
                (min_population,),
            )
        finally:
            conn.close()

    def country_for_code(self, alpha3: str) -> Candidate | None:
        """The country place of an ISO alpha-3 code (a scan of the places: asked once)."""
        return self._country_cached(alpha3.upper())

    def _country_for_code(self, alpha3: str) -> Candidate | None:
        rows = self._query(
            f"SELECT {_COLUMNS}, p.name, 0 FROM places p WHERE p.precision = 3 AND p.country_code3 = ?",
            (alpha3.upper(),),
        )
        ranked = rank_candidates([_record(r) for r in rows], query=alpha3.lower(), match="code")
        return ranked[0] if ranked else None

    def admin1_place(self, country3: str, admin1_name: str) -> Candidate | None:
        """The first-level region named ``admin1_name`` in country ``country3`` (a
        second-level division of that name when no first-level region has it)."""
        return self._admin1_cached(country3.upper(), admin1_name)

    def _admin1_place(self, country3: str, admin1_name: str) -> Candidate | None:
        folded = fold_name(admin1_name)
        base = split_admin_suffix(folded)[0]
        found = [
            p for p in self._exact(folded) + self._exact(base)
            if p.precision == 2 and p.country_code == country3.upper()
        ]
        if not found:
            rows = self._query(
                f"SELECT {_COLUMNS}, p.name, 0 FROM places p WHERE p.admin1 = ? AND p.precision = 2 AND p.country_code3 = ?",
                (admin1_name, country3.upper()),
            )
            found = [_record(r) for r in rows]
        first = [p for p in found if p.feature_code != "ADM2"]
        found = first or found
        ranked = rank_candidates(found, query=base, region_asked=True)
        return ranked[0] if ranked else None

    def region_variants(self, name: str, country3: str, admin1: str) -> list[tuple[int, Candidate]]:
        """Settlements of one first-level region (``admin1`` as the gazetteer names it)
        whose spelling is a variant of ``name``: variant keys
        (:func:`geo.gazetteer.variants.variant_key`) at most
        :func:`~geo.gazetteer.variants.variant_distance_bound` edits apart. (edits, candidate)
        pairs, fewest edits first; empty for a name too short to vary."""
        country3 = country3.upper()
        key = variant_key(loose_key(fold_name(name)), country3)
        bound = variant_distance_bound(key, country3)
        if len(key) < 4:
            return []
        if country3 not in BURMESE_ROMANISED:  # the loose key itself: one index lookup
            found = [p for p in self._loose(fold_name(name)) if p.precision == 1
                     and p.country_code == country3 and p.admin1 == admin1]
            return [(0, self._variant_candidate(p, name, admin1, 0)) for p in
                    {p.place_id: p for p in found}.values()]
        keys, records = self._region_keys_cached(country3, admin1)
        if not keys:
            return []
        found = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=bound,
                                limit=None)
        best: dict[int, tuple[int, PlaceRecord]] = {}
        for _key, edits, i in found:
            p = records[i]
            if p.place_id not in best or edits < best[p.place_id][0]:
                best[p.place_id] = (int(edits), p)
        return [(edits, self._variant_candidate(p, name, admin1, edits))
                for edits, p in sorted(best.values(), key=lambda t: t[0])]

    @staticmethod
    def _variant_candidate(p: PlaceRecord, name: str, admin1: str, edits: int) -> Candidate:
        ranked = rank_candidates([p], query=fold_name(name), match="variant")[0]
        reason = (f"spelling variant {p.matched_name!r} of {name!r} in {admin1} "
                  f"({edits} edit{'s' if edits != 1 else ''} apart)")
        return replace(ranked, reason=reason, confidence=round(0.6 - 0.1 * edits, 3))

    def _region_keys(self, country3: str, admin1: str) -> tuple[list[str], list[PlaceRecord]]:
        rows = self._query(
            f"SELECT {_COLUMNS}, n.name, n.kind FROM places p JOIN names n ON n.place_id = p.id "
            "WHERE p.admin1 = ? AND p.precision = 1 AND p.country_code3 = ? AND n.kind < 2",
            (admin1, country3), rows=None)
        records = [_record(r) for r in rows]
        return [variant_key(loose_key(fold_name(p.matched_name)), country3) for p in records], records

    def seat_of(self, region: dict) -> Candidate | None:
        """The most populous settlement of a region or district (fields as in
        ``Location.raw``): where an unknown place inside it is most likely to be."""
        code, country, name = region.get("feature_code"), region.get("country_code"), region.get("name")
        if not country or not name or code not in ("ADM1", "ADM2"):
            return None
        return self._seat_cached(code, country, name)

    def _seat(self, code: str, country: str, name: str) -> Candidate | None:
        column = "admin1" if code == "ADM1" else "admin2"
        rows = self._query(
            f"SELECT {_COLUMNS}, p.name, 0 FROM places p WHERE p.{column} = ? AND p.precision = 1 "
            "AND p.country_code3 = ? ORDER BY p.population DESC LIMIT 1", (name, country))
        if not rows:
            return None
        return rank_candidates([_record(rows[0])], query=fold_name(name), match="seat")[0]

    # -- geopy API --------------------------------------------------------------
    @staticmethod
    def _location(best: Candidate, ranked: tuple[Candidate, ...] | list[Candidate]) -> Location:
        parts = [best.name] + [x for x in (best.admin1, best.country) if x]
        address = ", ".join(dict.fromkeys(parts))
        raw: dict[str, Any] = best.as_dict()
        raw["candidates"] = [c.as_dict() for c in ranked]
        return Location(address, (best.latitude, best.longitude, 0.0), raw)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        context: GeoContext | None = None,
        limit: int = 10,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """Geocode a place name; ``timeout`` is accepted for geopy compatibility and ignored."""
        ranked = self._resolve_cached(str(query), context)[:limit]
        if not ranked:
            return None
        if exactly_one:
            return self._location(ranked[0], ranked)
        return [self._location(c, ranked) for c in ranked]

    def reverse(
        self, query: Any, *, exactly_one: bool = True, limit: int = 10, max_km: float = 50.0,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """The settlements nearest a point (within ``max_km``), nearest first."""
        point = Point(query)
        lat, lon = point.latitude, point.longitude
        cells = {cell_of(lat + dy, lon + dx) for dy in (-0.5, 0, 0.5) for dx in (-0.5, 0, 0.5)}
        marks = ",".join("?" * len(cells))
        rows = self._query(
            f"SELECT {_COLUMNS}, p.name, 0 FROM places p WHERE p.cell IN ({marks}) AND p.precision = 1",
            tuple(cells), rows=None,  # all of them: nine cells of villages pass 2,000 rows
        )
        near = sorted(
            ((distance_km(lat, lon, r[3], r[4]), _record(r)) for r in rows), key=lambda t: t[0]
        )
        near = [(km, p) for km, p in near if km <= max_km][:limit]
        if not near:
            return None
        ranked = []
        for i, (km, p) in enumerate(near):
            c = rank_candidates([p], query=fold_name(p.name), match="reverse")[0]
            reason = f"nearest settlement, {km:.1f} km" if i == 0 else f"{km:.1f} km away"
            ranked.append(c.__class__(**{**c.as_dict(), "reason": reason, "score": round(-km, 3)}))
        if exactly_one:
            return self._location(ranked[0], ranked)
        return [self._location(c, ranked) for c in ranked]
