"""Safe defaults: the dashboard listens on 127.0.0.1 unless asked otherwise, and an
upload never writes outside its own temporary folder, whatever its name."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

from geo.ingest import Upload, ingest_upload, safe_upload_name
from tests.conftest import ROOT
from tests.fakes import FakeGazetteer
from tests.test_ingest_pages import ARTICLE


def test_the_shipped_config_listens_on_loopback_only():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port`` (from /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_streamlit_run_without_options_listens_on_127_0_0_1(tmp_path):
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'events.sqlite'}"}
    log = open(tmp_path / "streamlit.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py",
                             "--server.port", str(port)], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, (tmp_path / "streamlit.log").read_text()
            assert time.monotonic() < deadline, "streamlit did not start"
            time.sleep(0.2)  # polling a condition (health), not waiting a fixed time
        assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    assert "Network URL" not in (tmp_path / "streamlit.log").read_text()


HOSTILE_NAMES = [
    "../x.txt", "../../../../../../tmp/escaped.txt", "/etc/passwd.txt", "/tmp/abs.txt",
    "a\x00b.txt", "..\\..\\windows.txt", "C:\\Windows\\system32\\evil.txt",
    "\\\\server\\share\\unc.txt", "x" * 5000 + ".txt", "é" * 300 + ".txt", ".txt", "....txt",
    "a/b/../../../c.txt", "\n\r\t.txt", "CON.txt", "~/.bashrc.txt", "$(id).txt",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda n: repr(n[:30]))
def test_a_hostile_upload_name_never_writes_outside_its_folder(store, tmp_path, monkeypatch,
                                                                 name):
    scratch, cwd = tmp_path / "scratch", tmp_path / "cwd"
    scratch.mkdir()
    cwd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(cwd)
    before = set(tmp_path.rglob("*"))
    result = ingest_upload(Upload(name, ARTICLE.encode()), store, FakeGazetteer())
    assert result.error == "", result.error
    assert result.events >= 1
    after = {p for p in tmp_path.rglob("*") if not p.name.startswith("events.sqlite")}
    assert after - before == set()  # the temporary folder is gone, nothing left anywhere
    assert not Path("/tmp/escaped.txt").exists() and not Path("/tmp/abs.txt").exists()
    (article,) = store.list_articles()
    stored = article["path"]
    assert stored.startswith("upload/") and "/" not in stored[len("upload/"):]
    assert ".." not in stored.split("/") and "\\" not in stored and "\x00" not in stored


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=lambda n: repr(n[:30]))
def test_safe_names_are_short_plain_and_keep_their_suffix(name):
    safe = safe_upload_name(name)
    assert len(safe.encode()) <= 200 and safe.endswith(".txt")
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe and safe not in (".", "..")
