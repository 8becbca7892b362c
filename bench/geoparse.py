"""Geoparsing benchmark on the real news of ``../shared/eval-dev/geoparsing``.

    .venv/bin/python -m bench.geoparse                 # both modes, every corpus
    .venv/bin/python -m bench.geoparse --mode gold     # gold toponyms given only
    .venv/bin/python -m bench.geoparse --mode e2e      # end to end only
    .venv/bin/python -m bench.geoparse --corpus LGL --limit 50

The development data lives outside the project and is read only here: when the folder
is absent the benchmark says so and stops (exit 0; nothing else in the project reads it).

Scored the way the held-back halves are (``../shared/eval-dev/README.md``):

1. **Gold toponyms given** — each gold phrase with its context (the title plus 300
   characters either side of the mention) through ``python -m geo geocode --batch
   FILE.csv --json`` in one process. Rows without coordinates and GeoWebNews mentions
   marked ``|nonLocational`` are left out; an unanswered name counts as an error (at the
   maximum distance, 20,039 km). Figures: acc@161, median and mean error (km), AUC of the
   log error curve (Gritta et al. 2018: area under ln(1+error) over the sorted errors,
   divided by ln(1+20039); 0 is perfect, lower is better), share answered, and how well
   ``confidence`` predicts a wrong answer (AUROC for "more than 161 km off", answered
   names only; 0.5 is chance, 1 perfect).
2. **End to end** — the article text alone through ``python -m geo places --batch
   FILE.jsonl --json``; a gold toponym (with offsets, locational) is found when a returned
   placed mention overlaps its span and right when that mention is also within 161 km;
   precision is the share of returned placed mentions that overlap any gold toponym span
   (non-locational gold spans included, since a tagger that marks them is not wrong about
   the span). Mentions marked ``role: "non-locative"`` are not counted as returned.

Both modes run the real command line in a subprocess, so what is measured is what an
outside check sees. Results also go to ``bench/out/geoparse.json``; ``--save-answers``
keeps every answer there for error analysis (``bench/out/`` is git-ignored).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval-dev" / "geoparsing"
OUT = ROOT / "bench" / "out"
MAX_KM = 20039.0  # half the Earth's circumference: the error of an unanswered name
CORPORA = ("LGL", "TR-News", "GeoWebNews", "GeoVirus")
CONTEXT_CHARS = 300


@dataclass(frozen=True)
class GoldToponym:
    corpus: str
    doc_id: str
    start: int | None
    end: int | None
    phrase: str
    latitude: float | None
    longitude: float | None
    locational: bool

    @property
    def scorable(self) -> bool:
        return self.locational and self.latitude is not None and self.longitude is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def load_documents(folder: Path = DEV) -> dict[tuple[str, str], dict]:
    docs = {}
    with open(folder / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            docs[(d["corpus"], str(d["doc_id"]))] = d
    return docs


def load_toponyms(folder: Path = DEV) -> list[GoldToponym]:
    rows = []
    with open(folder / "toponyms.tsv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows.append(GoldToponym(
                corpus=r["corpus"], doc_id=str(r["doc_id"]),
                start=_int(r["start"]), end=_int(r["end"]), phrase=r["phrase"],
                latitude=_float(r["lat"]), longitude=_float(r["lon"]),
                locational="nonLocational" not in (r.get("toponym_type") or "")))
    return rows


def context_of(doc: dict, gold: GoldToponym) -> str:
    """The title plus 300 characters either side of the mention (the scoring rule)."""
    text = doc.get("text") or ""
    title = doc.get("title") or ""
    if gold.start is None or gold.end is None:
        i = text.find(gold.phrase)
        start, end = (i, i + len(gold.phrase)) if i >= 0 else (0, 0)
    else:
        start, end = gold.start, gold.end
    return f"{title}\n{text[max(0, start - CONTEXT_CHARS):end + CONTEXT_CHARS]}"


def auroc_wrong(confidences: list[float], wrong: list[bool]) -> float | None:
    """AUROC of low confidence for "more than 161 km off": the chance that a wrong answer
    has a lower confidence than a right one (ties count half). None without both kinds."""
    pos = [c for c, w in zip(confidences, wrong) if w]
    neg = sorted(c for c, w in zip(confidences, wrong) if not w)
    if not pos or not neg:
        return None
    import bisect
    total = 0.0
    for c in pos:
        lo, hi = bisect.bisect_left(neg, c), bisect.bisect_right(neg, c)
        total += (len(neg) - hi) + 0.5 * (hi - lo)
    return total / (len(pos) * len(neg))


def error_figures(errors: list[float], answered: int) -> dict:
    n = len(errors)
    if not n:
        return {"n": 0}
    ordered = sorted(errors)
    logs = [math.log1p(e) for e in ordered]
    # trapezoid rule over the sorted, log-scaled error curve, normalised to [0, 1]
    area = sum((logs[i] + logs[i + 1]) / 2 for i in range(n - 1)) if n > 1 else logs[0]
    auc = area / (max(n - 1, 1) * math.log1p(MAX_KM))
    return {
        "n": n,
        "acc161": sum(e <= 161 for e in errors) / n,
        "median_km": statistics.median(errors),
        "mean_km": statistics.fmean(errors),
        "auc": auc,
        "answered": answered / n,
    }


def _run_cli(args: list[str]) -> tuple[list, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"python -m geo {' '.join(args)} failed ({proc.returncode}):\n"
                         f"{proc.stderr[-3000:]}")
    return json.loads(proc.stdout), seconds


def gold_mode(docs, toponyms, *, save: bool) -> tuple[dict, list]:
    rows = [t for t in toponyms if t.scorable and (t.corpus, t.doc_id) in docs]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "names.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["name", "context"])
            for t in rows:
                w.writerow([t.phrase, context_of(docs[(t.corpus, t.doc_id)], t)])
        answers, seconds = _run_cli(["geocode", "--batch", str(path), "--json"])
    if len(answers) != len(rows):
        raise SystemExit(f"geocode --batch gave {len(answers)} answers for {len(rows)} names")
    per = defaultdict(lambda: ([], [0]))
    conf = defaultdict(list)  # (confidence, wrong) of answered names
    kept = []
    for t, a in zip(rows, answers):
        lat, lon = a.get("latitude"), a.get("longitude")
        found = a.get("found", lat is not None) and lat is not None and lon is not None
        err = haversine_km(t.latitude, t.longitude, lat, lon) if found else MAX_KM
        for key in (t.corpus, "ALL"):
            per[key][0].append(err)
            per[key][1][0] += bool(found)
            if found:
                conf[key].append((float(a.get("confidence") or 0.0), err > 161))
        if save:
            kept.append({"corpus": t.corpus, "doc_id": t.doc_id, "phrase": t.phrase,
                         "gold": [t.latitude, t.longitude], "error_km": round(err, 1),
                         "answer": a})
    figures = {k: error_figures(v[0], v[1][0]) for k, v in per.items()}
    for k, pairs in conf.items():
        figures[k]["auroc"] = auroc_wrong([c for c, _ in pairs], [w for _, w in pairs])
    figures["_seconds"] = seconds
    figures["_names_per_second"] = len(rows) / seconds if seconds else None
    return figures, kept


def batch_keys(docs, toponyms) -> list[tuple[str, str]]:
    """The (corpus, doc_id) of every document with gold toponyms, sorted."""
    return sorted({(t.corpus, t.doc_id) for t in toponyms if (t.corpus, t.doc_id) in docs})


def write_batch(path: Path, docs, keys) -> Path:
    """Those documents as a ``places --batch`` file (one JSON object a line: doc_id
    ``CORPUS:ID``, text, title, published), in the order of ``keys``."""
    with open(path, "w", encoding="utf-8") as fh:
        for k in keys:
            d = docs[k]
            fh.write(json.dumps({"doc_id": f"{k[0]}:{k[1]}", "text": d.get("text") or "",
                                 "title": d.get("title") or "",
                                 "published": (d.get("date") or "")[:10]},
                                ensure_ascii=False) + "\n")
    return path


def e2e_mode(docs, toponyms, *, save: bool) -> tuple[dict, list]:
    keys = batch_keys(docs, toponyms)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_batch(Path(tmp) / "docs.jsonl", docs, keys)
        answers, seconds = _run_cli(["places", "--batch", str(path), "--json"])
    by_doc = {a["doc_id"]: a.get("mentions") or [] for a in answers}
    gold_by_doc = defaultdict(list)
    for t in toponyms:
        if t.start is not None and t.end is not None:
            gold_by_doc[(t.corpus, t.doc_id)].append(t)
    stats = defaultdict(lambda: defaultdict(int))
    kept = []
    for k in keys:
        placed = [m for m in by_doc.get(f"{k[0]}:{k[1]}", [])
                  if m.get("role") != "non-locative" and m.get("latitude") is not None]
        golds = gold_by_doc[k]
        if save:  # returned mentions that overlap no gold span (for error analysis)
            kept.extend({"corpus": k[0], "doc_id": k[1], "false_positive": True, "mention": m}
                        for m in placed
                        if not any(m["start"] < g.end and g.start < m["end"] for g in golds))
        for key in (k[0], "ALL"):
            s = stats[key]
            s["returned"] += len(placed)
            s["returned_overlapping"] += sum(
                any(m["start"] < g.end and g.start < m["end"] for g in golds) for m in placed)
        for g in golds:
            if not g.scorable:
                continue
            hits = [m for m in placed if m["start"] < g.end and g.start < m["end"]]
            right = any(haversine_km(g.latitude, g.longitude, m["latitude"], m["longitude"])
                        <= 161 for m in hits)
            for key in (k[0], "ALL"):
                stats[key]["gold"] += 1
                stats[key]["found"] += bool(hits)
                stats[key]["right"] += right
            if save and not right:
                kept.append({"corpus": k[0], "doc_id": k[1], "phrase": g.phrase,
                             "span": [g.start, g.end], "found": bool(hits),
                             "mentions": hits})
    figures = {}
    for key, s in stats.items():
        figures[key] = {
            "gold": s["gold"], "returned": s["returned"],
            "precision": s["returned_overlapping"] / s["returned"] if s["returned"] else 0.0,
            "recall": s["found"] / s["gold"] if s["gold"] else 0.0,
            "acc161": s["right"] / s["gold"] if s["gold"] else 0.0,
        }
    figures["_seconds"] = seconds
    figures["_docs_per_second"] = len(keys) / seconds if seconds else None
    return figures, kept


def _table_gold(f: dict) -> str:
    lines = ["| corpus | n | acc@161 | median km | mean km | AUC | answered | confidence AUROC |",
             "|---|---|---|---|---|---|---|---|"]
    for c in (*CORPORA, "ALL"):
        x = f.get(c)
        if not x or not x.get("n"):
            continue
        lines.append(f"| {c} | {x['n']} | {x['acc161']:.1%} | {x['median_km']:.1f} | "
                     f"{x['mean_km']:.0f} | {x['auc']:.3f} | {x['answered']:.1%} | "
                     + (f"{x['auroc']:.3f} |" if x.get("auroc") is not None else "– |"))
    lines.append(f"\n{f['_names_per_second']:.0f} names/s through the CLI "
                 f"({f['_seconds']:.1f} s, process start included)")
    return "\n".join(lines)


def _table_e2e(f: dict) -> str:
    lines = ["| corpus | gold | returned | precision | recall | acc@161 (all gold) |",
             "|---|---|---|---|---|---|"]
    for c in (*CORPORA, "ALL"):
        x = f.get(c)
        if not x:
            continue
        lines.append(f"| {c} | {x['gold']} | {x['returned']} | {x['precision']:.1%} | "
                     f"{x['recall']:.1%} | {x['acc161']:.1%} |")
    lines.append(f"\n{f['_docs_per_second']:.1f} documents/s through the CLI "
                 f"({f['_seconds']:.1f} s, process start included)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=("gold", "e2e", "both"), default="both")
    ap.add_argument("--corpus", action="append", choices=CORPORA)
    ap.add_argument("--limit", type=int, default=0, help="at most N documents per corpus")
    ap.add_argument("--save-answers", action="store_true")
    ap.add_argument("--dev", type=Path, default=DEV)
    args = ap.parse_args(argv)
    if not (args.dev / "documents.jsonl").exists():
        print(f"bench.geoparse: the development data is not here ({args.dev}); "
              "nothing measured.")
        return 0
    docs = load_documents(args.dev)
    toponyms = load_toponyms(args.dev)
    if args.corpus:
        docs = {k: v for k, v in docs.items() if k[0] in args.corpus}
    if args.limit:
        per, kept = defaultdict(int), {}
        for k in sorted(docs):
            if per[k[0]] < args.limit:
                kept[k] = docs[k]
                per[k[0]] += 1
        docs = kept
    result, answers = {}, {}
    if args.mode in ("gold", "both"):
        result["gold"], answers["gold"] = gold_mode(docs, toponyms, save=args.save_answers)
        print("## Gold toponyms given (geocode --batch)\n")
        print(_table_gold(result["gold"]))
    if args.mode in ("e2e", "both"):
        result["e2e"], answers["e2e"] = e2e_mode(docs, toponyms, save=args.save_answers)
        print("\n## End to end (places --batch)\n")
        print(_table_e2e(result["e2e"]))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "geoparse.json").write_text(json.dumps(result, indent=2))
    if args.save_answers:
        (OUT / "geoparse_answers.json").write_text(
            json.dumps(answers, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
