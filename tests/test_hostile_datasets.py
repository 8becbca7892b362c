"""Hostile dataset files: huge numbers, dates out of range, cut-off archives, bad first
lines, floats as codes, thousands of rejections. No row crashes an import; a bad row is
rejected by number and the rest are stored; a poisoned store still reads."""

from __future__ import annotations

import csv
import gzip
import io
import sqlite3

import pytest

from geo.errors import InputError
from geo.importers import import_file
from tests.test_cli import run_cli
from tests.test_importers import ACLED, GDELT, UCDP


def _ucdp_rows(n: int, **changes: dict[int, str]) -> bytes:
    """A UCDP file of ``n`` copies of the fixture's first good row (ids 700000+), with
    ``changes = {column: {row_number: value}}`` (row 2 is the first event)."""
    return _csv_rows(UCDP, "id", lambda k: str(700000 + k), n, changes)


def _csv_rows(path, id_column, make_id, n, changes) -> bytes:
    header, first = list(csv.reader(io.StringIO(path.read_text())))[:2]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for k in range(n):
        cells = list(first)
        cells[header.index(id_column)] = make_id(k)
        for column, at in changes.items():
            if k + 2 in at:
                cells[header.index(column)] = at[k + 2]
        writer.writerow(cells)
    return out.getvalue().encode()


def _acled_rows(n: int, **changes: dict[int, str]) -> bytes:
    return _csv_rows(ACLED, "event_id_cnty", lambda k: f"SYR{700000 + k}", n, changes)


def _gdelt_rows(n: int, **changes: dict[int, str]) -> bytes:
    from geo.importers.gdelt import COLUMNS

    first = GDELT.read_text().splitlines()[0]
    lines = []
    for k in range(n):
        cells = first.split("\t")
        cells[COLUMNS.index("GLOBALEVENTID")] = str(800000000 + k)
        for column, at in changes.items():
            if k + 1 in at:
                cells[COLUMNS.index(column)] = at[k + 1]
        lines.append("\t".join(cells))
    return ("\n".join(lines) + "\n").encode()


def _reasons(report) -> dict[int, str]:
    return {e.row: e.reason for e in report.errors}


# -- numbers -------------------------------------------------------------------------


@pytest.mark.parametrize("huge", ["1e400", "99999999999999999999", "-1e400", "inf", "nan"])
def test_a_huge_number_of_deaths_is_a_rejected_row_not_a_lost_file(store, tmp_path, huge):
    ucdp = tmp_path / "ucdp.csv"
    ucdp.write_bytes(_ucdp_rows(6, best={3: huge}))
    report = import_file(ucdp, "ucdp", store)
    assert (report.added, report.rejected) == (5, 1)
    assert "best" in _reasons(report)[3]
    acled = tmp_path / "acled.csv"
    acled.write_bytes(_acled_rows(6, fatalities={4: huge}))
    report = import_file(acled, "acled", store)
    assert (report.added, report.rejected) == (5, 1)
    assert "fatalities" in _reasons(report)[4]


def test_deaths_are_bounded_to_a_million_per_event(store, tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_bytes(_ucdp_rows(4, best={2: "1000000", 3: "1000001"}))
    report = import_file(path, "ucdp", store)
    assert (report.added, report.rejected) == (3, 1)
    assert "1000001" in _reasons(report)[3]


# -- dates ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["1676-07-16", "1899-12-31", "2999-01-01", "0001-01-01"])
def test_event_dates_outside_1900_to_next_year_are_rejected(store, tmp_path, bad):
    path = tmp_path / "ucdp.csv"
    path.write_bytes(_ucdp_rows(4, date_start={3: bad}, date_end={3: bad}))
    report = import_file(path, "ucdp", store)
    assert (report.added, report.rejected) == (3, 1)
    assert "date" in _reasons(report)[3] and "1900" in _reasons(report)[3]
    acled = tmp_path / "acled.csv"
    acled.write_bytes(_acled_rows(4, event_date={2: bad}))
    report = import_file(acled, "acled", store)
    assert (report.added, report.rejected) == (3, 1) and 2 in _reasons(report)
    gdelt = tmp_path / "gdelt.CSV"
    gdelt.write_bytes(_gdelt_rows(4, SQLDATE={4: bad.replace("-", "")}))
    report = import_file(gdelt, "gdelt", store)
    assert (report.added, report.rejected) == (3, 1) and 4 in _reasons(report)


def test_a_store_poisoned_with_an_old_date_still_reads(db_url, store, tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_bytes(_ucdp_rows(3))
    import_file(path, "ucdp", store)
    # a row stored by an older version, before dates were checked
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as db:
        db.execute("UPDATE events SET event_date = '1676-07-16' WHERE event_id = 'ucdp:700001'")
        db.execute("UPDATE events SET published = '0001-01-01' WHERE event_id = 'ucdp:700002'")
    frame = store.load_frame()
    assert len(frame) == 3
    assert frame.set_index("event_id").loc["ucdp:700000", "event_date"].year == 2016
    assert frame.set_index("event_id")["event_date"].isna().sum() == 1
    result = run_cli("events", "--json", db_url=db_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"event_id"') == 3
    assert "1676-07-16" in result.stderr  # named in a warning, not silently dropped


# -- codes and layouts -----------------------------------------------------------------


def test_ucdp_type_of_violence_as_a_float_is_accepted_like_other_codes(store, tmp_path):
    path = tmp_path / "ucdp.csv"
    path.write_bytes(_ucdp_rows(3, type_of_violence={2: "1.0", 3: "3.0"},
                                where_prec={4: "1.0"}))
    report = import_file(path, "ucdp", store)
    assert (report.added, report.rejected) == (3, 0), report.error_lines()


def test_gdelt_file_with_a_malformed_first_line_is_read_from_the_second(store, tmp_path):
    path = tmp_path / "gdelt.CSV"
    good = _gdelt_rows(5).decode().splitlines()
    path.write_text("\t".join(good[0].split("\t")[:20]) + "\n" + "\n".join(good[1:]) + "\n")
    report = import_file(path, "gdelt", store)
    assert (report.added, report.rejected) == (4, 1)
    assert "expected 61" in _reasons(report)[1]


def test_a_gdelt_layout_is_still_refused_when_no_line_fits(store, tmp_path):
    path = tmp_path / "gdelt.CSV"
    path.write_text("a\tb\tc\n" * 50)
    with pytest.raises(InputError, match="expected 61"):
        import_file(path, "gdelt", store)


def test_every_rejected_row_is_listed(db_url, tmp_path):
    bad = {n: "not-a-date" for n in range(2, 2502)}
    path = tmp_path / "ucdp.csv"
    path.write_bytes(_ucdp_rows(2600, date_start=bad))
    result = run_cli("import", "ucdp", path, "--no-learn", db_url=db_url)
    assert result.stdout.strip() == "read 2600 rows: 100 added, 0 already stored, 2500 rejected"
    lines = [line for line in result.stderr.splitlines() if ", row " in line]
    assert len(lines) == 2500 and "not listed" not in result.stderr
    assert lines[-1] == f"{path}, row 2501: date_start is not a date: 'not-a-date'"


# -- archives ------------------------------------------------------------------------


def test_a_gzip_cut_off_mid_stream_is_named_with_its_reason(db_url, tmp_path):
    whole = gzip.compress(_ucdp_rows(3000))
    path = tmp_path / "ucdp.csv.gz"
    path.write_bytes(whole[:len(whole) // 2])
    result = run_cli("import", "ucdp", path, "--no-learn", db_url=db_url)
    assert result.returncode == 1
    assert "Aborted" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(path) in errors[0]
    assert "cut off" in errors[0] or "ended" in errors[0]


def test_a_gzip_cut_off_after_a_first_block_keeps_what_was_read(store, tmp_path):
    from geo.importers import get_importer

    whole = gzip.compress(_ucdp_rows(3000))
    path = tmp_path / "ucdp.csv.gz"
    path.write_bytes(whole[:len(whole) * 3 // 4])
    report = import_file(path, get_importer("ucdp", block_bytes=64 * 1024), store)
    assert report.added > 0 and store.count_events() == report.added
    assert str(path) in report.failure and "cannot read past row" in report.failure
