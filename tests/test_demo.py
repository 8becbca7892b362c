"""First start: the UCDP demo extracts and the seed articles fill an empty store."""

import gzip
import json
import time

from geo.credits import dataset_credits
from geo.demo import demo_files, ensure_demo
from geo.export import events_geojson
from geo.importers import import_file
from tests.fakes import FakeGazetteer
from tests.test_importers import UCDP, _small_gazetteer

SHIPPED = {"ged_syria_2016-2019.csv.gz": 16566, "ged231_myanmar.csv.gz": 7374,
           "ged231_central_african_republic.csv.gz": 1848}


def test_the_three_ucdp_extracts_ship_as_demo_data():
    assert {p.name for p in demo_files()} == set(SHIPPED)
    assert (demo_files()[0].parent / "README.md").read_text().count("Sundberg") == 1


def test_ensure_demo_imports_datasets_and_seeds_once(store, tmp_path):
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "small.csv.gz").write_bytes(gzip.compress(UCDP.read_bytes()))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Clashes were reported in Saraqib on Saturday.\n")
    gaz = _small_gazetteer(tmp_path / "gaz.sqlite")
    report = ensure_demo(store, FakeGazetteer(), seeds_dir=seeds, demo_dir=demo, learn_to=gaz)
    assert report.imports[0].added == 4 and report.seeds is not None
    assert report.summary().startswith("First start: 4 UCDP GED events from 1 file(s)")
    assert "learned:ucdp" in report.imports[0].learned
    assert ensure_demo(store, FakeGazetteer(), seeds_dir=seeds, demo_dir=demo) is None


def test_the_shipped_demo_imports_fast(store, tmp_path):
    """All three real extracts: every row stored, well under 10 s (learning included)."""
    gaz = tmp_path / "gaz.sqlite"
    _small_gazetteer(gaz)
    empty = tmp_path / "no-seeds"
    started = time.perf_counter()
    report = ensure_demo(store, FakeGazetteer(), seeds_dir=empty, learn_to=gaz)
    took = time.perf_counter() - started
    assert {r.path.rsplit("/", 1)[-1]: r.added for r in report.imports} == SHIPPED
    assert sum(r.rejected for r in report.imports) == 0
    assert took < 30  # ~6 s on the development machine; generous for CI
    frame = store.load_frame()
    assert set(frame["country_code"]) == {"SYR", "MMR", "CAF"}
    assert [c.text.split(" (")[0] for c in dataset_credits(frame)] == ["UCDP GED"]


def test_exports_credit_ucdp(store):

    import_file(UCDP, "ucdp", store)
    doc = json.loads(events_geojson(store.load_frame()))
    assert any(line.startswith("UCDP GED") for line in doc["attribution"])
    assert doc["attribution"][0].startswith("GeoNames")
    assert all(f["properties"]["source"].startswith("UCDP GED") for f in doc["features"])
