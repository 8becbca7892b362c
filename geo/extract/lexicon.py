"""The extractor's data: actor list and trigger words, loaded lazily from ``data/``.

Both files are for analysts to edit (``data/actors.csv``, ``data/triggers.csv``);
nothing here is loaded at import. :func:`default_lexicon` reads them once per
process; :func:`load_lexicon` reads any pair of files (tests, alternative lists).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError
from geo.taxonomy import is_valid

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
ACTORS_FILE = DATA_DIR / "actors.csv"
TRIGGERS_FILE = DATA_DIR / "triggers.csv"

# Kinds of actor rows whose aliases are matched case-insensitively (common nouns).
ANY_CASE_KINDS = ("template", "force", "role", "civilian", "protester", "unidentified")


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    code: str  # ISO 3166 alpha-3
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One surface form of an actor. ``actor`` may hold ``{country}``/``{person}``."""

    kind: str  # country | demonym | person | group | force | role | civilian | ...
    actor: str
    country: str  # alpha-3, or "" when it depends on the event (civilians)
    alias: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: str
    event_type: str
    sub_event_type: str
    weight: int
    regex: re.Pattern


_TRIGGER_MEMO = 20_000  # matched trigger texts remembered (their trigger); bounded


@dataclass(frozen=True)
class Lexicon:
    countries: tuple[Country, ...]
    entries: tuple[ActorEntry, ...]
    triggers: tuple[Trigger, ...]

    @functools.cached_property
    def country_by_code(self) -> dict[str, Country]:
        return {c.code: c for c in self.countries}

    @functools.cached_property
    def country_by_alias(self) -> dict[str, Country]:
        out = {}
        for c in self.countries:
            for a in (c.name, *c.aliases):
                out[a.lower()] = c
        return out

    @functools.cached_property
    def people(self) -> dict[str, ActorEntry]:
        """Known people by the last word of their name (surname)."""
        out: dict[str, ActorEntry] = {}
        for e in self.entries:
            if e.kind == "person":
                out.setdefault(e.alias.split()[-1], e)
        return out

    @functools.cached_property
    def automaton(self):
        """Aho-Corasick over every alias, lower-cased: one pass over the text finds
        them all (a regex alternation of thousands of aliases is ~50x slower)."""
        import ahocorasick

        keys: dict[str, list[tuple[str, bool]]] = {}
        for e in self.entries:
            keys.setdefault(e.alias.lower(), []).append((e.alias, e.kind in ANY_CASE_KINDS))
        auto = ahocorasick.Automaton()
        for key, forms in keys.items():
            auto.add_word(key, (len(key), tuple(dict.fromkeys(forms))))
        auto.make_automaton()
        return auto

    def iter_aliases(self, text: str):
        """(start, end, entry) of every alias in ``text`` at word boundaries; exact case
        for names ("US" is not "us"), any case for common nouns ("Syrian Army")."""
        lower = lower_same_length(text)
        n = len(text)
        for end_index, (length, forms) in self.automaton.iter(lower):
            start, end = end_index - length + 1, end_index + 1
            if (start > 0 and (lower[start - 1].isalnum() or lower[start - 1] in "-'")) or \
                    (end < n and (lower[end].isalnum() or lower[end] == "-")):
                continue
            surface = text[start:end]
            for alias, anycase in forms:
                if anycase or surface == alias:
                    yield start, end, self.by_alias[alias.lower() if anycase else alias]
                    break

    @functools.cached_property
    def by_alias(self) -> dict[str, ActorEntry]:
        out: dict[str, ActorEntry] = {}
        for e in self.entries:
            key = e.alias if e.kind not in ANY_CASE_KINDS else e.alias.lower()
            out.setdefault(key, e)
        return out

    @functools.cached_property
    def trigger_regex(self) -> re.Pattern:
        """One alternation over every trigger; which one matched is found afterwards."""
        body = "|".join(f"(?:{t.pattern.lower()})" for t in self.triggers)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")  # run on lower-cased text

    @functools.cached_property
    def _trigger_memo(self) -> dict[str, Trigger | None]:
        return {}

    def trigger_for(self, text: str) -> Trigger | None:
        """The heaviest trigger whose pattern matches exactly ``text``."""
        memo = self._trigger_memo
        if text in memo:
            return memo[text]  # a matched text recurs in article after article
        best = None
        for t in self.triggers:
            if t.regex.fullmatch(text) and (best is None or t.weight > best.weight):
                best = t
        if len(memo) >= _TRIGGER_MEMO:
            memo.clear()
        memo[text] = best
        return best


def lower_same_length(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def data_rows(path: Path) -> list[dict]:
    """The rows of one of the project's commented CSV data files (``#`` lines and blank
    lines skipped, the first remaining line the header), values stripped, each with its
    file line number in ``_line``; a named error when the file cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader([line for _, line in lines])
    rows = []
    for (n, _), row in zip(lines[1:], reader):
        row["_line"] = n
        rows.append({k: (v or "").strip() if isinstance(v, str) else v for k, v in row.items()})
    return rows


def _split(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split("|") if a.strip())


def load_actors(path: Path) -> tuple[tuple[Country, ...], tuple[ActorEntry, ...]]:
    rows = data_rows(path)
    countries = tuple(
        Country(r["actor"], r["country"], _split(r["aliases"]), _split(r.get("adjectives", "")))
        for r in rows if r["kind"] == "country"
    )
    entries: list[ActorEntry] = []
    for c in countries:
        entries += [ActorEntry("country", c.name, c.code, a) for a in (c.name, *c.aliases)]
        entries += [ActorEntry("demonym", c.name, c.code, a) for a in c.adjectives]
    for r in rows:
        kind, actor, code, aliases = r["kind"], r["actor"], r["country"], _split(r["aliases"])
        if kind == "country":
            continue
        if kind not in ("person", "group", "template", "role", "civilian", "protester",
                        "unidentified", "media"):
            raise InputError(path, f"unknown actor kind {kind!r}", line=r["_line"])
        if kind in ("template", "role"):
            entries += _expand(kind, actor, aliases, r.get("role", ""), countries)
        else:
            entries += [ActorEntry(kind, actor, code, a, r.get("role", "")) for a in aliases]
    return countries, tuple(entries)


def _expand(kind, actor, aliases, role, countries) -> list[ActorEntry]:
    """Template rows × every country and adjective: "{adj} army" → "Syrian army"."""
    out = []
    for c in countries:
        names = (c.name, *c.aliases)
        for a in aliases:
            forms = set()
            if "{adj}" in a:
                forms |= {a.replace("{adj}", adj) for adj in c.adjectives}
            elif "{name}" in a:
                forms |= {a.replace("{name}", n) for n in names}
            for f in forms:
                out.append(ActorEntry("force" if kind == "template" else "role",
                                      actor.replace("{country}", c.name), c.code, f, role))
    return out


# \S, \W, \D, \B: the trigger alternation is lower-cased (Lexicon.trigger_regex), which
# would turn them into \s, \w, \d, \b
_UPPER_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[SWDB]")


def load_triggers(path: Path) -> tuple[Trigger, ...]:
    out = []
    for r in data_rows(path):
        if not is_valid(r["event_type"], r["sub_event_type"]):
            raise InputError(path, f"{r['event_type']} / {r['sub_event_type']} is not in the "
                             "taxonomy", line=r["_line"])
        if _UPPER_ESCAPE.search(r["pattern"]):  # the patterns are matched lower-cased
            raise InputError(path, f"pattern {r['pattern']!r} has an upper-case escape "
                             "(\\S, \\W, \\D, \\B) that matching lower-cases; write [^\\s] "
                             "and the like", line=r["_line"])
        try:
            regex = re.compile(r["pattern"], re.I)
        except re.error as exc:
            raise InputError(path, f"bad pattern {r['pattern']!r}: {exc}",
                             line=r["_line"]) from None
        out.append(Trigger(r["pattern"], r["event_type"], r["sub_event_type"],
                           int(r["weight"] or 5), regex))
    return tuple(out)


def load_lexicon(actors: Path = ACTORS_FILE, triggers: Path = TRIGGERS_FILE) -> Lexicon:
    countries, entries = load_actors(Path(actors))
    return Lexicon(countries, entries, load_triggers(Path(triggers)))


@functools.cache
def default_lexicon() -> Lexicon:
    """The lexicon from ``data/``, read once per process (on first use, not at import)."""
    return load_lexicon()
