"""The command line as a user runs it: `python -m geo ...` in a subprocess."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, make_event

SEED = ROOT / "seeds" / "000_04e7ac960a2816e0.txt"


def run_cli(*args, db_url=None, timeout=120):
    env = dict(os.environ)
    if db_url:
        env["DATABASE_URL"] = db_url
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x00\x01\x02\xffGIF89a\x00", "binary file"),
    ("latin1.txt", b"Clashes in Kafr Nabl\nCaf\xe9\n", "not UTF-8"),
])
def test_unreadable_input_exits_1_with_one_line(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    result = run_cli("extract", p, "--json")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(p) in lines[0] and reason in lines[0]
    assert result.stdout == ""


def test_missing_file_is_reported(tmp_path):
    result = run_cli("extract", tmp_path / "nope.txt", "--json")
    assert result.returncode == 1 and "no such file" in result.stderr


def test_ingest_keeps_going_past_a_bad_file_and_stores_nothing_twice(tmp_path, db_url):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    good = tmp_path / "good.txt"
    good.write_bytes(SEED.read_bytes())
    (tmp_path / "good.meta.yaml").write_text("published: 2020-02-29\n")
    first = run_cli("ingest", tmp_path, db_url=db_url)
    assert first.returncode == 1 and "bad.txt" in first.stderr
    stored = json.loads(run_cli("events", "--json", db_url=db_url).stdout)
    assert len(stored) > 0
    run_cli("ingest", tmp_path, db_url=db_url)
    again = json.loads(run_cli("events", "--json", db_url=db_url).stdout)
    assert sorted(e["event_id"] for e in again) == sorted(e["event_id"] for e in stored)


def test_extract_seed_json_has_events_at_tehran_and_idlib():
    result = run_cli("extract", SEED, "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {"event_id", "event_date", "event_type", "actor1", "location", "latitude",
            "longitude", "geo_precision", "evidence"} <= set(found[0])
    places = {e["location"] for e in found}
    assert "Tehran" in places and any("Idlib" in p for p in places)
    assert all(e["event_date"] <= "2020-02-29" for e in found if e["event_date"])
    assert not any(e["location"] == "Astana" for e in found)


def test_events_filters(db_url):
    from geo.store import Store
    import datetime as dt

    Store(db_url).upsert_events([
        make_event(1), make_event(2, event_type="Diplomacy", country_code="IRN", country="Iran"),
        make_event(3, event_date=dt.date(2019, 12, 1)),
    ])
    out = run_cli("events", "--json", db_url=db_url)  # once as its own process
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)) == 3

    def ids(*args):  # the filters in this process: the same command, no start-up each
        from click.testing import CliRunner

        from geo.cli import cli

        result = CliRunner().invoke(cli, ["events", "--json", *args],
                                    env={"DATABASE_URL": db_url}, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return len(json.loads(result.output))
    assert ids() == 3
    assert ids("--country", "SYR") == 2
    assert ids("--type", "Diplomacy") == 1
    assert ids("--since", "2020-01-01", "--until", "2020-12-31") == 2
    assert ids("--actor", "Military Forces of Syria", "--type", "Battles") == 2


def test_events_bad_date_is_an_error(db_url):
    out = run_cli("events", "--json", "--since", "yesterday", db_url=db_url)
    assert out.returncode == 1 and "--since" in out.stderr
