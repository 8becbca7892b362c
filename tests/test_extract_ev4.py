"""Issue 13, branch ev4: general error classes found on the real annotated set, each on a
short invented text (fake gazetteer; publication day a Saturday)."""

from __future__ import annotations

import datetime as dt

import pytest

from fakes import FakeGazetteer
from geo.articles import article_from_text
from geo.extract import extract_events
from geo.extract.pipeline import extract

SAT = dt.date(2020, 2, 29)


@pytest.fixture(scope="module")
def gaz():
    return FakeGazetteer()


def article(text: str, published=SAT):
    return article_from_text(text, metadata={"published": published})


# -- "according to X": the source, not the place -----------------------------------------
def test_a_name_after_according_to_is_the_source_not_a_place(gaz):
    ex = extract(article("Rebels shelled Saraqeb on Friday, killing two civilians, "
                         "according to Aleppo Today."), gaz)
    assert [e.location for e in ex.events] == ["Saraqib"]
    assert any(n.text == "Aleppo" and "source" in n.reason for n in ex.names_not_found)


def test_a_place_after_according_to_residents_in_stays_a_place(gaz):
    events = extract_events(article("Rebels shelled Saraqeb on Friday, according to "
                                    "residents in Aleppo."), gaz)
    assert "Saraqib" in {e.location for e in events}
