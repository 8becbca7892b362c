"""Names the capitalised-phrase finder breaks apart, found whole (geo/extract/longnames.py).

A set of names stands in for the gazetteer; the texts are written for these tests."""

from __future__ import annotations

from geo.extract.longnames import find_long_names
from geo.extract.mentions import STOPWORDS, find_mentions

KNOWN = {"central african republic", "bangui", "trinidad and tobago", "trinidad", "tobago",
         "port-au-prince", "saint-louis", "new columbia", "columbia", "kazbek", "ocean",
         "new ocean", "lake of the woods", "of the woods", "king mark's county"}


def _find(text, soft=(), masked=()):
    return [text[a:b] for a, b in find_long_names(
        text, is_known=KNOWN.__contains__, fold=str.lower, stopwords=STOPWORDS,
        masked=masked, soft=soft)]


def test_a_name_across_stopwords_and_lower_case_bridges_is_one_span():
    text = ("Aid reached the Central African Republic, then Trinidad and Tobago, "
            "then Port-au-Prince and the Lake of the Woods, then King Mark's County.")
    assert _find(text) == ["Central African Republic", "Trinidad and Tobago",
                           "Port-au-Prince", "Lake of the Woods", "King Mark's County"]


def test_a_name_the_phrase_finder_forms_itself_is_left_to_it():
    # no stopword, bridge, hyphen or actor inside: the ordinary finder takes these
    assert _find("Rain fell on New Columbia and Kazbek.") == []


def test_an_actor_mask_inside_a_known_name_is_crossed_but_a_hard_mask_is_not():
    text = "Floods hit New Ocean on Monday."
    s = text.index("New")
    assert _find(text, soft=[(s, s + 3)]) == ["New Ocean"]
    assert _find(text, soft=[(s, s + 3)], masked=[(s, s + 3)]) == []


def test_unknown_joins_and_a_leading_function_word_give_nothing():
    # "Trinidad and Bangui" is not a name; "of the Woods" may not start a name
    assert _find("Flights between Trinidad and Bangui resumed; north of the Woods.") == []


def test_find_mentions_takes_the_long_name_and_not_its_pieces():
    text = "Talks were held in Trinidad and Tobago on Monday."
    spans = find_long_names(text, is_known=KNOWN.__contains__, fold=str.lower,
                            stopwords=STOPWORDS)
    found = find_mentions(text, is_known=KNOWN.__contains__, fold=str.lower, masked=[],
                          is_country=lambda s: False, long_names=spans)
    assert [m.text for m in found] == ["Trinidad and Tobago"]
    assert found[0].role == "locative"
