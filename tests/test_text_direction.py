"""Which way the reader lays a text out (geo.lang.direction) and the HTML that carries it."""

from __future__ import annotations

from geo.highlight import evidence_html, highlight_html
from geo.lang.direction import text_direction


def test_arabic_and_persian_text_run_right_to_left():
    assert text_direction("اعتقلت القوات الأمنية خمسة مطلوبين في الموصل") == "rtl"
    assert text_direction("کارگران روز دوشنبه مقابل فرمانداری تجمع کردند") == "rtl"


def test_latin_and_cyrillic_text_is_left_to_the_browser():
    assert text_direction("Des combats ont éclaté lundi à Kidal") == "auto"
    assert text_direction("Бои за Купянск продолжились") == "auto"
    assert text_direction("Shelling in Aleppo (حلب) on Sunday") == "auto"  # mostly Latin
    assert text_direction("") == "auto"


def test_the_language_decides_when_given():
    assert text_direction("AFP - 2026", "ar") == "rtl"
    assert text_direction("حلب", "en") == "rtl"  # the script still counts


def test_reader_and_evidence_html_carry_the_direction():
    html = highlight_html("قصف على حلب يوم الأحد", [])
    assert 'dir="rtl"' in html and "text-align:right" in html
    assert 'dir="auto"' in highlight_html("Shelling in Aleppo", [])
    assert 'dir="rtl"' in evidence_html("قصف على حلب")
    assert 'dir="auto"' in evidence_html("Shelling in Aleppo")
    assert "&lt;b&gt;" in evidence_html("<b>حلب</b>")  # still escaped
