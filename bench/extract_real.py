"""Event extraction scored on real news: the FA-KES dev half and the hand-annotated set.

    .venv/bin/python -m bench.extract_real                  # both parts
    .venv/bin/python -m bench.extract_real --part fakes     # (a) FA-KES only
    .venv/bin/python -m bench.extract_real --part gold      # (b) the annotated set only
    .venv/bin/python -m bench.extract_real --part gold --blind   # and record first runs
    .venv/bin/python -m bench.extract_real --part gold --only FA-KES:123 --rows

The development data lives outside the project (``../shared/eval-dev``) and is read only
here: when the folder is absent the benchmark says so and stops (exit 0).

Every article is written to a temporary ``.md`` file with its title, source, date and
url as YAML front matter and read back with :func:`geo.articles.read_article`, then run
through :func:`geo.ingest.extract_article` with :func:`geo.geocoding.open_geocoder` —
the code ``python -m geo extract FILE --json`` runs — in one process.

(a) **FA-KES** (labels = 1): an event within 100 km of the labelled governorate's capital
(``bench/syria_governorates.csv``); the most frequent event place (by location name and
point) within 100 km; events per article. Targets >= 95 %, >= 85 %, <= 3.

(b) **Gold** (``bench/gold/*.yaml``, format in ``bench/README.md``): a predicted event
*matches* a gold event when the event type is the same, the place agrees (within 25 km;
when either side is of precision 2, also the same first-level region; a gold event of
precision 3 needs the same country) and the date agrees (within 1 day; a gold week date
accepts 7 days either side, a month or year date any day in it; no date never matches a
dated gold). Matching is one to one (maximum bipartite matching), so two predicted events
for one incident leave one unmatched: precision = matched predicted / predicted, recall =
matched gold / gold. Targets: precision >= 0.85, recall >= 0.75.

Per-field agreement is measured on *aligned* pairs — a gold and a predicted event whose
evidence spans overlap (one to one, largest overlap first) — so the type can disagree:
type, sub-type, place, date, actor1, actor2 (either actor slot), fatalities.

``--blind`` keeps each article's first scored run in ``bench/gold/first_run.json``: an
article already there is never written again, so the file holds the scores of the
extractor before anyone saw its output on that article.

``--gold DIR`` scores another annotated folder (e.g. ``bench/gold_fresh``, a set kept blind
for a reworked extractor) and ``--record FILE`` names its first-run file (default
``DIR/first_run.json``), so two extractors can each keep a blind first run of one set::

    .venv/bin/python -m bench.extract_real --part gold --gold bench/gold_fresh --blind
    .venv/bin/python -m bench.extract_real --part gold --gold bench/gold_fresh \
        --record bench/gold_fresh/first_run_v1.json --blind
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import warnings

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval-dev"
FAKES = DEV / "fakes" / "FA-KES.csv"
DOCS = DEV / "geoparsing" / "documents.jsonl"
GOLD = ROOT / "bench" / "gold"
FIRST_RUN = GOLD / "first_run.json"
GOVERNORATES = ROOT / "bench" / "syria_governorates.csv"
OUT = ROOT / "bench" / "out"

GOV_KM = 100.0
PLACE_KM = 25.0
FIELDS = ("type", "sub_type", "place", "date", "actor1", "actor2", "fatalities")


# --------------------------------------------------------------------------- inputs

@dataclass(frozen=True)
class Doc:
    corpus: str
    doc_id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    label: str = ""          # FA-KES: the governorate label
    credible: int | None = None  # FA-KES: labels

    @property
    def key(self) -> str:
        return f"{self.corpus}:{self.doc_id}"


def _date_from_text(value: str, url: str = "") -> dt.date | None:
    value = (value or "").strip()
    if value:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
        if m:
            return dt.date(int(m[3]), int(m[1]), int(m[2]))
        try:
            from dateutil import parser

            warnings.simplefilter("ignore")  # "ET" and other zone names are not needed
            return parser.parse(value.replace(" ET,", ","), fuzzy=True).date()
        except (ValueError, OverflowError):
            pass
    m = re.search(r"/(20\d\d|19\d\d)[/-](\d\d)[/-](\d\d)/", url or "")
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def load_fakes() -> list[Doc]:
    out = []
    with FAKES.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.append(Doc("FA-KES", str(row["unit_id"]), row["article_title"] or "",
                           row["article_content"] or "", source=row["source"] or "",
                           published=_date_from_text(row["date"]),
                           label=(row["location"] or "").strip().lower(),
                           credible=int(row["labels"])))
    return out


def load_documents() -> list[Doc]:
    out = []
    with DOCS.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            out.append(Doc(d["corpus"], str(d["doc_id"]), d.get("title") or "", d["text"],
                           source=d["corpus"], url=d.get("url") or "",
                           published=_date_from_text(d.get("date") or "", d.get("url") or "")))
    return out


def load_governorates() -> dict[str, dict]:
    lines = [ln for ln in GOVERNORATES.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    table = {}
    for row in csv.DictReader(lines):
        entry = {"governorate": row["governorate"], "capital": row["capital"],
                 "lat": float(row["latitude"]), "lon": float(row["longitude"])}
        for name in [row["label"], *filter(None, row["aliases"].split("|"))]:
            table[name.strip().lower()] = entry
    return table


# --------------------------------------------------------------------------- extraction

@dataclass
class Run:
    events: list[dict]
    seconds: float
    error: str = ""


def write_article(path: Path, doc: Doc, published: dict[str, dt.date | None] | None = None
                  ) -> Path:
    """``doc`` as an article file: its title, source, date (``published`` overrides the
    corpus's) and url as YAML front matter, then the corpus text."""
    pub = (published or {}).get(doc.key, doc.published)
    meta = {"title": doc.title, "source": doc.source}
    if pub:
        meta["published"] = pub.isoformat()
    if doc.url:
        meta["url"] = doc.url
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + doc.text,
                    encoding="utf-8")
    return path


def run_extractor(docs: list[Doc], published: dict[str, dt.date | None] | None = None
                  ) -> dict[str, Run]:
    """Each doc through the CLI's own extract path, one process. Evidence offsets are
    shifted back into the corpus text (the reader strips front matter and blank lines)."""
    from geo.articles import read_article
    from geo.errors import ConflictMapError
    from geo.geocoding import open_geocoder
    from geo.ingest import extract_article

    geocoder = open_geocoder()
    runs: dict[str, Run] = {}
    with tempfile.TemporaryDirectory(prefix="extract_real_") as tmp:
        for i, doc in enumerate(docs):
            path = write_article(Path(tmp) / f"{i:05d}.md", doc, published)
            t0 = time.perf_counter()
            try:
                article = read_article(path)
                found = [e.to_dict() for e in extract_article(article, geocoder)]
            except ConflictMapError as exc:
                runs[doc.key] = Run([], time.perf_counter() - t0, str(exc))
                continue
            seconds = time.perf_counter() - t0
            shift = doc.text.find(article.text[:200]) if article.text else 0
            for e in found:
                if shift > 0 and e.get("evidence_start") is not None:
                    e["evidence_start"] += shift
                    e["evidence_end"] += shift
            runs[doc.key] = Run(found, seconds)
    return runs


# --------------------------------------------------------------------------- helpers

def km(lat1, lon1, lat2, lon2) -> float:
    from geo.gazetteer.rank import distance_km

    return distance_km(lat1, lon1, lat2, lon2)


def fold(s) -> str:
    from geo.gazetteer.fold import fold_name, loose_key

    s = re.sub(r"\b(governorate|province|oblast|state|region|district|muhafazat)\b", " ",
               str(s or ""), flags=re.I)
    return loose_key(fold_name(s))


def _as_date(v) -> dt.date | None:
    if v in (None, ""):
        return None
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


def _choices(v) -> list[str]:
    if v in (None, ""):
        return []
    return [str(x) for x in v] if isinstance(v, list) else [str(v)]


def _actor_key(name: str) -> str:
    # "Hassan Rouhani (Iran)" and "Hassan Rouhani" are the same actor.
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"\([^)]*\)", "", name).lower()).strip()


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%" if den else "   - "


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def table(rows: list[list], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).rjust(w) if i else str(c).ljust(w)  # noqa: E731
                               for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


# --------------------------------------------------------------------------- (a) FA-KES

def score_fakes(docs: list[Doc], runs: dict[str, Run], govs: dict[str, dict]) -> dict:
    rows, unknown = [], Counter()
    for doc in docs:
        gov = govs.get(doc.label)
        if gov is None:
            unknown[doc.label] += 1
            continue
        events = runs[doc.key].events
        placed = [e for e in events if e.get("latitude") is not None]
        hit = any(km(e["latitude"], e["longitude"], gov["lat"], gov["lon"]) <= GOV_KM
                  for e in placed)
        counts = Counter((e.get("location") or "", round(e["latitude"], 3),
                          round(e["longitude"], 3)) for e in placed)
        top = counts.most_common(1)[0][0] if counts else None
        top_hit = bool(top) and km(top[1], top[2], gov["lat"], gov["lon"]) <= GOV_KM
        rows.append({"key": doc.key, "label": doc.label, "events": len(events),
                     "placed": len(placed), "governorate_hit": hit,
                     "top_place": top[0] if top else None, "top_place_hit": top_hit})
    n = len(rows)
    by_label: dict[str, list[dict]] = {}
    for r in rows:
        by_label.setdefault(r["label"], []).append(r)
    return {
        "articles": n,
        "unknown_labels": dict(unknown),
        "governorate_hit": _ratio(sum(r["governorate_hit"] for r in rows), n),
        "top_place_hit": _ratio(sum(r["top_place_hit"] for r in rows), n),
        "events_per_article": round(sum(r["events"] for r in rows) / n, 2) if n else None,
        "no_event": _ratio(sum(r["events"] == 0 for r in rows), n),
        "by_label": {k: {"articles": len(v),
                         "governorate_hit": _ratio(sum(r["governorate_hit"] for r in v), len(v)),
                         "top_place_hit": _ratio(sum(r["top_place_hit"] for r in v), len(v)),
                         "events_per_article": round(sum(r["events"] for r in v) / len(v), 2)}
                     for k, v in sorted(by_label.items(), key=lambda kv: -len(kv[1]))},
        "rows": rows,
    }


def print_fakes(res: dict, seconds: float, articles: int, labels: int = 1) -> None:
    print(f"\n(a) FA-KES dev half, labels = {labels}: {res['articles']} articles "
          f"(unknown labels: {res['unknown_labels'] or 'none'})")
    print(table([[k, v["articles"], _fmt(v["governorate_hit"]), _fmt(v["top_place_hit"]),
                  v["events_per_article"]] for k, v in res["by_label"].items()],
                ["label", "articles", "gov. hit", "top place", "ev/art"]))
    print(table([
        ["event within 100 km of the governorate capital", _fmt(res["governorate_hit"]), ">= 95%"],
        ["most frequent event place within 100 km", _fmt(res["top_place_hit"]), ">= 85%"],
        ["events per article", res["events_per_article"], "<= 3"],
        ["articles with no event", _fmt(res["no_event"]), ""],
        ["articles per CPU second (one core, incl. loading)",
         f"{articles / seconds:.1f}" if seconds else "-", ">= 50"],
    ], ["figure", "value", "target"]))


def machine() -> str:
    import os

    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def _fmt(v) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


# --------------------------------------------------------------------------- (b) gold

@dataclass
class GoldArticle:
    key: str
    path: Path
    published: dt.date | None
    events: list[dict]
    sha: str
    data: dict = field(default_factory=dict)


def load_gold(only: set[str] | None = None, folder: Path | None = None) -> list[GoldArticle]:
    out = []
    for path in sorted((folder or GOLD).glob("*.yaml")):
        raw = path.read_bytes()
        data = yaml.safe_load(raw) or {}
        key = f"{data['corpus']}:{data['doc_id']}"
        if only and key not in only and path.stem not in only:
            continue
        events = data.get("events") or []
        for i, e in enumerate(events):
            missing = [k for k in ("event_type", "latitude", "longitude", "geo_precision",
                                   "event_date", "evidence") if e.get(k) in (None, "")]
            if missing:
                raise SystemExit(f"{path}: event {i + 1} lacks {', '.join(missing)}")
        out.append(GoldArticle(key, path, _as_date(data.get("published")), events,
                               hashlib.sha256(raw).hexdigest()[:12], data))
    return out


def place_agrees(g: dict, p: dict) -> bool:
    if p.get("latitude") is None:
        return False
    prec = int(g.get("geo_precision") or 1)
    cc = (g.get("country_code") or "").upper()
    if prec >= 3:
        return bool(cc) and (p.get("country_code") or "").upper() == cc
    if km(g["latitude"], g["longitude"], p["latitude"], p["longitude"]) <= PLACE_KM:
        return True
    # A region-level event on either side: the same first-level region is enough
    # (a village the gazetteer lacks, put in its governorate, is right at precision 2).
    if 2 in (prec, p.get("geo_precision")) and p.get("admin1"):
        same_country = not cc or (p.get("country_code") or "").upper() == cc
        return same_country and fold(p["admin1"]) in {fold(a) for a in _choices(g.get("admin1"))}
    return False


def date_agrees(g: dict, p: dict) -> bool:
    gd, pd_ = _as_date(g.get("event_date")), _as_date(p.get("event_date"))
    if gd is None or pd_ is None:
        return gd is None and pd_ is None
    prec = g.get("date_precision") or "day"
    if prec == "week":
        return abs((pd_ - gd).days) <= 7
    if prec == "month":
        return (pd_.year, pd_.month) == (gd.year, gd.month)
    if prec == "year":
        return pd_.year == gd.year
    return abs((pd_ - gd).days) <= 1


def type_agrees(g: dict, p: dict) -> bool:
    return p.get("event_type") in _choices(g.get("event_type"))


def sub_type_agrees(g: dict, p: dict) -> bool:
    return p.get("sub_event_type") in _choices(g.get("sub_event_type"))


def actor_agrees(gold_names, p: dict, slot: str) -> bool | None:
    names = {_actor_key(n) for n in _choices(gold_names)}
    if not names:
        return None  # no actor coded: not scored
    pred = {_actor_key(p.get("actor1") or ""), _actor_key(p.get("actor2") or "")} - {""}
    return bool(names & pred)


def fatalities_agree(g: dict, p: dict) -> bool:
    # 0 and "none given" agree: both say the report names no death. A gold list
    # holds the tolls a careful reading accepts (e.g. the victims alone, or all dead).
    golds = g.get("fatalities")
    golds = golds if isinstance(golds, list) else [golds]
    return (p.get("fatalities") or 0) in {x or 0 for x in golds}


def event_matches(g: dict, p: dict) -> bool:
    return type_agrees(g, p) and place_agrees(g, p) and date_agrees(g, p)


def max_matching(n_gold: int, n_pred: int, ok) -> dict[int, int]:
    """Maximum bipartite matching gold index -> predicted index (augmenting paths)."""
    adj = [[j for j in range(n_pred) if ok(i, j)] for i in range(n_gold)]
    owner: dict[int, int] = {}

    def augment(i, seen) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(n_gold):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _spans(g: dict) -> list[tuple[int, int]]:
    ev = g.get("evidence") or []
    if ev and isinstance(ev[0], int):
        ev = [ev]
    return [(int(a), int(b)) for a, b in ev]


def align(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """Gold index -> predicted index by evidence overlap, largest overlap first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if p.get("evidence_start") is None:
                continue
            ps, pe = p["evidence_start"], p["evidence_end"]
            overlap = sum(max(0, min(b, pe) - max(a, ps)) for a, b in _spans(g))
            if overlap > 0:
                pairs.append((overlap, i, j))
    out, used = {}, set()
    for _, i, j in sorted(pairs, reverse=True):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def score_article(ga: GoldArticle, pred: list[dict]) -> dict:
    gold = ga.events
    matched = max_matching(len(gold), len(pred), lambda i, j: event_matches(gold[i], pred[j]))
    aligned = align(gold, pred)
    fields = {f: [0, 0] for f in FIELDS}  # agree, scored
    for i, j in aligned.items():
        g, p = gold[i], pred[j]
        checks = {"type": type_agrees(g, p), "sub_type": sub_type_agrees(g, p),
                  "place": place_agrees(g, p), "date": date_agrees(g, p),
                  "actor1": actor_agrees(g.get("actor1"), p, "actor1"),
                  "actor2": actor_agrees(g.get("actor2"), p, "actor2"),
                  "fatalities": fatalities_agree(g, p)}
        for f, v in checks.items():
            if v is None:
                continue
            fields[f][1] += 1
            fields[f][0] += int(v)
    return {"gold": len(gold), "predicted": len(pred), "matched": len(matched),
            "aligned": len(aligned), "fields": fields,
            "missed": [i for i in range(len(gold)) if i not in matched]}


def total(rows: list[dict]) -> dict:
    g = sum(r["gold"] for r in rows)
    p = sum(r["predicted"] for r in rows)
    m = sum(r["matched"] for r in rows)
    prec, rec = _ratio(m, p), _ratio(m, g)
    f1 = round(2 * prec * rec / (prec + rec), 3) if prec and rec else 0.0
    fields = {f: [sum(r["fields"][f][0] for r in rows), sum(r["fields"][f][1] for r in rows)]
              for f in FIELDS}
    return {"articles": len(rows), "gold": g, "predicted": p, "matched": m,
            "precision": prec, "recall": rec, "f1": f1,
            "aligned": sum(r["aligned"] for r in rows),
            "fields": {f: {"agree": a, "scored": n, "share": _ratio(a, n)}
                       for f, (a, n) in fields.items()}}


def print_gold(title: str, tot: dict, rows: list[dict] | None = None) -> None:
    print(f"\n{title}: {tot['articles']} articles, {tot['gold']} gold events, "
          f"{tot['predicted']} predicted, {tot['matched']} matched")
    print(table([["precision", _fmt(tot["precision"]), ">= 85%"],
                 ["recall", _fmt(tot["recall"]), ">= 75%"],
                 ["F1", _fmt(tot["f1"]), ""]], ["figure", "value", "target"]))
    print(f"per field, on {tot['aligned']} gold/predicted pairs aligned by evidence overlap:")
    print(table([[f, v["agree"], v["scored"], _fmt(v["share"])] for f, v in tot["fields"].items()],
                ["field", "agree", "scored", "share"]))
    if rows:
        print(table([[r["key"], r["gold"], r["predicted"], r["matched"],
                      _fmt(_ratio(r["matched"], r["predicted"])),
                      _fmt(_ratio(r["matched"], r["gold"]))] for r in rows],
                    ["article", "gold", "pred", "match", "prec", "recall"]))


def _line(e: dict) -> str:
    kind = "/".join(_choices(e.get("event_type")))
    sub = "/".join(_choices(e.get("sub_event_type")))
    where = f"{e.get('location') or '?'} ({e.get('latitude')}, {e.get('longitude')}) p{e.get('geo_precision')}"
    actors = " / ".join("|".join(_choices(e.get(k))) or "-" for k in ("actor1", "actor2"))
    return (f"{e.get('event_date')} {kind}: {sub} | {where} | {actors} | "
            f"fatalities {e.get('fatalities')}")


def show_article(ga: GoldArticle, pred: list[dict]) -> None:
    """Gold events beside their matches, then the predictions nothing matched."""
    gold = ga.events
    matched = max_matching(len(gold), len(pred), lambda i, j: event_matches(gold[i], pred[j]))
    aligned = align(gold, pred)
    print(f"\n== {ga.key}: {len(gold)} gold, {len(pred)} predicted, {len(matched)} matched")
    for i, g in enumerate(gold):
        print(f"  gold  {_line(g)}")
        if i in matched:
            print(f"   ok   {_line(pred[matched[i]])}")
        elif i in aligned:
            print(f"   near {_line(pred[aligned[i]])}")
        else:
            print("   MISSED")
    used = set(matched.values())
    for j, p in enumerate(pred):
        if j not in used:
            print(f"  extra {_line(p)} [{p.get('evidence_start')}:{p.get('evidence_end')}]")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def load_first_run(path: Path | None = None) -> dict:
    path = path or FIRST_RUN
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"note": "first scored run of each annotated article; never overwritten",
            "articles": {}}


def record_first_run(rows: list[dict], golds: dict[str, GoldArticle],
                     path: Path | None = None, note: str = "") -> list[str]:
    path = path or FIRST_RUN
    record = load_first_run(path)
    if note and not record.get("extractor"):
        record["extractor"] = note
    added = []
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    commit = _commit()
    for r in rows:
        if r["key"] in record["articles"]:
            continue
        record["articles"][r["key"]] = {
            "scored_at": today, "commit": commit, "gold_sha": golds[r["key"]].sha,
            **{k: r[k] for k in ("gold", "predicted", "matched", "aligned", "fields")}}
        added.append(r["key"])
    if added:
        path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return added


# --------------------------------------------------------------------------- main

def gold_paths(gold: Path | None, record: Path | None) -> tuple[Path, Path]:
    """The gold folder and its first-run file: bench/gold and its first_run.json by
    default; another folder keeps its own first_run.json unless --record names one."""
    folder = gold or GOLD
    return folder, record or (folder / "first_run.json" if gold else FIRST_RUN)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("fakes", "gold", "both"), default="both")
    ap.add_argument("--limit", type=int, default=0, help="FA-KES: first N articles only")
    ap.add_argument("--labels", type=int, default=1, help="FA-KES credibility label scored")
    ap.add_argument("--only", nargs="*", help="gold: these keys (CORPUS:ID) or file stems")
    ap.add_argument("--gold", type=Path, default=None,
                    help="folder of gold YAML files (default bench/gold)")
    ap.add_argument("--record", type=Path, default=None,
                    help="first-run file (default first_run.json in the gold folder)")
    ap.add_argument("--record-note", default="",
                    help="with --blind: which extractor ran, kept in a new first-run file")
    ap.add_argument("--blind", action="store_true",
                    help="record the scores of articles not yet in the first-run file")
    ap.add_argument("--rows", action="store_true", help="print per-article rows")
    ap.add_argument("--show", action="store_true",
                    help="gold: print each gold event beside its match and the unmatched "
                         "predictions (only for articles whose first run is recorded)")
    args = ap.parse_args(argv)

    if not DEV.is_dir():
        print(f"{DEV} is absent: the real-text benchmark needs the development data; stopping.")
        return 0
    sys.path.insert(0, str(ROOT))
    gold_dir, record_path = gold_paths(args.gold, args.record)
    result: dict = {"commit": _commit()}

    if args.part in ("fakes", "both"):
        govs = load_governorates()
        docs = [d for d in load_fakes() if d.credible == args.labels]
        if args.limit:
            docs = docs[:args.limit]
        t0, c0 = time.perf_counter(), time.process_time()
        runs = run_extractor(docs)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        res = score_fakes(docs, runs, govs)
        res["seconds"] = round(seconds, 2)
        res["cpu_seconds"] = round(cpu, 2)
        res["articles_per_cpu_second"] = round(len(docs) / cpu, 1) if cpu else None
        res["errors"] = {k: r.error for k, r in runs.items() if r.error}
        print_fakes(res, cpu, len(docs), args.labels)
        print(f"({len(docs)} articles: {cpu:.1f} s CPU, {seconds:.1f} s wall; {machine()})")
        result["fakes"] = res

    if args.part in ("gold", "both"):
        golds = {g.key: g for g in load_gold(set(args.only) if args.only else None, gold_dir)}
        if not golds:
            print(f"\n(b) no gold articles in {gold_dir}/")
        else:
            wanted = set(golds)
            docs = list({d.key: d for d in reversed(load_fakes() + load_documents())
                         if d.key in wanted and d.credible != 0}.values())
            # (three FA-KES unit ids occur twice, once per label: the credible copy is kept)
            absent = wanted - {d.key for d in docs}
            if absent:
                raise SystemExit(f"gold articles not in the dev data: {sorted(absent)}")
            t0, c0 = time.perf_counter(), time.process_time()
            runs = run_extractor(docs, {k: g.published for k, g in golds.items()})
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            rows = []
            for d in docs:
                r = score_article(golds[d.key], runs[d.key].events)
                rows.append({"key": d.key, **r})
            rows.sort(key=lambda r: r["key"])
            tot = total(rows)
            print_gold("(b) annotated real articles, this run", tot, rows if args.rows else None)
            print(f"{len(docs)} articles in {cpu:.1f} s CPU ({len(docs) / cpu:.1f} articles per "
                  f"CPU second, incl. loading), {seconds:.1f} s wall")
            if args.blind:
                added = record_first_run(rows, golds, record_path, args.record_note)
                print(f"first runs recorded for {len(added)} article(s) "
                      f"({len(rows) - len(added)} already there, kept)")
            first = load_first_run(record_path)["articles"]
            first_rows = [{"key": k, **v} for k, v in sorted(first.items())]
            if first_rows:
                ftot = total(first_rows)
                print_gold(f"(b) BLIND FIRST RUN ({_shown(record_path)})", ftot)
                by_corpus = {c: total([r for r in first_rows if r["key"].split(":")[0] == c])
                             for c in sorted({r["key"].split(":")[0] for r in first_rows})}
                print(table([[c, t["articles"], t["gold"], t["predicted"], t["matched"],
                              _fmt(t["precision"]), _fmt(t["recall"])]
                             for c, t in by_corpus.items()],
                            ["corpus", "articles", "gold", "pred", "match", "prec", "recall"]))
                result["gold_first_run"] = {**ftot, "by_corpus": by_corpus}
            if args.show:
                recorded = load_first_run(record_path)["articles"]
                for d in docs:
                    if d.key not in recorded:
                        print(f"\n{d.key}: first run not recorded yet (run with --blind "
                              "first); its output stays hidden")
                        continue
                    show_article(golds[d.key], runs[d.key].events)
            result["gold"] = {"total": tot, "rows": rows, "seconds": round(seconds, 2)}

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "extract_real.json").write_text(json.dumps(result, indent=1, default=str) + "\n",
                                           encoding="utf-8")
    print(f"\nwritten: {(OUT / 'extract_real.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
