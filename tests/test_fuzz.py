"""A seeded fuzzer over the three dataset importers and the article reader: thousands
of generated inputs, and every one ends as stored rows, rejected rows or a named
InputError — never another exception. Seeded, so a failure replays exactly."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random

import pytest

from geo.articles import read_article
from geo.errors import InputError
from geo.importers import import_file
from geo.importers.gdelt import COLUMNS as GDELT_COLUMNS
from geo.ingest import extract_article
from geo.store import Store
from tests.fakes import FakeGazetteer
from tests.test_importers import ACLED, GDELT, UCDP

NASTY_CELLS = [
    "", " ", "1e400", "-1e400", "99999999999999999999", "nan", "inf", "-0", "1.0", "3.0",
    "0x10", "1_000", "٣", "1e-400", "-1", "2.5", "1676-07-16", "0001-01-01", "9999-12-31",
    "2020-02-30", "2020-13-01", "20200230", "29 February 2020", "2020-02-29T25:61:00",
    "=HYPERLINK(\"http://x\")", "+cmd", "@SUM(1)", "\t=1", "'", '"', '""', "\\", "\u202e",
    "\u200b", "\ufeff", "\udcff"[:0] + "\ufffd", "İstanbul", "ß" * 300, "x" * 5000, "a\nb",
    "a,b", "a\tb", "<script>alert(1)</script>", "91", "-181", "180.0000001", "NULL", "None",
    "true", "[]", "{}", "🙂", "\u0000"[:0] + "\x7f",
]


def _mutated_rows(rng: random.Random, header: list[str], row: list[str], n: int,
                  id_column: str) -> list[list[str]]:
    rows = []
    for k in range(n):
        cells = list(row)
        cells[header.index(id_column)] = str(rng.choice([k, k, k, -k, "", "x"]) if
                                             rng.random() < 0.1 else 600000 + k)
        for _ in range(rng.randint(0, 4)):
            cells[rng.randrange(len(cells))] = rng.choice(NASTY_CELLS)
        if rng.random() < 0.05:
            cells = cells[:rng.randrange(len(cells))]  # too few fields
        if rng.random() < 0.05:
            cells = cells + ["extra"]  # too many
        rows.append(cells)
    return rows


def _csv_file(rng, path, rows_per_file: int) -> bytes:
    text = path.read_text()
    header, first = list(csv.reader(io.StringIO(text)))[:2]
    id_column = header[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=rng.choice(["\n", "\r\n"]))
    writer.writerow(header)
    writer.writerows(_mutated_rows(rng, header, first, rows_per_file, id_column))
    return out.getvalue().encode("utf-8", errors="surrogatepass")


def _gdelt_file(rng, rows_per_file: int) -> bytes:
    first = GDELT.read_text().splitlines()[0].split("\t")
    header = list(GDELT_COLUMNS)
    rows = _mutated_rows(rng, header, first, rows_per_file, "GLOBALEVENTID")
    lines = ["\t".join(c.replace("\t", " ").replace("\n", " ") for c in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _damaged(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """Sometimes compressed, sometimes cut off or with a few bytes flipped."""
    suffix = ".csv"
    roll = rng.random()
    if roll < 0.15:
        data, suffix = gzip.compress(data), ".csv.gz"
        if rng.random() < 0.5:
            data = data[:rng.randrange(1, len(data))]
    elif roll < 0.25:
        data = data[:rng.randrange(0, len(data) + 1)]
    elif roll < 0.35:
        buf = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        data = bytes(buf)
    return data, suffix


@pytest.mark.parametrize("kind", ["ucdp", "acled", "gdelt"])
def test_importers_never_crash_on_generated_files(tmp_path, kind):
    rng = random.Random(f"importers-{kind}")
    store = Store(f"sqlite:///{tmp_path / 'fuzz.sqlite'}")
    rows_seen = files_refused = 0
    for n in range(10):
        data = (_gdelt_file(rng, 150) if kind == "gdelt"
                else _csv_file(rng, {"ucdp": UCDP, "acled": ACLED}[kind], 150))
        data, suffix = _damaged(rng, data)
        path = tmp_path / f"{kind}-{n}{suffix}"
        path.write_bytes(data)
        try:
            report = import_file(path, kind, store)
        except InputError as exc:
            assert str(path) in str(exc)
            files_refused += 1
            continue
        rows_seen += report.rows_read
        assert report.rejected + report.stored <= report.rows_read
        for error in report.errors:
            assert error.row >= 1 and error.reason
    frame = store.load_frame()  # the store reads, whatever was stored
    store.dispose()
    assert rows_seen >= 500 and files_refused < 10
    dates = frame["event_date"].dropna()
    assert dates.empty or (dates.min().year >= 1900 and dates.max().year <= 2100)
    deaths = frame["fatalities"].dropna()
    assert deaths.empty or (deaths.min() >= 0 and deaths.max() <= 1_000_000)


def _random_text(rng: random.Random, size: int) -> str:
    alphabet = ("abc XYZ Idlib Aleppo Kharkiv clashes killed protest strike in on Friday "
                ". , ; : - — ' \" ( ) \n \u200b \u202e \u05d0\u05d1 \u0627\u0644 é ß 🙂 "
                "\ud800 \udfff # * _ [ ] < > & 2020-02-29 1e400").split(" ")
    return " ".join(rng.choice(alphabet) for _ in range(size))


def _metadata_value(rng: random.Random):
    return rng.choice([
        "2020-02-29", "2020-02-30", "0001-01-01", "9999-12-31", "", None, 42, 4.5, True,
        [], {}, ["a"], {"a": 1}, "x" * 300, "\ud800", "Idlib", "Tehran (IP)",
        "https://example.org/a", "javascript:alert(1)",
    ])


def _article(rng: random.Random, folder, n: int):
    kind = rng.choice(["txt", "md", "json", "json", "md-sidecar", "bytes"])
    body = _random_text(rng, rng.randint(0, 120))
    meta = {k: _metadata_value(rng) for k in rng.sample(
        ["title", "source", "published", "url", "dateline"], rng.randint(0, 5))}
    if kind == "json":
        doc = dict(meta, text=body if rng.random() < 0.9 else _metadata_value(rng))
        raw = json.dumps(doc) if rng.random() < 0.9 else json.dumps(doc)[:rng.randint(0, 40)]
        path = folder / f"a{n}.json"
        path.write_text(raw, encoding="utf-8", errors="surrogatepass")
    elif kind == "bytes":
        path = folder / f"a{n}.txt"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 200))))
    else:
        front = "".join(f"{k}: {json.dumps(v)}\n" for k, v in meta.items())
        if rng.random() < 0.2:
            front += rng.choice(["bad: [unclosed\n", ": :\n", "- a list\n", "\t tab\n"])
        path = folder / f"a{n}.md"
        if kind == "md-sidecar":
            (folder / f"a{n}.meta.yaml").write_text(front, encoding="utf-8",
                                                    errors="surrogatepass")
            path.write_text(body, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_text(f"---\n{front}---\n{body}" if rng.random() < 0.8 else body,
                            encoding="utf-8", errors="surrogatepass")
    return path


def test_the_article_reader_never_crashes_on_generated_files(tmp_path):
    rng = random.Random("articles")
    geocoder = FakeGazetteer()
    read = refused = 0
    for n in range(1500):
        path = _article(rng, tmp_path, n)
        try:
            article = read_article(path)
            extract_article(article, geocoder)
            article.text.encode("utf-8")  # storable: no lone surrogate left
            article.title.encode("utf-8")
            read += 1
        except InputError as exc:
            assert str(path.with_suffix("")) in str(exc)  # the article or its sidecar
            refused += 1
    assert read > 100 and refused > 100
