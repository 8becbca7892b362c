"""``python -m geo geocode``: one name or a CSV batch, JSON out, in one process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import cli
from tests.geofixture import build_small_gazetteer, chain, run  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
FULL_GAZETTEER = ROOT / "data" / "gazetteer.sqlite"
KEYS = {"name", "latitude", "longitude", "country_code", "admin1", "precision", "feature",
        "backend", "candidates"}


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory):
    return build_small_gazetteer(tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite")


def test_one_name_prints_one_object(run):
    result = run("geocode", "Idlib", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert KEYS <= set(data)
    assert (data["name"], data["country_code"], data["precision"], data["backend"]) == (
        "Idlib", "SYR", 1, "gazetteer")
    assert data["candidates"] and data["feature"] == "P.PPL"


@pytest.mark.parametrize("context, country", [("Lebanon", "LBN"), ("a story about Libya", "LBY"),
                                              ("", "LBY")])
def test_context_text_decides_tripoli(run, context, country):
    data = json.loads(run("geocode", "Tripoli", "--context", context, "--json").output)
    assert data["country_code"] == country


def test_batch_keeps_the_order_and_accepts_empty_context(run, tmp_path):
    batch = tmp_path / "names.csv"
    batch.write_text("name,context\nTripoli,Lebanon\nXyzzy,\nTripoli,\n"
                     "a village near Ariha in Idlib province,\n", encoding="utf-8")
    result = run("geocode", "--batch", batch, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["query"] for d in data] == ["Tripoli", "Xyzzy", "Tripoli",
                                          "a village near Ariha in Idlib province"]
    assert [d["country_code"] for d in data] == ["LBN", None, "LBY", "SYR"]
    assert data[1]["latitude"] is None and data[1]["reason"] == "not found"
    assert data[3]["backend"] == "container-fallback"


def test_a_bad_batch_file_is_reported_with_its_row(run, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,context\nIdlib,\n,Syria\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["geocode", "--batch", str(bad), "--json"])
    assert result.exit_code == 1 and "row 3" in result.output
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("place\nIdlib\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["geocode", "--batch", str(nocol)])
    assert result.exit_code == 1 and "'name' column" in result.output


def test_name_or_batch_is_required(run):
    assert run("geocode").exit_code != 0


def test_plain_output_names_the_backend_and_reason(run):
    out = run("geocode", "Saraqib town").output
    assert "[gazetteer]" in out and "read 'Saraqib'" in out


def test_corrections_import_then_win_in_the_cli(run, tmp_path, gaz_path, monkeypatch):
    own = tmp_path / "gaz.sqlite"  # importing also teaches the gazetteer: use a copy
    shutil.copyfile(gaz_path, own)
    monkeypatch.setenv("CONFLICTMAP_GAZETTEER", str(own))
    csv_path = tmp_path / "corrections.csv"
    csv_path.write_text("name,latitude,longitude,location,country_code\n"
                        "Xyzzy,35.1,36.2,Xyzzy farm,SYR\n", encoding="utf-8")
    out = run("corrections", "import", csv_path).output
    assert "1 correction(s)" in out and "1 added" in out
    data = json.loads(run("geocode", "Xyzzy", "--json").output)
    assert (data["backend"], data["latitude"], data["name"]) == ("correction", 35.1, "Xyzzy farm")
    assert "Xyzzy" in run("corrections", "list").output


@pytest.mark.gazetteer
@pytest.mark.skipif(not FULL_GAZETTEER.is_file(), reason="data/gazetteer.sqlite not built")
def test_the_real_command_in_a_fresh_process(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 's.sqlite'}"}
    env.pop("CONFLICTMAP_GEOCODER", None)
    env.pop("CONFLICTMAP_GAZETTEER", None)
    out = subprocess.run([sys.executable, "-m", "geo", "geocode", "Kafr Nabl", "--json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert (data["name"], data["country_code"]) == ("Kafranbel", "SYR")


def test_a_batch_of_repeated_names_answers_each_row_as_one_name_would(run, tmp_path):
    """Repeated names and contexts share one answer in a batch: the same as asking once."""
    pairs = [("Tripoli", "Lebanon"), ("Tripoli", ""), ("Idlib", ""), ("Xyzzy", ""),
             ("Tripoli", "Lebanon"), ("Tripoli", "a story about Libya"), ("Idlib", ""),
             ("Tripoli", "Tripoli, Lebanon")] * 3  # a context naming the name itself
    batch = tmp_path / "repeated.csv"
    batch.write_text("context,name\n" + "".join(f'"{c}",{n}\n' for n, c in pairs),
                     encoding="utf-8")
    output = run("geocode", "--batch", batch, "--json").output
    data = json.loads(output)
    assert len(data) == len(pairs)
    assert output.count("\n") == len(pairs) + 2  # "[", one object a line, "]"
    for (name, context), got in zip(pairs, data):
        alone = json.loads(run("geocode", name, "--context", context, "--json").output)
        assert got == alone, (name, context)
    assert [d["country_code"] for d in data[:8]] == ["LBN", "LBY", "SYR", None, "LBN", "LBY",
                                                     "SYR", "LBN"]


def test_an_empty_batch_is_an_empty_array(run, tmp_path):
    batch = tmp_path / "empty.csv"
    batch.write_text("name\n\n", encoding="utf-8")
    assert json.loads(run("geocode", "--batch", batch, "--json").output) == []


def test_a_batch_shared_out_over_processes_answers_as_one_process(gaz_path, monkeypatch):
    """Past PARALLEL_FROM distinct rows the batch runs in worker processes, each with its
    own geocoder: the same answers, in the same order, as one process gives."""
    from geo.geocoding import batch as batch_mod
    from geo.geocoding.chain import GeocoderChain
    from geo.gazetteer import OfflineGazetteer

    rows = [batch_mod.BatchRow(n, c) for n, c in
            [("Tripoli", "Lebanon"), ("Tripoli", ""), ("Idlib", ""), ("Xyzzy", ""),
             ("Tripoli", "Tripoli, Lebanon"), ("Ariha", "Idlib province"), ("Idlib", "")] * 4]

    def opener():
        return GeocoderChain(OfflineGazetteer(path=gaz_path))

    alone = batch_mod.geocode_rows(opener(), rows, workers=1)
    monkeypatch.setattr(batch_mod, "PARALLEL_FROM", 2)
    shared = batch_mod.geocode_rows(opener(), rows, opener=opener, workers=2)
    assert shared == alone
    assert [a.country_code for a in shared[:7]] == ["LBN", "LBY", "SYR", None, "LBN", "SYR", "SYR"]


def test_a_context_naming_the_name_itself_is_still_left_out_in_a_batch(chain):
    """The context text is read once per text, but a name that occurs in it gets its own
    reading without itself (Tripoli in "Tripoli, Lebanon" must not confirm Libya's)."""
    from geo.geocoding.batch import BatchRow, geocode_one, geocode_rows

    rows = [BatchRow("Tripoli", "Tripoli, Lebanon"), BatchRow("Idlib", "Tripoli, Lebanon")]
    got = geocode_rows(chain, rows)
    assert got == [geocode_one(chain, r.name, r.context) for r in rows]
    assert got[0].country_code == "LBN"
