"""`python -m geo import ucdp|acled|gdelt FILE` as a user runs it (subprocess)."""

import json

from tests.test_cli import run_cli
from tests.test_importers import ACLED, GDELT, UCDP


def test_import_reports_bad_rows_stores_the_rest_and_closes_with_a_summary(db_url):
    result = run_cli("import", "acled", ACLED, "--no-learn", db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "read 9 rows: 3 added, 0 already stored, 6 rejected"
    lines = [line for line in result.stderr.splitlines() if ", row " in line]
    assert lines[0] == f"{ACLED}, row 5: event_type is not in the taxonomy: 'Cyber attack'"
    assert f"{ACLED}, row 9: 32 columns, expected 31" in lines and len(lines) == 6
    again = run_cli("import", "acled", ACLED, "--no-learn", db_url=db_url)
    assert again.stdout.strip() == "read 9 rows: 0 added, 3 already stored, 6 rejected"


def test_imported_events_show_in_events_json(db_url):
    from geo.importers import import_file
    from geo.store import Store

    assert run_cli("import", "ucdp", UCDP, "--no-learn", db_url=db_url).returncode == 0
    import_file(GDELT, "gdelt", Store(db_url))
    out = run_cli("events", "--json", db_url=db_url)
    events = json.loads(out.stdout)
    assert len(events) == 9
    assert {e["origin"] for e in events} == {"ucdp", "gdelt"}
    syria = json.loads(run_cli("events", "--json", "--country", "SYR", db_url=db_url).stdout)
    assert "ucdp:900001" in {e["event_id"] for e in syria}


def test_unreadable_file_is_one_line_and_exit_1(db_url, tmp_path):
    result = run_cli("import", "gdelt", UCDP, "--no-learn", db_url=db_url)
    assert result.returncode == 1 and result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and str(UCDP) in lines[0] and "expected 61" in lines[0]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run_cli("import", "ucdp", empty, db_url=db_url)
    assert result.returncode == 1 and "empty file" in result.stderr


def test_a_file_with_no_good_row_exits_1(db_url, tmp_path):
    path = tmp_path / "bad.csv"
    header, *rows = UCDP.read_text().splitlines(keepends=True)
    path.write_text(header + rows[3])  # the bad date only
    result = run_cli("import", "ucdp", path, "--no-learn", db_url=db_url)
    assert result.returncode == 1
    assert result.stdout.strip() == "read 1 rows: 0 added, 0 already stored, 1 rejected"


def test_import_teaches_the_configured_gazetteer(db_url, tmp_path, monkeypatch):
    from tests.test_importers import _small_gazetteer

    gaz = _small_gazetteer(tmp_path / "gaz.sqlite")
    monkeypatch.setenv("CONFLICTMAP_GAZETTEER", str(gaz))
    result = run_cli("import", "ucdp", UCDP, db_url=db_url)
    assert result.returncode == 0 and "learned:ucdp:" in result.stderr
