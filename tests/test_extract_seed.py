"""The seed article must yield the nine events the issue lists, and nothing wrong.

Runs on the fake gazetteer always and on the built offline gazetteer when
``data/gazetteer.sqlite`` exists (marker ``gazetteer``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fakes import FakeGazetteer, real_gazetteer
from geo.articles import read_article
from geo.extract import extract_events

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_04e7ac960a2816e0.txt"
PUBLISHED = dt.date(2020, 2, 29)


@pytest.fixture(scope="module", params=["fake", pytest.param("real", marks=pytest.mark.gazetteer)])
def events(request):
    geocoder = FakeGazetteer() if request.param == "fake" else real_gazetteer()
    return extract_events(read_article(SEED), geocoder)


def find(events, *, type_=None, sub=None, actor=None, other=None, evidence=None):
    out = []
    for e in events:
        if type_ and e.event_type != type_:
            continue
        if sub and e.sub_event_type != sub:
            continue
        if actor and actor not in e.actor1:
            continue
        if other and other not in (e.actor2 + e.actor1):
            continue
        if evidence and evidence.lower() not in e.evidence.lower():
            continue
        out.append(e)
    assert out, f"no event like {type_}/{sub} {actor} {other} {evidence!r} in:\n" + "\n".join(
        f"  {e.event_type}/{e.sub_event_type} {e.actor1} -> {e.actor2} @ {e.location} "
        f"{e.event_date} | {e.evidence[:60]}" for e in events)
    return out[0]


def test_rouhani_erdogan_call_on_saturday_at_tehran(events):
    e = find(events, type_="Diplomacy", sub="Meeting or call", actor="Hassan Rouhani",
             other="Recep Tayyip Erdogan (Turkey)")
    assert e.event_date == PUBLISHED and e.date_text == "on Saturday"
    assert e.location == "Tehran" and e.country_code == "IRN"
    assert e.actor1 == "Hassan Rouhani (Iran)" and e.actor1_country == "IRN"
    assert "dateline" in e.geo_reason


def test_rouhani_putin_call(events):
    e = find(events, type_="Diplomacy", sub="Meeting or call", actor="Hassan Rouhani",
             other="Vladimir Putin (Russia)")
    assert e.event_date == PUBLISHED and e.location == "Tehran"
    assert e.actor2_country == "RUS"


def test_erdogan_putin_call_reported_on_friday(events):
    e = find(events, type_="Diplomacy", actor="Recep Tayyip Erdogan (Turkey)",
             other="Vladimir Putin (Russia)")
    assert e.event_date == dt.date(2020, 2, 28) and e.date_precision == "day"


def test_turkish_deployment_into_syria(events):
    e = find(events, type_="Strategic developments", actor="Military Forces of Turkey")
    assert "troops" in e.triggers
    assert e.country_code == "SYR" and e.location in ("Idlib", "Syria")


def test_erdogan_threat_located_at_idlib_region(events):
    e = find(events, type_="Diplomacy", sub="Threat", actor="Recep Tayyip Erdogan",
             evidence="observation posts")
    assert e.location == "Idlib" and e.geo_precision == 2
    assert e.actor2 == "Military Forces of Syria"
    assert "region" in e.geo_reason


def test_syrian_army_regains_villages_in_idlib_province(events):
    e = find(events, type_="Battles", sub="Government regains territory",
             actor="Military Forces of Syria", evidence="liberate")
    assert e.location == "Idlib" and e.geo_precision == 2
    assert e.date_precision == "week" and e.event_date <= PUBLISHED


def test_offensive_since_december_has_month_precision(events):
    e = find(events, type_="Battles", actor="Military Forces of Syria", evidence="December")
    assert e.event_date == dt.date(2019, 12, 1) and e.date_precision == "month"
    assert e.location == "Idlib"


def test_call_for_trilateral_summit(events):
    e = find(events, type_="Diplomacy", sub="Summit or proposal", actor="Hassan Rouhani")
    assert "summit" in e.triggers


def test_joint_health_protocol_offer(events):
    e = find(events, type_="Diplomacy", actor="Hassan Rouhani", evidence="health protocol")
    assert e.sub_event_type == "Cooperation pledge"
    assert "Turkey" in e.actor2


def test_nothing_at_astana_from_footer_or_after_publication(events):
    assert events
    assert all(e.location != "Astana" and e.country_code != "KAZ" for e in events)
    assert all("Read More" not in e.evidence and "agree to meet next week" not in e.evidence
               for e in events)
    assert all(e.event_date is None or e.event_date <= PUBLISHED for e in events)


def test_every_event_explains_itself(events):
    for e in events:
        assert e.triggers and e.geo_reason and 0 < e.confidence <= 1
        assert e.evidence and e.evidence_start is not None
        assert e.origin == "article" and e.published == PUBLISHED


def test_offsets_point_at_the_evidence(events):
    text = read_article(SEED).text
    for e in events:
        assert text[e.evidence_start:e.evidence_end] == e.evidence
