import datetime as dt
import json

import pytest

from geo.articles import find_dateline, iter_article_paths, read_article, strip_footer
from geo.errors import InputError, UnsupportedFormatError
from tests.conftest import ROOT

SEED = ROOT / "seeds" / "000_04e7ac960a2816e0.txt"


def test_seed_metadata_comes_from_its_sidecar():
    a = read_article(SEED)
    assert a.title == "Iranian President Rouhani and his Turkish counterpart Erdogan"
    assert a.source == "Iran Press"
    assert a.published == dt.date(2020, 2, 29)
    assert a.dateline == "Tehran"
    assert a.url.startswith("https://iranpress.com/innocent-people")


def test_seed_body_excludes_title_and_read_more_footer():
    a = read_article(SEED)
    assert a.text.startswith("Tehran (IP) -")
    assert "Read More" not in a.text
    assert "Putin and Erdogan agree to meet next week" not in a.text
    assert a.text.rstrip().endswith("prevent a broad military operation.")


def test_front_matter_wins_and_is_not_body(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Clashes near Goma\nsource: Test Wire\npublished: 2024-05-04\n"
                 "url: https://example.org/goma\n---\nGOMA, Congo (TW) - Fighting resumed.\n")
    a = read_article(p)
    assert (a.title, a.source, a.published) == ("Clashes near Goma", "Test Wire",
                                                 dt.date(2024, 5, 4))
    assert a.text.startswith("GOMA, Congo") and a.dateline == "Goma"


def test_article_without_date_is_read_and_marked_uncertain(tmp_path):
    p = tmp_path / "undated.txt"
    p.write_text("Shelling hit Kharkiv on Saturday, officials said.\n")
    a = read_article(p)
    assert a.published is None and a.date_uncertain


def test_json_article(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"title": "T", "text": "Protesters gathered in Khartoum.",
                             "published": "2023-01-02"}))
    a = read_article(p)
    assert a.text == "Protesters gathered in Khartoum." and a.published == dt.date(2023, 1, 2)


def test_html_article_main_text(tmp_path):
    p = tmp_path / "a.html"
    body = "<p>" + "Drone strikes hit the port city of Hodeidah overnight, officials said. " * 4
    p.write_text(f"<html><head><title>Strikes</title></head><body><nav>Home | World</nav>"
                 f"<article>{body}</p></article></body></html>")
    a = read_article(p)
    assert "Hodeidah" in a.text and "Home | World" not in a.text


def test_a_page_whose_main_text_is_only_a_menu_is_not_an_article(tmp_path):
    p = tmp_path / "shell.html"
    p.write_text("<html><head><title>Wire</title></head><body>"
                 "<nav>menu</nav><div id='app'>Loading</div></body></html>")
    with pytest.raises(InputError) as err:
        read_article(p)
    assert str(err.value).startswith(str(p)) and "no article text" in str(err.value)


def test_a_short_news_flash_page_is_still_an_article(tmp_path):
    p = tmp_path / "flash.html"
    p.write_text("<html><head><title>Flash</title></head><body><article>"
                 "<p>Two soldiers were killed in Idlib on Monday.</p></article></body></html>")
    assert "Idlib" in read_article(p).text


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    (b"Line one\nCaf\xe9 in Aleppo\n", "not UTF-8"),
])
def test_bad_input_names_file_and_reason(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_article(p)
    assert str(err.value).startswith(str(p)) and reason in str(err.value)


def test_wrong_encoding_names_the_line(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(b"Line one\nCaf\xe9 in Aleppo\n")
    with pytest.raises(InputError) as err:
        read_article(p)
    assert err.value.line == 2 and "line 2" in str(err.value)


def test_malformed_front_matter_names_the_line(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: ok\npublished: [unclosed\n---\nText.\n")
    with pytest.raises(InputError, match="YAML"):
        read_article(p)


def test_unsupported_type(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(b"%PDF-1.4")
    with pytest.raises(UnsupportedFormatError):
        read_article(p)


def test_datelines():
    assert find_dateline("Tehran (IP) - Iranian President spoke.") == "Tehran"
    assert find_dateline("KYIV, Ukraine (Reuters) — Missiles struck.") == "Kyiv"
    assert find_dateline("Syria - the war goes on.") is None
    assert find_dateline("Officials said nothing.") is None


def test_footer_is_cut_only_after_the_first_line():
    assert strip_footer("Body.\n\nRelated:\nHeadline one\n") == "Body.\n"
    assert strip_footer("Body without footer.\n") == "Body without footer.\n"


def test_folders_expand_to_articles_without_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "a.meta.yaml").write_text("title: A")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("B.")
    names = [p.name for p in iter_article_paths([tmp_path])]
    assert names == ["a.txt", "b.md"]


def test_front_matter_title_keeps_the_lede_as_body(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: T\n---\nADEN, Yemen (TW) - Shelling hit the port.\n\n"
                 "Second paragraph.\n")
    a = read_article(p)
    assert a.title == "T"
    assert a.text.startswith("ADEN, Yemen") and a.dateline == "Aden"


def test_a_dateline_lede_is_never_taken_for_a_title(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("GOMA, Congo (TW) - Fighting resumed.\n\nMore text.\n")
    assert read_article(p).text.startswith("GOMA, Congo")
