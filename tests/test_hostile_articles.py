"""Hostile articles: each is a named error (an InputError naming the file and the
reason) and one bad file never stops a batch; nothing already stored is lost."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from geo.articles import read_article
from geo.errors import InputError
from geo.ingest import Upload, extract_article, ingest_paths, ingest_upload
from tests.fakes import FakeGazetteer
from tests.test_cli import run_cli

GOOD = ("Turkish troops clashed with Syrian forces near Idlib on Friday, "
        "officials said.\n")

# name → (content, what the reason must say)
HOSTILE: dict[str, tuple[str | bytes, str]] = {
    "dateline-list.md": ("---\ndateline: [Idlib, Aleppo]\n---\n" + GOOD, "dateline"),
    "dateline-object.json": (json.dumps({"text": GOOD, "dateline": {"city": "x"}}),
                             "dateline"),
    "title-mapping.md": ("---\ntitle: {a: 1}\n---\n" + GOOD, "title"),
    "feb-30.md": ("---\npublished: 2020-02-30\n---\n" + GOOD, "2020-02-30"),
    "feb-30.json": (json.dumps({"text": GOOD, "published": "2020-02-30"}), "published"),
    "year-1.md": ("---\npublished: 0001-01-01\n---\n" + GOOD, "published"),
    "year-9999.json": (json.dumps({"text": GOOD, "published": "9999-12-31"}), "published"),
    "published-list.md": ("---\npublished: [2020, 1]\n---\n" + GOOD, "published"),
    "deep.json": ('{"text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON"),
    "deep-yaml.md": ("---\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\n" + GOOD,
                     "YAML"),
    "yaml-tag.md": ("---\ntitle: !!python/object:os.system ls\n---\n" + GOOD, "YAML"),
    "text-number.json": (json.dumps({"text": 5}), "text"),
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary"),
    "huge.txt": (("Shelling hit Idlib. " * 50 + "\n") * (5 * 1024 * 1024 // 1000 + 10),
                 "limit"),
}


def _write(folder, name, content):
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_article_is_a_named_error_with_file_and_reason(tmp_path, name):
    content, reason = HOSTILE[name]
    path = _write(tmp_path, name, content)
    with pytest.raises(InputError) as err:
        extract_article(read_article(path), FakeGazetteer())
    assert str(path) in str(err.value) and reason in str(err.value)


def test_lone_surrogates_become_replacement_characters_and_store(store, tmp_path):
    path = tmp_path / "surrogate.json"
    path.write_text('{"text": "Clashes near Idlib \\ud800 on Friday.\\udfff", '
                    '"title": "A \\udc80 title", "source": "\\ud83d"}')
    article = read_article(path)
    assert "\ud800" not in article.text and "\ufffd" in article.text
    found = extract_article(article, FakeGazetteer())
    store.write_article(article, found)  # UnicodeEncodeError before
    assert store.get_article(article.article_id)["title"] == "A \ufffd title"


def test_a_sidecar_of_the_wrong_shape_is_named(tmp_path):
    path = _write(tmp_path, "a.txt", GOOD)
    (tmp_path / "a.meta.yaml").write_text("- just\n- a list\n")
    with pytest.raises(InputError, match="a.meta.yaml"):
        read_article(path)
    (tmp_path / "a.meta.yaml").write_text("published: 2021-13-01\n")
    with pytest.raises(InputError, match="a.meta.yaml"):
        read_article(path)


def test_a_symlink_loop_is_named(tmp_path):
    os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    with pytest.raises(InputError, match="a.txt"):
        read_article(tmp_path / "a.txt")


def test_article_size_is_bounded_at_a_documented_limit(tmp_path):
    from geo.articles import MAX_ARTICLE_BYTES

    assert MAX_ARTICLE_BYTES >= 1_000_000
    just = _write(tmp_path, "just.txt", ("Fighting near Idlib. " * 49 + "\n")
                  * (MAX_ARTICLE_BYTES // 1030))
    assert read_article(just).text  # under the limit: read
    over = _write(tmp_path, "over.txt", "x" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(InputError, match="limit"):
        read_article(over)


def test_a_published_date_in_range_is_kept(tmp_path):
    path = _write(tmp_path, "ok.md", "---\npublished: 2020-02-29\n---\n" + GOOD)
    assert read_article(path).published == dt.date(2020, 2, 29)


def test_one_bad_file_never_stops_the_batch(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate(sorted(HOSTILE)):
        _write(folder, f"{n:02d}-{name}", HOSTILE[name][0])
        _write(folder, f"{n:02d}-z-good.txt", GOOD.replace("Friday", f"day {n}"))
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    report = ingest_paths([folder], store, FakeGazetteer())
    assert len(report.ok) == len(HOSTILE)
    assert len(report.failed) == len(HOSTILE)
    for failed in report.failed:
        assert failed.error.startswith(str(folder)), failed.error


def test_geo_ingest_folder_names_each_bad_file_and_goes_on(db_url, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("dateline-list.md", "feb-30.md", "year-1.md", "deep.json"):
        _write(folder, "a-" + name, HOSTILE[name][0])
    _write(folder, "z-good.txt", GOOD)
    result = run_cli("ingest", folder, db_url=db_url, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4 and all(str(folder) in e for e in errors)
    assert result.stdout.strip().startswith("1 article(s) read, 4 rejected")
    assert result.returncode == 1


def test_a_hostile_upload_is_named_and_the_others_go_on(store):
    bad = ingest_upload(Upload("x.md", HOSTILE["year-1.md"][0].encode()), store,
                        FakeGazetteer())
    assert bad.error.startswith("x.md") and "published" in bad.error
    good = ingest_upload(Upload("y.txt", GOOD.encode()), store, FakeGazetteer())
    assert good.error == "" and good.events >= 1


class _BrokenGeocoder(FakeGazetteer):
    """Fails on one name, as a defect met by one text would."""

    def geocode(self, query, *args, **kwargs):
        if "Kharkiv" in str(query):
            raise TypeError("a defect met by this text")
        return super().geocode(query, *args, **kwargs)

    def candidates(self, name, *args, **kwargs):
        if "Kharkiv" in str(name):
            raise TypeError("a defect met by this text")
        return super().candidates(name, *args, **kwargs)


def test_an_unexpected_failure_on_one_article_is_named_and_the_batch_goes_on(store, tmp_path):
    from geo.errors import ExtractionError
    from geo.ingest import read_and_extract_file

    bad = _write(tmp_path, "a-bad.txt", "Shelling hit Kharkiv on Friday, officials said.\n")
    _write(tmp_path, "b-good.txt", GOOD)
    with pytest.raises(ExtractionError, match="TypeError"):
        read_and_extract_file(bad, _BrokenGeocoder())
    report = ingest_paths([tmp_path], store, _BrokenGeocoder())
    assert [f.path for f in report.ok] == [str(tmp_path / "b-good.txt")]
    assert report.failed[0].error.startswith(f"{bad}: cannot read its events (TypeError")
