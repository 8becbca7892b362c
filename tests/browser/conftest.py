"""Browser fixtures: Debian Chromium through Playwright, with the network cut off.

- ``browser``: one headless Chromium per worker (``/usr/bin/chromium``; never
  ``playwright install``).
- ``page``: a fresh page whose every request to anything but 127.0.0.1/localhost
  (or data:/blob:/about:) is aborted and recorded; it also records console
  errors and uncaught exceptions. It is a :class:`OfflinePage`: Playwright's
  page methods work on it directly.
- ``serve_folder(root, mounts=...)``: serve folders on 127.0.0.1 on a free port.
- ``streamlit_app(env=...)``: start ``streamlit run dashboard.py`` on a free
  port with the test's environment variables; stopped after the test.

Mark browser tests ``@pytest.mark.browser`` and
``@pytest.mark.xdist_group("browser")`` (``pytest -n 2 --dist loadgroup`` keeps
them in one worker).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import posixpath
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about"}
ASSET_TYPES = {"script", "stylesheet", "font"}
ASSET_SUFFIXES = (".js", ".mjs", ".css", ".woff", ".woff2", ".ttf", ".otf", ".eot")
SCREENSHOTS = ROOT / "screenshots"


# -- Chromium -----------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class BlockedRequest:
    url: str
    resource_type: str

    @property
    def is_asset(self) -> bool:
        """A script, stylesheet or font: never acceptable from off the machine."""
        path = urllib.parse.urlsplit(self.url).path.lower()
        return self.resource_type in ASSET_TYPES or path.endswith(ASSET_SUFFIXES)


@dataclass
class OfflinePage:
    """A Playwright page with every non-local request blocked and recorded."""

    page: Any
    blocked: list[BlockedRequest] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, source URL)
    page_errors: list[str] = field(default_factory=list)
    local_failures: list[str] = field(default_factory=list)  # local 4xx/5xx responses

    def __getattr__(self, name: str) -> Any:  # delegate goto, wait_for_selector, ...
        return getattr(self.page, name)

    def throttle_cpu(self, rate: float) -> None:
        """Run the page's scripts ``rate`` times slower (Chrome DevTools' CPU
        throttling): a busy machine, reproduced on any machine."""
        cdp = self.page.context.new_cdp_session(self.page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})

    def blocked_assets(self) -> list[BlockedRequest]:
        return [b for b in self.blocked if b.is_asset]

    def unexpected_errors(self) -> list[str]:
        """Uncaught exceptions, local 4xx/5xx responses and console errors, except
        the "Failed to load resource" lines of requests blocked here on purpose
        (those are checked apart, with :meth:`blocked_assets`)."""
        blocked = {b.url for b in self.blocked}
        errors = [f"uncaught: {e}" for e in self.page_errors]
        errors += [f"HTTP error: {u}" for u in self.local_failures]
        errors += [text for text, url in self.console_errors if url not in blocked]
        return errors


def _is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


@pytest.fixture
def page(browser: Any) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pw_page = context.new_page()
    offline = OfflinePage(pw_page)

    def route(route: Any) -> None:
        request = route.request
        if _is_local(request.url):
            route.continue_()
        else:
            offline.blocked.append(BlockedRequest(request.url, request.resource_type))
            route.abort()

    def console(msg: Any) -> None:
        if msg.type == "error":
            offline.console_errors.append((msg.text, (msg.location or {}).get("url", "")))

    def response(resp: Any) -> None:
        if resp.status >= 400 and _is_local(resp.url):
            offline.local_failures.append(f"{resp.status} {resp.url}")

    pw_page.route("**/*", route)
    pw_page.on("console", console)
    pw_page.on("pageerror", lambda exc: offline.page_errors.append(str(exc)))
    pw_page.on("response", response)
    try:
        yield offline
    finally:
        context.close()


# -- conditions to wait for (never a fixed time) ---------------------------------

# Streamlit's run state is on its root element: "running" while the script runs,
# "notRunning" once the run is done; stale elements (kept from the run before)
# carry data-stale="true" until the run replaces or drops them.
APP_IDLE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.dataset.testScriptState === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && !document.querySelector('[data-stale="true"]');
}"""
# every same-origin frame loaded, its images settled (an onerror has fired by then)
LOADED_JS = """() => {
    const docs = [document];
    for (const f of document.querySelectorAll('iframe')) {
        try { if (f.contentDocument) docs.push(f.contentDocument); } catch (e) {}
    }
    return docs.every(d => d.readyState === 'complete'
        && [...d.images].every(i => i.complete));
}"""
IN_A_FRAME_JS = """sel => [...document.querySelectorAll('iframe')].some(f => {
    try { return !!(f.contentDocument && f.contentDocument.querySelector(sel)); }
    catch (e) { return false; }
})"""


def wait_app_idle(page: Any, timeout_ms: int = 60_000) -> None:
    """Until the app's run has finished and its page has loaded (frames, images)."""
    page.wait_for_function(APP_IDLE_JS, timeout=timeout_ms)
    page.wait_for_function(LOADED_JS, timeout=timeout_ms)
    next_paint(page)


def next_paint(page: Any) -> None:
    """Until the browser has drawn two more frames (a scroll or a popup is on screen)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def frame_with(page: Any, selector: str, timeout_ms: int = 60_000) -> Any:
    """The (same-origin) iframe's frame once it holds ``selector``, e.g. the map's markers."""
    page.wait_for_function(IN_A_FRAME_JS, arg=selector, timeout=timeout_ms)
    for frame in page.frames:
        if frame is not page.main_frame and frame.locator(selector).count():
            return frame
    raise AssertionError(f"no frame holds {selector}")


# -- a local file server --------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler(http.server.SimpleHTTPRequestHandler):
    mounts: dict[str, Path] = {}

    def translate_path(self, path: str) -> str:
        clean = posixpath.normpath(urllib.parse.unquote(urllib.parse.urlsplit(path).path))
        for prefix, folder in sorted(self.mounts.items(), key=lambda kv: -len(kv[0])):
            if clean == prefix.rstrip("/") or clean.startswith(prefix.rstrip("/") + "/"):
                rest = clean[len(prefix.rstrip("/")):].lstrip("/")
                return str(Path(folder) / rest)
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@contextlib.contextmanager
def serve(root: Path, mounts: dict[str, Path] | None = None) -> Iterator[str]:
    """Serve ``root`` (and ``mounts``: URL prefix -> folder) on 127.0.0.1; yields the base URL."""
    handler = type("Handler", (_Handler,), {"mounts": dict(mounts or {})})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def serve_folder() -> Iterator[Callable[..., str]]:
    """``serve_folder(root, mounts={"/app/static": static_dir})`` -> base URL."""
    with contextlib.ExitStack() as stack:
        yield lambda root, mounts=None: stack.enter_context(serve(Path(root), mounts))


# -- Streamlit -----------------------------------------------------------------

def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def wait_for_health(base_url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        with contextlib.suppress(OSError):
            with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {base_url} in {timeout:.0f} s")


@pytest.fixture
def streamlit_app(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """``streamlit_app(env={"DATABASE_URL": ...}, script="dashboard.py", warm=False)`` -> base URL.

    The app runs from the project root on a free 127.0.0.1 port; its output goes
    to ``tmp_path/streamlit-<port>.log`` (shown when it fails to start).
    """
    started: list[tuple[subprocess.Popen, Any]] = []

    def start(env: dict[str, str] | None = None, script: str = "dashboard.py",
              timeout: float = 60.0, warm: bool = False) -> str:
        """``warm``: start it as ``make run`` does, ``python -m geo serve`` (dashboard.py)."""
        port = free_port()
        log = open(tmp_path / f"streamlit-{port}.log", "wb")
        launcher = ["-m", "geo", "serve"] if warm else ["-m", "streamlit", "run", script]
        cmd = [_python(), *launcher, "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false"]
        proc_env = {**os.environ, **(env or {})}
        # the app may teach its gazetteer (first-start demo import, dataset uploads):
        # give it a copy, so no test changes data/gazetteer.sqlite for the others
        shipped = ROOT / "data" / "gazetteer.sqlite"
        if "CONFLICTMAP_GAZETTEER" not in (env or {}) and shipped.exists():
            own = tmp_path / f"gazetteer-{port}.sqlite"
            shutil.copyfile(shipped, own)
            proc_env["CONFLICTMAP_GAZETTEER"] = str(own)
        proc = subprocess.Popen(cmd, cwd=ROOT, env=proc_env, stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        started.append((proc, log))
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_for_health(base_url, proc, timeout)
        except (RuntimeError, TimeoutError) as exc:
            log.flush()
            output = (tmp_path / f"streamlit-{port}.log").read_text(errors="replace")[-4000:]
            raise RuntimeError(f"{exc}\n--- streamlit output ---\n{output}") from None
        return base_url

    try:
        yield start
    finally:
        for proc, log in started:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
            log.close()
