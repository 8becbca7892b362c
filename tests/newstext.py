"""What the extractor tests of the real-text error classes share: a fake gazetteer and a
short invented article published on a Saturday (2020-02-29) unless told."""

from __future__ import annotations

import datetime as dt

import pytest

from fakes import FakeGazetteer
from geo.articles import article_from_text

SAT = dt.date(2020, 2, 29)


@pytest.fixture(scope="module")
def gaz():
    return FakeGazetteer()


def article(text: str, published=SAT):
    return article_from_text(text, metadata={"published": published})
