"""geo.ingest for the Ingest page: pasted text, uploaded bytes, the kinds registry."""

import pytest

from geo.ingest import (PASTED, UPLOAD_KINDS, Upload, ingest_text, ingest_upload, ingest_uploads,
                        report_rows, safe_upload_name)
from tests.conftest import ROOT
from tests.fakes import FakeGazetteer

ARTICLE = ("Tehran (IP) - Iranian President Rouhani has told his Turkish counterpart Erdogan "
           "that innocent people should be protected in Syria's Idlib province.\n\n"
           "Turkish troops clashed with Syrian forces near Saraqib on Friday.\n")


@pytest.fixture
def geocoder():
    return FakeGazetteer()


def test_pasted_text_is_stored_with_its_events(store, geocoder):
    result = ingest_text(ARTICLE, store, geocoder, title="Pasted",
                         metadata={"source": "Iran Press", "published": "2020-02-29"})
    assert result.error == "" and result.path == PASTED
    assert result.events >= 1 and result.added == result.events
    (art,) = store.list_articles()
    assert art["title"] == "Pasted" and art["source"] == "Iran Press"
    # the same text again: the same rows, nothing new
    again = ingest_text(ARTICLE, store, geocoder, title="Pasted")
    assert again.added == 0 and store.count_events() == result.events


def test_empty_paste_is_rejected_with_a_reason(store, geocoder):
    result = ingest_text("  \n ", store, geocoder)
    assert result.error == "pasted text: no article text found"
    assert store.count_events() == 0


def test_upload_keeps_its_name_in_the_store_and_in_errors(store, geocoder):
    ok = ingest_upload(Upload("report.txt", ARTICLE.encode()), store, geocoder)
    assert ok.error == "" and ok.path == "report.txt" and ok.events >= 1
    assert store.list_articles()[0]["path"] == "upload/report.txt"
    bad = ingest_upload(Upload("latin1.txt", "Caf\xe9 in Idlib".encode("latin-1")), store,
                        geocoder)
    assert bad.error.startswith("latin1.txt, line 1: not UTF-8 text")
    assert "/tmp" not in bad.error and "conflictmap-upload" not in bad.error
    broken = ingest_upload(Upload("a.json", b'{"text": 1}'), store, geocoder)
    assert broken.error == 'a.json: JSON article must be an object with a "text" string'


def test_unsupported_or_unknown_kinds_are_rejected(store, geocoder):
    pdf = ingest_upload(Upload("scan.pdf", b"%PDF-1.4"), store, geocoder)
    assert pdf.error.startswith("scan.pdf: unsupported file type")
    unknown = ingest_upload(Upload("x.csv", b"a,b"), store, geocoder, kind="nope")
    assert "unknown upload kind 'nope'" in unknown.error


@pytest.mark.parametrize("sent,name", [
    ("C:\\Users\\me\\a.txt", "a.txt"), ("../../etc/passwd.txt", "passwd.txt"),
    ("..", "upload"), ("", "upload"), ("a\x00b.txt", "ab.txt")])
def test_upload_names_are_plain_file_names(sent, name):
    assert safe_upload_name(sent) == name


def test_uploads_report_progress_and_rows(store, geocoder):
    seen = []
    report = ingest_uploads([Upload("a.md", ARTICLE.encode()), Upload("b.txt", b"")], store,
                            geocoder, progress=lambda done, total, name: seen.append(
                                (done, total, name)))
    assert seen == [(1, 2, "a.md"), (2, 2, "b.txt")]
    rows = report_rows(report)
    assert rows[0]["status"] == "added" and rows[0]["events"] >= 1 and rows[0]["reason"] == ""
    assert rows[1] == {"file": "b.txt", "status": "rejected", "events": None, "new": None,
                       "removed": None, "reason": "b.txt: empty file"}


def test_the_registry_accepts_articles_and_can_take_more(store, geocoder, monkeypatch):
    assert ".md" in UPLOAD_KINDS["article"].suffixes
    from geo.ingest import FileResult, UploadKind

    seen = []

    def fake_import(path, store, geocoder):
        seen.append((path.name, path.read_bytes()))
        return FileResult(path=str(path), events=3, added=3)

    monkeypatch.setitem(UPLOAD_KINDS, "ucdp", UploadKind("UCDP GED", (".csv",), fake_import))
    result = ingest_upload(Upload("ged.csv", b"id\n1\n"), store, geocoder, kind="ucdp")
    assert seen == [("ged.csv", b"id\n1\n")] and result.path == "ged.csv" and result.added == 3


def test_dataset_uploads_import_their_rows_and_list_the_rejected(store, geocoder, monkeypatch,
                                                                 tmp_path):
    from geo import settings
    from geo.ingest import report_rows, IngestReport

    monkeypatch.setattr(settings, "gazetteer_path", lambda: tmp_path / "no-gazetteer.sqlite")
    data = (ROOT / "tests" / "fixtures" / "datasets" / "ucdp_small.csv").read_bytes()
    result = ingest_upload(Upload("ged.csv", data), store, geocoder, kind="ucdp")
    assert result.error == "" and result.added == 4 and store.count_events() == 4
    assert result.rejected_rows and all(r.startswith("ged.csv, row ") for r in result.rejected_rows)
    row = report_rows(IngestReport(files=[result]))[0]
    assert row["status"].startswith("added;") and "row 5" in row["reason"]
    again = ingest_upload(Upload("ged.csv", data), store, geocoder, kind="ucdp")
    assert again.added == 0 and store.count_events() == 4
