"""English word frequencies: wordfreq's own numbers, without importing wordfreq for a
plain word (its import costs about a second in every process that asks)."""

import subprocess
import sys

import pytest
from wordfreq import zipf_frequency

from geo.word_frequency import zipf

WORDS = ["the", "march", "jones", "she", "date", "homeland", "defiance", "aleppo",
         "idlib", "wick", "qxzzyv", "a", "kharkiv", "ramadan",
         # not plain lower-case words: wordfreq's tokenizer decides
         "March", "New York", "don't", "2019", "al-bab", "Ḩamāh", ""]


@pytest.mark.parametrize("word", WORDS)
def test_the_same_figure_as_wordfreq(word):
    assert zipf(word) == zipf_frequency(word, "en")


def test_a_plain_word_is_looked_up_without_importing_wordfreq():
    code = ("import sys; from geo.word_frequency import zipf; "
            "assert zipf('march') > 4 and zipf('qxzzyv') == 0.0; "
            "assert 'wordfreq' not in sys.modules, 'imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
