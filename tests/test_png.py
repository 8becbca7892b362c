"""geo.png without a browser: misuse and a missing Chromium fail by name."""

import pytest

from geo.errors import ExportError
from geo.png import BrowserPool, _allowed, chromium_problem, render_png


def test_missing_chromium_is_an_export_error(tmp_path):
    missing = str(tmp_path / "chromium")
    assert "apt-get install chromium" in chromium_problem(missing)
    with BrowserPool(executable_path=missing) as pool:
        with pytest.raises(ExportError, match="chromium"):
            pool.render("<p>x</p>", width=640, height=360)


def test_render_png_without_chromium(monkeypatch, tmp_path):
    monkeypatch.setenv("CONFLICTMAP_CHROMIUM", str(tmp_path / "none"))
    with pytest.raises(ExportError, match="Chromium"):
        render_png("<p>x</p>", width=640, height=360)


@pytest.mark.parametrize("kwargs", [dict(width=0, height=360), dict(width=640, height=9000),
                                    dict(width=640, height=360, scale=0),
                                    dict(width=640.5, height=360)])
def test_bad_sizes_fail_before_any_browser(kwargs):
    with pytest.raises(ValueError):
        render_png("<p>x</p>", **kwargs)


def test_only_local_requests_and_allowed_hosts_pass():
    assert _allowed("file:///tmp/a.html", ())
    assert _allowed("data:image/png;base64,AAA", ())
    assert not _allowed("https://cdn.jsdelivr.net/npm/leaflet.js", ())
    assert not _allowed("https://tile.openstreetmap.org/1/0/0.png", ())
    assert _allowed("https://a.tile.openstreetmap.org/1/0/0.png", ("tile.openstreetmap.org",))
    assert not _allowed("https://tile.openstreetmap.org.evil.example/x", ("tile.openstreetmap.org",))


def test_closed_pool_refuses_work():
    pool = BrowserPool()
    pool.close()
    with pytest.raises(ExportError, match="closed"):
        pool.render("<p>x</p>", width=640, height=360)
