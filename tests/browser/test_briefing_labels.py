"""The briefing's names in Chromium: event labels and base-map names never overlap
(measured from the page's boxes), neighbours are named, the inset is drawn, and the
Crimea note appears only when Crimea is in view."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pandas as pd
import pytest

from geo import settings
from geo.briefing import BriefingSpec, place_labels, render_briefing_html
from geo.credits import credits_for
from geo.map.assets import COUNTRIES_GEOJSON, static_dir
from geo.map.place_names import build_place_names
from geo.record import FIELDS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# fifteen made-up places packed into north-west Syria, several events stacked at each
PLACES = [(f"Village {chr(65 + i)}", 35.6 + 0.09 * (i % 5), 36.4 + 0.13 * (i // 5))
          for i in range(15)]


def _events(extra: list[tuple[str, float, float]] = ()) -> pd.DataFrame:
    rows = []
    for k, (name, lat, lon) in enumerate([*PLACES, *extra]):
        for j in range(2 + k % 4):
            rows.append(dict.fromkeys(FIELDS) | dict(
                event_id=f"e{k}-{j}", event_date=dt.date(2019, 1, 1 + j), origin="ucdp",
                event_type="Battles" if j % 2 else "Violence against civilians",
                location=name, latitude=lat, longitude=lon, geo_precision=1,
                country="Syria", country_code="SYR", fatalities=j))
    return pd.DataFrame(rows, columns=list(FIELDS))


@pytest.fixture(scope="module")
def names_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("names") / "place-names.json"
    build_place_names(settings.gazetteer_path(), static_dir() / COUNTRIES_GEOJSON,
                      settings.DATA_DIR / "seas.csv", out)
    return out


def _open(page, serve_folder, tmp_path: Path, events: pd.DataFrame) -> None:
    spec = BriefingSpec(title="Labels", summary="test", made_at=dt.datetime(2020, 1, 1),
                        event_count=len(events), mapped_count=len(events),
                        credits=credits_for(events, tiles=False))
    path = tmp_path / "briefing.html"
    path.write_text(render_briefing_html(events, spec, assets="inline"), encoding="utf-8")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{serve_folder(tmp_path)}/briefing.html")
    page.wait_for_function("window.cmMapReady === true", timeout=30_000)
    assert page.evaluate("window.cmMapReadyReason") == "drawn"


def _boxes(page) -> list[tuple[str, list[float]]]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.cm-name')).map(el => {
        const r = el.getBoundingClientRect();
        return [el.textContent, [r.left, r.top, r.right, r.bottom]];
    })""")


def _overlaps(boxes) -> list[tuple[str, str]]:
    return [(a, b) for (a, p), (b, q) in itertools.combinations(boxes, 2)
            if p[0] < q[2] - 0.5 and q[0] < p[2] - 0.5 and p[1] < q[3] - 0.5 and q[1] < p[3] - 0.5]


def test_briefing_labels_never_overlap(page, serve_folder, tmp_path, names_file, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_PLACE_NAMES", str(names_file))
    events = _events()
    _open(page, serve_folder, tmp_path, events)
    boxes = _boxes(page)
    texts = [t for t, _ in boxes]
    assert len(boxes) > 20
    assert _overlaps(boxes) == []
    # every busiest-place label found room (beside its marker or on a leader line)
    wanted = [label for _, _, label in place_labels(events)]
    assert all(label in texts for label in wanted), set(wanted) - set(texts)
    # neighbours and big towns are named
    assert {"TURKEY", "SYRIA"} <= set(texts) and "Aleppo" in texts
    # every label lies inside the map
    slot = page.evaluate("(() => { const r = document.getElementById('cm-map-slot')"
                         ".getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()")
    assert all(slot[0] <= b[0] and b[2] <= slot[2] and slot[1] <= b[1] and b[3] <= slot[3]
               for _, b in boxes)
    # the inset is drawn and the Crimea note is not owed here
    assert page.locator("#cm-inset-map.cm-inset-ready path").count() > 50
    assert "Crimea" not in page.locator("#cm-footer").inner_text()
    assert "disputed" not in page.locator("#cm-panel").inner_text()
    assert page.unexpected_errors() == []


def test_crimea_is_credited_when_in_view(page, serve_folder, tmp_path, names_file, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_PLACE_NAMES", str(names_file))
    _open(page, serve_folder, tmp_path, _events([("Simferopol", 44.95, 34.1), ("Kherson", 46.64, 32.61)]))
    assert "Crimea" in page.locator("#cm-footer").inner_text()
    assert "disputed" in page.locator("#cm-panel").inner_text()
    assert _overlaps(_boxes(page)) == []


def test_big_towns_sit_on_plates_that_cover_no_other_name(page, serve_folder, tmp_path,
                                                          names_file, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICTMAP_PLACE_NAMES", str(names_file))
    _open(page, serve_folder, tmp_path, _events())
    plates = page.evaluate("""() => Array.from(document.querySelectorAll('.cm-name-plate'))
        .map(el => { const r = el.getBoundingClientRect();
                     return [r.left, r.top, r.right, r.bottom]; })""")
    assert plates  # Aleppo, Hamah, Latakia... are big towns here
    boxes = _boxes(page)
    for plate in plates:
        under = [t for t, b in boxes if b[0] < plate[2] - 0.5 and plate[0] < b[2] - 0.5
                 and b[1] < plate[3] - 0.5 and plate[1] < b[3] - 0.5]
        assert len(under) == 1, under  # its own name, nothing else
    weights = page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('.cm-name-city')).map(el => [el.textContent,
        getComputedStyle(el).fontWeight]))""")
    assert weights.get("Aleppo") == "700"  # a big town, in bold
    assert any(w == "400" for w in weights.values())  # small towns stay regular
