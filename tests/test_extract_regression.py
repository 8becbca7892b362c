"""Regression suite: short invented articles with the events a reader would code.

Each ``tests/articles/NAME.{txt,md,json}`` has ``NAME.expected.yaml``:

    events:
      - {type: Battles, sub: Armed clash, location: [Tripoli], country: LBY,
         date: 2023-08-14, fatalities: 27, actor1: ..., optional: true}
    forbid_locations: [Misrata]      # never an event location
    forbid_countries: [LBN]

An extracted event matches an expected one when type, country, location (any of
the names) and date (when given; ``null`` = no date) agree. Optional events neither
count as misses nor, when found, as false alarms. ``pytest -s`` prints the table;
the test asserts a floor on micro precision and recall.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fakes import FakeGazetteer, real_gazetteer
from geo.articles import read_article
from geo.extract import extract_events
from geo.extract.places import fold_fallback

ARTICLES = Path(__file__).resolve().parent / "articles"
PRECISION_FLOOR = 0.85
RECALL_FLOOR = 0.85


def article_paths() -> list[Path]:
    return sorted(p for p in ARTICLES.iterdir()
                  if p.suffix in (".txt", ".md", ".json") and not p.name.startswith("."))


def expected_for(path: Path) -> dict:
    return yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text()) or {}


def matches(exp: dict, e) -> bool:
    if e.event_type != exp["type"] or e.country_code != exp.get("country", e.country_code):
        return False
    names = exp.get("location")
    if names and fold_fallback(e.location) not in {fold_fallback(n) for n in names}:
        return False
    if "date" in exp:
        want = exp["date"]
        if want is None and e.event_date is not None:
            return False
        if want is not None and e.event_date != want:
            return False
    return True


def score_article(path: Path, geocoder) -> dict:
    spec = expected_for(path)
    events = extract_events(read_article(path), geocoder)
    expected = spec.get("events") or []
    unmatched = list(events)
    tp = fn = 0
    attrs = {"sub": [0, 0], "actor1": [0, 0], "fatalities": [0, 0]}
    misses = []
    # required expectations claim their events first; optional ones take what is left
    for exp in sorted(expected, key=lambda x: bool(x.get("optional"))):
        hit = next((e for e in unmatched if matches(exp, e)), None)
        if hit is None:
            if not exp.get("optional"):
                fn += 1
                misses.append(exp)
            continue
        unmatched.remove(hit)
        if exp.get("optional"):
            continue
        tp += 1
        for key, got in (("sub", hit.sub_event_type), ("actor1", hit.actor1),
                         ("fatalities", hit.fatalities)):
            if key in exp:
                attrs[key][1] += 1
                attrs[key][0] += int(got == exp[key])
                if got != exp[key]:
                    misses.append({"type": f"({key} {got!r} != {exp[key]!r})",
                                   "location": hit.location, "attr": True})
    forbidden = [e for e in events if e.location in (spec.get("forbid_locations") or [])
                 or e.country_code in (spec.get("forbid_countries") or [])]
    return {"name": path.stem, "tp": tp, "fp": len(unmatched), "fn": fn, "attrs": attrs,
            "misses": misses, "extras": unmatched, "forbidden": forbidden, "events": events}


def run_suite(geocoder) -> list[dict]:
    return [score_article(p, geocoder) for p in article_paths()]


def print_table(rows: list[dict], label: str) -> tuple[float, float]:
    print(f"\n== extraction regression ({label}) ==")
    print(f"{'article':34} {'tp':>3} {'fp':>3} {'fn':>3}  {'prec':>5} {'rec':>5}")
    tp = fp = fn = 0
    attrs = {"sub": [0, 0], "actor1": [0, 0], "fatalities": [0, 0]}
    for r in rows:
        tp, fp, fn = tp + r["tp"], fp + r["fp"], fn + r["fn"]
        for k in attrs:
            attrs[k][0] += r["attrs"][k][0]
            attrs[k][1] += r["attrs"][k][1]
        p = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 1.0
        rc = r["tp"] / (r["tp"] + r["fn"]) if r["tp"] + r["fn"] else 1.0
        print(f"{r['name']:34} {r['tp']:3} {r['fp']:3} {r['fn']:3}  {p:5.2f} {rc:5.2f}")
        for m in r["misses"]:
            what = "attr:  " if m.get("attr") else "missed:"
            print(f"    {what} {m['type']} @ {m.get('location')} {m.get('date', '')}")
        for e in r["extras"]:
            print(f"    extra:  {e.event_type}/{e.sub_event_type} @ {e.location} "
                  f"({e.country_code}) {e.event_date} | {e.evidence[:50]!r}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{'TOTAL':34} {tp:3} {fp:3} {fn:3}  {precision:5.2f} {recall:5.2f}")
    for k, (ok, n) in attrs.items():
        print(f"  {k} agreement on matched events: {ok}/{n}")
    return precision, recall


@pytest.fixture(scope="module", params=["fake", pytest.param("real", marks=pytest.mark.gazetteer)])
def geocoder(request):
    return FakeGazetteer() if request.param == "fake" else real_gazetteer()


def test_suite_has_enough_articles():
    assert len(article_paths()) >= 12
    for p in article_paths():
        assert p.with_name(p.stem + ".expected.yaml").exists(), p


def test_precision_and_recall_floor(geocoder, request):
    rows = run_suite(geocoder)
    precision, recall = print_table(rows, request.node.callspec.id)
    assert precision >= PRECISION_FLOOR, f"precision {precision:.2f} < {PRECISION_FLOOR}"
    assert recall >= RECALL_FLOOR, f"recall {recall:.2f} < {RECALL_FLOOR}"


def test_forbidden_places_never_located(geocoder):
    bad = [(r["name"], e.location) for r in run_suite(geocoder) for e in r["forbidden"]]
    assert not bad


def test_no_event_after_publication_and_undated_stays_uncertain(geocoder):
    for path in article_paths():
        article = read_article(path)
        for e in extract_events(article, geocoder):
            if article.published is None:
                assert e.date_uncertain, (path.name, e.date_text)
            else:
                assert e.event_date is None or e.event_date <= article.published
