"""A throwaway PostgreSQL server for the tests, started by the tests themselves.

As TESTING.md describes: Debian's server binaries (``/usr/lib/postgresql/*/bin``),
``initdb`` in a temporary folder, ``pg_ctl start`` on 127.0.0.1 and a free port,
the socket in the same folder; as root the server runs as the ``postgres`` user
(PostgreSQL refuses root). One server per test session (per pytest-xdist
worker), stopped at the end, also when tests fail. Each test gets its own
database (``pg_database_url``), dropped after it.

Not being able to start a server is a test FAILURE (``make test`` installs
postgresql). The only skip: not root and no server binaries (nothing to install
them with), said with the reason.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN_GLOB = "/usr/lib/postgresql/*/bin"


def _bin_dir() -> Path | None:
    found = [Path(d) for d in glob.glob(BIN_GLOB) if (Path(d) / "initdb").exists()]
    return max(found, key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0) \
        if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    folder: Path
    port: int
    as_postgres: bool

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.as_postgres:
            cmd = ["su", "postgres", "-c", shlex.join(cmd)]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    @classmethod
    def start(cls) -> "PostgresServer":
        bin_dir = _bin_dir()
        root = os.geteuid() == 0
        if bin_dir is None:
            if not root and not os.environ.get("CI"):
                pytest.skip("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin) "
                            "and not root to install them: `sudo apt-get install postgresql`")
            pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
        if root:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                pytest.fail("running as root but there is no `postgres` user to run the server "
                            "(Debian's postgresql package creates it)")
        folder = Path(tempfile.mkdtemp(prefix="conflictmap-pg-"))
        if root:
            shutil.chown(folder, user="postgres")
        errors = []
        for _ in range(3):  # a port taken meanwhile (another xdist worker): try another
            server = cls(bin_dir, folder, _free_port(), root)
            if not (folder / "data").exists():
                done = server._run("initdb", "-D", str(folder / "data"), "-A", "trust",
                                   "-U", "postgres", "-E", "UTF8")
                if done.returncode:
                    errors.append(done.stderr.strip())
                    break
            done = server._run(
                "pg_ctl", "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
                "-o", f"-c listen_addresses=127.0.0.1 -p {server.port} -k {folder} "
                      "-c fsync=off -c full_page_writes=off",
                "start")
            if done.returncode == 0:
                atexit.register(server.stop)
                return server
            log = folder / "log"
            errors.append(done.stderr.strip() + (log.read_text()[-2000:] if log.exists() else ""))
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail("could not start a PostgreSQL server for the tests:\n" + "\n".join(errors))

    def stop(self) -> None:
        if self.folder.exists():
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The URL of this session's throwaway server (its ``postgres`` database)."""
    server = PostgresServer.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_database_url(postgres_url) -> str:
    """A fresh, empty database on the session's server, dropped after the test."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
