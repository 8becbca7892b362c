"""`python -m geo export` as a user runs it, on a real SQLite store."""

from __future__ import annotations

import datetime as dt
import json
import struct

import pytest

from geo.store import Store
from tests.conftest import make_event
from tests.test_cli import run_cli


@pytest.fixture
def filled(db_url):
    Store(db_url).upsert_events([
        make_event(1),
        make_event(2, event_type="Diplomacy", sub_event_type="Statement", location="Tehran",
                   latitude=35.69, longitude=51.42, country="Iran", country_code="IRN"),
        make_event(3, event_date=dt.date(2019, 12, 1), origin="ucdp"),
    ])
    return db_url


def test_csv_without_filters_exports_everything(filled, tmp_path):
    out = tmp_path / "all.csv"
    result = run_cli("export", "--format", "csv", "--out", out, db_url=filled)
    assert result.returncode == 0, result.stderr
    assert "3 event(s)" in result.stdout
    assert out.read_text().count("\n") == 4


def test_geojson_with_filters(filled, tmp_path):
    out = tmp_path / "syria.geojson"
    result = run_cli("export", "--format", "geojson", "--out", out, "--country", "SYR",
                     "--since", "2020-01-01", db_url=filled)
    assert result.returncode == 0, result.stderr
    features = json.loads(out.read_text())["features"]
    assert [f["properties"]["event_id"] for f in features] == [make_event(1).event_id]


def test_html_is_the_standalone_briefing(filled, tmp_path):
    from geo.map.assets import find_remote_assets

    out = tmp_path / "briefing.html"  # the format from the suffix
    result = run_cli("export", "--out", out, "--title", "Idlib <now>", "--type", "Battles",
                     db_url=filled)
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "Idlib &lt;now&gt;" in html and "Battles" in html
    assert "UCDP GED" in html  # the Battles include the UCDP event
    assert find_remote_assets(html) == [] and "/app/static" not in html


def test_html_without_ucdp_events_does_not_credit_ucdp(filled, tmp_path):
    out = tmp_path / "b.html"
    result = run_cli("export", "--out", out, "--type", "Diplomacy", db_url=filled)
    assert result.returncode == 0, result.stderr
    assert "UCDP" not in out.read_text()


def test_missing_chromium_is_one_line_not_a_traceback(filled, tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "b.png"
    result = run_cli("export", "--format", "png", "--out", out, db_url=filled)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "chromium" in result.stderr.lower() and "Traceback" not in result.stderr
    assert not out.exists()


def test_unknown_suffix_needs_a_format(filled, tmp_path):
    result = run_cli("export", "--out", tmp_path / "b.tiff", db_url=filled)
    assert result.returncode == 2 and "--format" in result.stderr


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_png_has_the_size_asked_for(filled, tmp_path):
    from geo.png import chromium_problem

    if problem := chromium_problem():
        pytest.skip(problem)
    out = tmp_path / "b.png"
    result = run_cli("export", "--format", "png", "--out", out, "--width", "1280",
                     "--height", "720", "--scale", "2", db_url=filled)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (2560, 1440)


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_pdf_from_its_suffix_and_dpi_sets_the_png_scale(filled, tmp_path):
    from geo.png import chromium_problem

    if problem := chromium_problem():
        pytest.skip(problem)
    result = run_cli("export", "--out", tmp_path / "b.pdf", db_url=filled)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-")
    result = run_cli("export", "--out", tmp_path / "b.png", "--width", "640", "--height", "360",
                     "--dpi", "288", db_url=filled)
    assert result.returncode == 0, result.stderr
    assert struct.unpack(">II", (tmp_path / "b.png").read_bytes()[16:24]) == (1920, 1080)


def test_events_table_is_newest_first_with_precision_in_words():
    import datetime as dt

    import pandas as pd

    from geo.export import events_table
    from geo.record import FIELDS

    rows = [dict.fromkeys(FIELDS) | dict(event_id=f"e{i}", event_date=d, geo_precision=p)
            for i, (d, p) in enumerate([(dt.date(2019, 1, 5), 1), (None, 3),
                                         (dt.date(2020, 2, 1), 2), (dt.date(2019, 6, 1), None)])]
    frame = pd.DataFrame(rows, columns=list(FIELDS))
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    table = events_table(frame)
    assert list(table["event_date"].dt.strftime("%Y-%m-%d").fillna("none")) == \
        ["2020-02-01", "2019-06-01", "2019-01-05", "none"]
    assert list(table["geo_precision"]) == ["admin region", "", "settlement or point", "country"]


def test_own_tiles_need_the_setting(filled, tmp_path, monkeypatch):
    monkeypatch.delenv("CONFLICTMAP_TILES", raising=False)
    result = run_cli("export", "--out", tmp_path / "b.png", "--own-tiles", db_url=filled)
    assert result.returncode == 2
    assert "--own-tiles needs CONFLICTMAP_TILES" in result.stderr


def test_own_tiles_that_cannot_be_read_are_named(filled, tmp_path, monkeypatch):
    broken = tmp_path / "broken.pmtiles"
    broken.write_text("not a tile archive\n" * 10)
    monkeypatch.setenv("CONFLICTMAP_TILES", str(broken))
    result = run_cli("export", "--out", tmp_path / "b.png", "--own-tiles", db_url=filled)
    assert result.returncode == 1
    assert "broken.pmtiles: not a PMTiles file" in result.stderr
    assert not (tmp_path / "b.png").exists()


def test_standalone_html_keeps_the_outlines_with_own_tiles(filled, tmp_path, monkeypatch):
    from tests.tilefixture import make_pmtiles

    monkeypatch.setenv("CONFLICTMAP_TILES", str(make_pmtiles(tmp_path / "r.pmtiles")))
    out = tmp_path / "b.html"
    result = run_cli("export", "--out", out, "--own-tiles", db_url=filled)
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "127.0.0.1" not in html and "Local tiles" not in html
    assert "Test Tiles" not in html  # nor the credit of tiles it does not show
