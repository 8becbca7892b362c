"""What the tests of the non-English profiles' error classes share: the real gazetteer and
a short invented article in one language, published on a Wednesday (2027-02-10)."""

from __future__ import annotations

import pytest

from fakes import real_gazetteer
from geo.articles import article_from_text
from geo.extract import extract

PUB = "2027-02-10"  # a Wednesday: Tuesday 9, Monday 8, Sunday 7, Saturday 6


@pytest.fixture(scope="module")
def gaz():
    return real_gazetteer()


def events_in(gaz, lang, text, published=PUB):
    """The events of ``text``, which must be read as language ``lang``."""
    article = article_from_text(text, metadata={"published": published})
    assert article.language == lang
    return list(extract(article, gaz).events)
